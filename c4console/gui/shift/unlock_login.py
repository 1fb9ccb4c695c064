"""The shift lead's "unlock a login" box in the roster dock (issue 16 point 7).

An operator who mistyped her password five times (or whose name someone else tried
five times from her workstation) is locked out of that workstation for 10 minutes.
The shift lead types or picks her account and sends ``unlock_login``: an ordinary
command (outbox, idempotency key, role check and audit log at the central). Shown
only to the roles the central lets send it (c4console/core/access.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from c4console.core import access
from c4console.gui.shell.tasks import Run, run_async

Submit = Callable[..., Awaitable[str]]  # (command type, **fields) -> key


class UnlockLoginBox(QWidget):
    """An account chooser and a button that sends ``unlock_login`` for it."""

    def __init__(self, parent: QWidget | None = None, *, submit: Submit | None = None,
                 run: Run = run_async) -> None:
        super().__init__(parent)
        self.setObjectName("unlockLoginBox")
        self.submit = submit
        self.run = run
        self.sent: set[str] = set()  # keys of the unlock_login commands sent from here
        self.account = QComboBox()
        self.account.setObjectName("unlockLoginUser")
        self.account.setEditable(True)
        self.account.setToolTip(self.tr("Cuenta bloqueada tras intentos fallidos de acceso"))
        self.button = QPushButton(self.tr("Desbloquear acceso"))
        self.button.setObjectName("unlockLoginButton")
        self.button.clicked.connect(self.unlock)
        self.message = QLabel()
        self.message.setObjectName("unlockLoginMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it quotes a user name
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Usuario:")))
        row.addWidget(self.account, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setVisible(False)

    def apply_role(self, role: str) -> None:
        """Shown to the roles that may send ``unlock_login`` (the shift's leads)."""
        self.setVisible(access.may_send(role, "unlock_login"))

    def set_users(self, users: list[dict[str, Any]]) -> None:
        """The accounts offered (what is typed is kept)."""
        typed = self.account.currentText()
        self.account.clear()
        self.account.addItems(["", *sorted(str(u.get("name", "")) for u in users)])
        self.account.setCurrentText(typed)

    def unlock(self) -> None:
        """Send ``unlock_login`` for the chosen account."""
        user = self.account.currentText().strip()
        if not user:
            self.message.setText(self.tr("Escriba la cuenta que desea desbloquear"))
            return
        self.message.setText(self.tr("Desbloqueo de {0} enviado a la central").format(user))
        self.run(self.send(user), what=self.tr("desbloquear el acceso"))

    async def send(self, user: str) -> str | None:
        """Write the command to the outbox; returns its key."""
        if self.submit is None:
            return None
        key = await self.submit("unlock_login", user=user)
        self.sent.add(key)
        return key

    def rejected(self, result: dict) -> None:
        """Say why the central refused one of ours."""
        if result.get("key") in self.sent:
            self.message.setText(self.tr("La central rechazó el desbloqueo: {0}").format(
                result.get("message") or result.get("reason")))
