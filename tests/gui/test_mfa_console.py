"""The second factor at the console (issue 16 point 8), against a real central: she enrols
from the account menu (password, QR code, first code, 10 recovery codes shown once), and
from then on the login dialog's second step asks for the code; a wrong one is refused and
asked again."""

from __future__ import annotations

import asyncio
import subprocess
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from c4console.central import mfa
from c4console.gui.shell.cli_args import parse_args
from c4console.gui.shell.session import ConsoleSession
from tests.central.nodes import c4central
from tests.gui.console_harness import start_session, stop_session, until


def _ok(dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _login_dialog():
    return next((w for w in QApplication.topLevelWidgets()
                 if w.objectName() == "loginDialog" and w.isVisible()), None)


def test_enrol_from_the_account_menu_then_the_login_asks_for_the_code(qapp, qloop, central,
                                                                      tmp_path):
    db = f"sqlite:///{tmp_path / 'central-data' / 'central.sqlite'}"

    async def scenario():
        session = await start_session(qapp, central.api, tmp_path / "console",
                                      user=central.username, password=central.password)
        try:
            window = session.window
            await until(lambda: session.engine.connected, 10, "engine connected")
            action = window.findChild(type(window.a_mfa), "mfaEnrolAction")
            assert action is not None and action.text() == "Verificación en dos pasos…"
            action.trigger()
            dialog = await until(lambda: next((w for w in QApplication.topLevelWidgets()
                                               if w.objectName() == "mfaEnrolDialog"
                                               and w.isVisible()), None), 5, "dialog shown")
            dialog.password.setText("not-her-password")
            _ok(dialog)
            await until(lambda: "incorrecta" in dialog.message.text(), 10, "wrong password said")
            dialog.password.setText(central.password)
            _ok(dialog)
            await until(lambda: dialog.pages.currentIndex() == 1, 10, "QR code page")
            assert not dialog.qr.pixmap().isNull() and dialog.qr.pixmap().width() > 100
            secret = dialog.secret.text().split(": ", 1)[1]
            dialog.code.setText(mfa.code_at(secret, time.time()))
            _ok(dialog)
            await until(lambda: dialog.pages.currentIndex() == 2, 10, "recovery codes page")
            codes = dialog.codes.toPlainText().split("\n")
            assert len(codes) == 10 and all(len(c) == 11 for c in codes)
            _ok(dialog)
            await until(lambda: not dialog.isVisible(), 5, "dialog closed")
        finally:
            await stop_session(session)

        # The next login: the password, then the second step asks for the code only.
        args = parse_args(["--server", central.api, "--data-dir", str(tmp_path / "console2")])
        session = ConsoleSession(qapp, args, tmp_path / "console2")
        starting = asyncio.ensure_future(session.start())
        try:
            first = await until(_login_dialog, 10, "login dialog shown")
            first.user.setText(central.username)
            first.password.setText(central.password)
            _ok(first)
            step = await until(lambda: (d := _login_dialog()) is not None and d is not first
                               and d.code_step and d, 10, "code step shown")
            assert step.code.isVisible() and not step.password.isVisible()
            assert central.username in step.ui.intro.text()
            step.code.setText("000000")
            _ok(step)
            again = await until(lambda: (d := _login_dialog()) is not None and d is not step
                                and d.code_step and "incorrecto" in d.message.text() and d,
                                10, "wrong code refused and asked again")
            again.code.setText(mfa.code_at(secret, time.time() + mfa.STEP_S))
            _ok(again)
            window = await asyncio.wait_for(starting, 30)
            assert window is not None and window.isVisible()
            engine, cover = session.engine, window.lock_cover
            await until(lambda: engine.connected, 15, "engine connected")
            assert engine.client.info.user == central.username

            # Her token ends mid-shift: the cover asks for the password, then the code.
            first = engine.client.info.token
            done = await asyncio.to_thread(subprocess.run, c4central(
                "users", "revoke-tokens", central.username, "--db", db),
                capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            await until(lambda: cover.locked, 15, "window locked when the token ended")
            cover.password.setText(central.password)
            assert cover.try_unlock()
            ask = await until(lambda: (d := _login_dialog()) is not None and d.code_step and d,
                              10, "code asked after the password")
            # Her app's next code would need the next 30 s step: a recovery code serves now.
            ask.code.setText(codes[0])
            _ok(ask)
            await until(lambda: engine.connected and engine.client.info is not None
                        and engine.client.info.token != first, 15, "logged in again")
            assert engine.auth_error is None
        finally:
            if not starting.done():
                starting.cancel()
            await stop_session(session)

    qloop.run_until_complete(scenario())
