"""The account menu's "Two-step verification…" (issue 16 point 8): she binds her own
account to her phone's authenticator app.

Three pages in one dialog, none of them exec()'d (the asyncio loop runs on Qt's):

1. her password again (a console left unlocked must not be enough to enrol someone
   else's phone);
2. the QR code the central made (and the secret written out, for an app without a
   camera), and the first code from the app, which confirms it;
3. her 10 recovery codes, shown this once: from now on each login asks for a code.

At login (:func:`enrol_at_login`): a role that must have a second factor (supervisor,
admin) and has none gets a token good only for this enrolment; the same dialog opens
before the console does, with her password already given.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from c4console.gui.shell.plain_text import plain_labels
from c4console.gui.shell.tasks import run_async
from c4console.sync.client import CentralError


class MfaEnrolDialog(QDialog):
    """Enrols the logged-in account's second factor through ``enrol(password)`` and
    ``confirm(code)`` (the central's API)."""

    def __init__(self, enrol: Callable[[str], Awaitable[dict[str, Any]]],
                 confirm: Callable[[str], Awaitable[list[str]]],
                 parent: QWidget | None = None, *, required: bool = False,
                 password: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("mfaEnrolDialog")
        self.setWindowTitle(self.tr("Verificación en dos pasos"))
        self._enrol, self._confirm = enrol, confirm
        self.pages = QStackedWidget(self)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password, objectName="mfaPassword")
        self.code = QLineEdit(objectName="mfaCode", maxLength=16)
        self.qr = QLabel(objectName="mfaQr")
        self.secret = QLabel(objectName="mfaSecret")
        self.codes = QPlainTextEdit(objectName="mfaRecoveryCodes", readOnly=True)
        self.message = QLabel(objectName="mfaMessage", wordWrap=True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.pages.addWidget(self._page(
            self.tr("Escriba su contraseña para activar la verificación en dos pasos: desde "
                    "entonces cada inicio de sesión pedirá también el código de su teléfono."),
            (self.tr("Contraseña"), self.password)))
        scan = self._page(self.tr("Escanee el código QR con su aplicación de autenticación "
                                  "(o escriba la clave) y escriba el código que muestra."),
                          (self.tr("Código"), self.code))
        scan.layout().insertWidget(1, self.qr)
        scan.layout().insertWidget(2, self.secret)
        self.pages.addWidget(scan)
        done = self._page(self.tr("Listo. Guarde estos códigos de recuperación en un lugar "
                                  "seguro: cada uno sirve una vez si pierde el teléfono, y no "
                                  "se volverán a mostrar."))
        done.layout().addWidget(self.codes)
        self.pages.addWidget(done)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._next)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        plain_labels(self)  # the central's sentences: text, never markup
        self.busy = False
        if required:
            # Her role may not work without it: say why the console asks before it opens.
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Su rol requiere verificación en dos pasos: actívela "
                                         "para entrar a la consola."))
            self.password.setText(password)

    @staticmethod
    def _page(intro: str, *rows: tuple[str, QWidget]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(intro, wordWrap=True))
        form = QFormLayout()
        for label, field in rows:
            form.addRow(label, field)
        layout.addLayout(form)
        return page

    def _next(self) -> None:
        if self.busy:
            return
        page = self.pages.currentIndex()
        if page == 2:
            self.accept()
            return
        self.busy = True
        run_async(self._step(page), what="verificación en dos pasos")

    async def _step(self, page: int) -> None:
        """Page 0: ask the central for a secret; page 1: confirm it with the code."""
        try:
            if page == 0:
                started = await self._enrol(self.password.text())
                self.password.clear()
                pixmap = QPixmap()
                pixmap.loadFromData(base64.b64decode(started["qr_png"]), "PNG")
                self.qr.setPixmap(pixmap)
                self.secret.setText(self.tr("Clave: {0}").format(started["secret"]))
                self.code.setFocus()
            else:
                codes = await self._confirm(self.code.text().strip())
                self.codes.setPlainText("\n".join(codes))
                self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
            self.message.clear()
            self.pages.setCurrentIndex(page + 1)
        except CentralError as e:
            self.message.setText(self._refusal(page, e))
        finally:
            self.busy = False

    def _refusal(self, page: int, e: CentralError) -> str:
        if e.status == 403 and page == 0:
            return self.tr("Contraseña incorrecta.")
        if e.status == 409:
            return self.tr("Su cuenta ya tiene verificación en dos pasos; una administradora "
                           "puede restablecerla si perdió el teléfono.")
        if e.status == 400 and page == 1:
            return self.tr("Ese no es el código actual; revise la hora del teléfono y escriba "
                           "el siguiente código.")
        return self.tr("No se pudo: {0}").format(str(e))


async def enrol_at_login(enrol: Callable[[str], Awaitable[dict[str, Any]]],
                         confirm: Callable[[str], Awaitable[list[str]]], password: str) -> bool:
    """The enrolment a login asked for (``mfa_enrolment_required``): open the dialog with
    ``password`` given and wait for it (never exec()); True once she has confirmed her
    second factor and seen her recovery codes, False if she cancelled."""
    dialog = MfaEnrolDialog(enrol, confirm, required=True, password=password)
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda result: done.done() or done.set_result(result))
    dialog.open()
    try:
        return await done == QDialog.DialogCode.Accepted and dialog.pages.currentIndex() == 2
    finally:
        dialog.deleteLater()
