"""Login dialog against a real central, and the idle lock of a running console."""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from c4console.gui.shell.cli_args import parse_args
from c4console.gui.shell.session import ConsoleSession
from tests.gui.console_harness import demo_devices, osmand, start_session, stop_session, until


def _dialog():
    return next((w for w in QApplication.topLevelWidgets()
                 if w.objectName() == "loginDialog" and w.isVisible()), None)


def _submit(dialog, user: str, password: str) -> None:
    dialog.user.setText(user)
    dialog.password.setText(password)
    buttons = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_login_dialog_refuses_a_wrong_password_then_logs_in(qapp, qloop, central, tmp_path):
    async def scenario():
        args = parse_args(["--server", central.api, "--data-dir", str(tmp_path / "console")])
        session = ConsoleSession(qapp, args, tmp_path / "console")
        starting = asyncio.ensure_future(session.start())
        try:
            dialog = await until(_dialog, 10, "login dialog shown")
            _submit(dialog, central.username, "not-the-password")
            # the dialog comes back saying why, with the user name kept
            again = await until(lambda: (d := _dialog()) is not None and d is not dialog
                                and "incorrectos" in d.message.text() and d, 10, "refusal shown")
            assert again.user.text() == central.username
            _submit(again, central.username, central.password)
            window = await asyncio.wait_for(starting, 30)
            assert window is not None and window.isVisible()
            await until(lambda: session.engine.connected, 10, "engine connected with the login")
            assert session.engine.client.info.user == central.username
            assert session.engine.client.info.role == "operator"
        finally:
            if not starting.done():
                starting.cancel()
            await stop_session(session)

    qloop.run_until_complete(scenario())


def test_quitting_at_the_login_dialog_starts_nothing(qapp, qloop, central, tmp_path):
    async def scenario():
        args = parse_args(["--server", central.api, "--data-dir", str(tmp_path / "console")])
        session = ConsoleSession(qapp, args, tmp_path / "console")
        starting = asyncio.ensure_future(session.start())
        dialog = await until(_dialog, 10, "login dialog shown")
        dialog.reject()
        assert await asyncio.wait_for(starting, 10) is None
        assert session.engine is None and session.window is None
        await session.stop()

    qloop.run_until_complete(scenario())


def test_idle_console_locks_counts_alarms_and_unlocks_with_the_password(qapp, qloop, demo_central,
                                                                        tmp_path):
    data = tmp_path / "console"
    data.mkdir()
    (data / "c4console.ini").write_text("[security]\nlock_minutes=0.01\n")  # 0.6 s

    async def scenario():
        session = await start_session(qapp, demo_central.api, data)
        win = session.window
        try:
            cover = win.lock_cover
            await until(lambda: cover.locked, 10, "window locked after idle time")
            assert not any(a.isEnabled() for a in win.actions()), "shortcuts must be off while locked"
            row = demo_devices()[3]
            status, body = await osmand(demo_central.osmand, id=row["device_id"], lat=row["home_lat"],
                                        lon=row["home_lon"], timestamp=int(time.time()), alarm="sos")
            assert status == 200, body
            await until(lambda: cover.alarms == 1, 10, "alarm counted on the cover")
            assert "1" in cover.counter.text()
            cover.password.setText("wrong")
            assert cover.try_unlock() is False and cover.locked
            assert cover.error.text()
            cover.password.setText(demo_central.password)
            assert cover.try_unlock() is True
            assert not cover.locked
            assert all(a.isEnabled() for a in win.actions() if a.isVisible())
        finally:
            await stop_session(session)

    qloop.run_until_complete(scenario())


def test_console_on_a_tls_central_trusts_the_given_ca_file(qapp, qloop, tmp_path):
    from c4console.sync.processes import EmbeddedCentral
    from tests.central.certs import self_signed
    from tests.central.helpers import TEST_PASSWORD, password_file

    cert, key = self_signed(tmp_path / "tls")
    secret = password_file(tmp_path / "secrets", TEST_PASSWORD)
    proc = EmbeddedCentral(tmp_path / "central", bootstrap_user="operadora1",
                           bootstrap_password_file=secret,
                           extra_args=["--tls-cert", str(cert), "--tls-key", str(key)])

    async def scenario():
        endpoints = await proc.start_and_wait()
        assert endpoints.api.startswith("https://")
        session = await start_session(qapp, endpoints.api, tmp_path / "console", "--ca-file",
                                      str(cert), password=TEST_PASSWORD)
        try:
            await until(lambda: session.engine.connected, 15, "connected over TLS")
            assert session.engine.client.info.user == "operadora1"
        finally:
            await stop_session(session)

    try:
        qloop.run_until_complete(scenario())
    finally:
        proc.stop()


def test_each_role_sees_its_tools(qapp, qloop, demo_central, tmp_path):
    from c4console.core.enums import UnitStatus

    async def scenario():
        seen = {}
        for user in ("operadora1", "jefe1"):
            session = await start_session(qapp, demo_central.api, tmp_path / user, user=user)
            win = session.window
            try:
                box = win.units.status_box
                seen[user] = (win.m_shift.menuAction().isVisible(),
                              box.findData(UnitStatus.OUT_OF_SERVICE.value) >= 0,
                              win.status.user.text())
            finally:
                await stop_session(session)
        assert seen["operadora1"][:2] == (False, False)
        assert seen["jefe1"][:2] == (True, True)
        assert seen["operadora1"][2].startswith("operadora1 · ")
        assert seen["jefe1"][2].startswith("jefe1 · ")

    qloop.run_until_complete(scenario())
