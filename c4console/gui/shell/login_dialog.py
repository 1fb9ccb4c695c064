"""The login dialog: user name and password, and why the last attempt failed; for an
account with a second factor, a second step that asks for the code of her authenticator
app (or a recovery code) once the central has accepted the password.

Its layout, labels and Tab order are the Qt Designer form ui/login.ui; what the buttons
do and the check that both fields are filled are here.

It is awaited, not exec()'d: a nested exec() would stall the asyncio loop that
qasync runs on Qt's, and with it the embedded central's start-up and the login
request itself.
"""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from c4console.gui.forms.ui_login import Ui_LoginDialog
from c4console.gui.shell.plain_text import plain_labels


class LoginDialog(QDialog):
    """Asks who is at the console; ``credentials()`` gives what was typed."""

    def __init__(self, user: str = "", message: str = "", parent: QWidget | None = None,
                 *, first_account: bool = False, code_step: bool = False) -> None:
        super().__init__(parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self.user = self.ui.loginUser
        self.password = self.ui.loginPassword
        self.code = self.ui.loginCode
        self.message = self.ui.loginMessage
        self.code_step = code_step
        self.user.setText(user)
        self.message.setText(message)
        if first_account:
            self.ui.intro.setText(self.tr("Primera vez en esta estación: la cuenta que escriba "
                                          "será su administradora."))
        buttons = self.ui.buttons
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Entrar"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Salir"))
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        plain_labels(self)  # the central's refusal sentence: text, never markup
        # The second step shows only the code; the first step has no code row.
        self.ui.form.setRowVisible(self.code, code_step)
        self.ui.form.setRowVisible(self.user, not code_step)
        self.ui.form.setRowVisible(self.password, not code_step)
        if code_step:
            self.ui.intro.setText(self.tr("Verificación en dos pasos de {0}: escriba el código "
                                          "de 6 dígitos que muestra su aplicación de "
                                          "autenticación, o uno de sus códigos de recuperación.")
                                  .format(user))
            self.code.setFocus()
        else:
            (self.password if user else self.user).setFocus()

    def _try_accept(self) -> None:
        if self.code_step:
            if not self.code.text().strip():
                self.message.setText(self.tr("Escriba el código."))
                return
        elif not self.user.text().strip() or not self.password.text():
            self.message.setText(self.tr("Escriba el usuario y la contraseña."))
            return
        self.accept()

    def credentials(self) -> tuple[str, str]:
        """(user name, password) as typed; the user name without surrounding blanks."""
        return self.user.text().strip(), self.password.text()

    def second_factor(self) -> str:
        """The code as typed in the second step, without surrounding blanks."""
        return self.code.text().strip()


async def _answer(dialog: LoginDialog) -> bool:
    """Open ``dialog`` and wait for it (never exec()); True if accepted."""
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda result: done.done() or done.set_result(result))
    dialog.open()
    try:
        return await done == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


async def ask_credentials(user: str = "", message: str = "", *,
                          first_account: bool = False) -> tuple[str, str] | None:
    """Show the dialog and wait for it; None if the operator chose to quit."""
    dialog = LoginDialog(user, message, first_account=first_account)
    return dialog.credentials() if await _answer(dialog) else None


async def ask_code(user: str, message: str = "") -> str | None:
    """The second step: ask for the code of ``user``'s authenticator app (or a recovery
    code); None if she chose to quit."""
    dialog = LoginDialog(user, message, code_step=True)
    return dialog.second_factor() if await _answer(dialog) else None


def refusal_text(reason: str, locked_until: float | None) -> str:
    """Why the central refused a login, for the dialog."""
    if reason == "locked":
        until = (time.strftime("%H:%M", time.localtime(locked_until)) if locked_until
                 else QCoreApplication.translate("LoginDialog", "más tarde"))
        return QCoreApplication.translate(
            "LoginDialog", "Cuenta bloqueada por intentos fallidos; vuelva a intentar a las {0} "
            "o pida a su jefa de turno que la desbloquee.").format(until)
    if reason == "mfa_failed":
        return QCoreApplication.translate(
            "LoginDialog", "Código incorrecto o ya usado: espere el siguiente código de la "
                           "aplicación.")
    if reason == "disabled":
        return QCoreApplication.translate(
            "LoginDialog", "Cuenta desactivada; pida a una administradora que la active.")
    return QCoreApplication.translate("LoginDialog", "Usuario o contraseña incorrectos.")
