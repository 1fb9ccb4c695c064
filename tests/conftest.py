"""Test-wide set-up: the Qt Designer forms compiled, Qt offscreen, QtWebEngine before
the QApplication, a qasync loop that turns loop exceptions into failures, and temporary
data folders."""

from __future__ import annotations

import asyncio
import os
import sys

# Qt must be configured before anything creates the QApplication.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must precede the QApplication)
import pytest  # noqa: E402


def pytest_configure(config):
    """Compile the forms (ui/*.ui) that are missing or older than their .ui before the
    tests import the dialogs: a checkout run with PYTHONPATH has no build step."""
    from c4console.gui.forms_build import build

    build()


@pytest.fixture(scope="session")
def qapp_args():
    """pytest-qt's QApplication gets a real argv[0] (QtWebEngine needs one)."""
    return [sys.argv[0] or "c4console-tests", "--no-sandbox"]


@pytest.fixture
def qloop(qapp):
    """A qasync event loop on the test's QApplication; loop exceptions fail the test."""
    from c4console.gui.shell.gui_thread_gc import collect_on_gui_thread
    from c4console.gui.shell.qt_loop import reusable_loop

    collect_on_gui_thread(qapp)  # as the console does: Qt objects die on the GUI thread only
    loop = reusable_loop(qapp)
    errors: list[dict] = []
    loop.set_exception_handler(lambda _loop, ctx: errors.append(ctx))
    asyncio.set_event_loop(loop)
    yield loop
    # Let cancelled tasks finish before closing.
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    asyncio.set_event_loop(None)
    if errors:
        pytest.fail(f"event loop exceptions: {errors!r}")


@pytest.fixture
def central(tmp_path):
    """A real central process (the embedded default) on loopback with an empty SQLite DB
    and one account made with --bootstrap-user: yields a tests.central.helpers.CentralAccess
    (``api``, ``osmand``, ``username`` operadora1 (operator), ``password``,
    ``password_file``, ``headers()`` for a logged-in request)."""
    from c4console.sync.processes import EmbeddedCentral
    from tests.central.helpers import TEST_PASSWORD, CentralAccess, password_file

    secret = password_file(tmp_path / "secrets", TEST_PASSWORD)
    proc = EmbeddedCentral(tmp_path / "central-data", bootstrap_user="operadora1",
                           bootstrap_role="operator", bootstrap_password_file=secret)
    endpoints = asyncio.run(proc.start_and_wait())
    yield CentralAccess(endpoints.api, endpoints.osmand, endpoints.pid, "operadora1", TEST_PASSWORD,
                        secret)
    proc.stop()


@pytest.fixture
def demo_central(tmp_path):
    """A real central seeded with the demo jurisdiction (beneficiaries, devices, patrols) and
    the demo accounts: yields a CentralAccess logged in as operadora1 (password demo-c4)."""
    from c4console.central.bootstrap import DEMO_PASSWORD
    from c4console.sync.processes import EmbeddedCentral
    from tests.central.helpers import CentralAccess, password_file

    # The registry only: these tests count and pick incidents themselves; the demo's prior
    # incidents and cases are tested in tests/central/test_demo_cases.py and the screenshot.
    proc = EmbeddedCentral(tmp_path / "central-data", demo=True, extra_args=["--no-demo-history"])
    endpoints = asyncio.run(proc.start_and_wait())
    yield CentralAccess(endpoints.api, endpoints.osmand, endpoints.pid, "operadora1", DEMO_PASSWORD,
                        password_file(tmp_path / "secrets", DEMO_PASSWORD))
    proc.stop()


def pytest_collection_modifyitems(config, items):
    """Mark what needs the Linux test machines (tests/linux_only.py): Windows runs the rest."""
    from tests.linux_only import mark_linux_only

    mark_linux_only(items)
