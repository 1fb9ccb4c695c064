"""A role that must have a second factor (issue 16 point 8) at the console's login,
against a real central (``c4central serve`` with its default ``mfa_required_roles``):
the central answers the supervisor's password with an enrol-only token, the console opens
the enrolment dialog (QR code) before anything else, then asks for the code and opens
with a full login."""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from c4console.central import mfa
from c4console.gui.shell.cli_args import parse_args
from c4console.gui.shell.session import ConsoleSession
from c4console.sync.processes import EmbeddedCentral
from tests.central.helpers import TEST_PASSWORD, password_file
from tests.gui.console_harness import stop_session, until

SUPERVISOR = "supervisora1"


def _ok(dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _shown(name: str):
    return next((w for w in QApplication.topLevelWidgets()
                 if w.objectName() == name and w.isVisible()), None)


def test_a_supervisor_without_a_second_factor_enrols_at_login(qapp, qloop, tmp_path):
    secret_file = password_file(tmp_path / "secrets", TEST_PASSWORD)
    central = EmbeddedCentral(tmp_path / "central-data", bootstrap_user=SUPERVISOR,
                              bootstrap_role="supervisor", bootstrap_password_file=secret_file)
    endpoints = qloop.run_until_complete(central.start_and_wait())

    async def scenario():
        args = parse_args(["--server", endpoints.api, "--data-dir", str(tmp_path / "console")])
        session = ConsoleSession(qapp, args, tmp_path / "console")
        starting = asyncio.ensure_future(session.start())
        try:
            login = await until(lambda: _shown("loginDialog"), 10, "login dialog shown")
            login.user.setText(SUPERVISOR)
            login.password.setText(TEST_PASSWORD)
            _ok(login)
            dialog = await until(lambda: _shown("mfaEnrolDialog"), 10, "enrolment dialog shown")
            assert "requiere" in dialog.message.text()
            assert session.window is None  # nothing of the console before she enrols
            _ok(dialog)  # her password is given already
            await until(lambda: dialog.pages.currentIndex() == 1, 10, "QR code page")
            assert not dialog.qr.pixmap().isNull() and dialog.qr.pixmap().width() > 100
            secret = dialog.secret.text().split(": ", 1)[1]
            dialog.code.setText(mfa.code_at(secret, time.time()))
            _ok(dialog)
            await until(lambda: dialog.pages.currentIndex() == 2, 10, "recovery codes page")
            assert len(dialog.codes.toPlainText().split("\n")) == 10
            _ok(dialog)
            step = await until(lambda: (d := _shown("loginDialog")) is not None and d.code_step
                               and d, 10, "code step shown")
            assert "activada" in step.message.text()
            step.code.setText(mfa.code_at(secret, time.time() + mfa.STEP_S))
            _ok(step)
            window = await asyncio.wait_for(starting, 30)
            assert window is not None and window.isVisible()
            await until(lambda: session.engine.connected, 15, "engine connected")
            assert session.engine.client.info.user == SUPERVISOR
            assert not session.engine.client.info.mfa_enrolment_required
        finally:
            if not starting.done():
                starting.cancel()
            await stop_session(session)

    try:
        qloop.run_until_complete(scenario())
    finally:
        central.stop()
