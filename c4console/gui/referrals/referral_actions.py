"""Canalizar from the Expedientes panel (specialists and supervisors): opens the referral
dialog of her case with the central's catalogue, sends ``refer_to_institution`` and
``set_institution_referral_status`` through the controller's outbox, shows the central's
answer in the dialog, keeps her referrals' list current from the feed, and saves the
referral letter (the central's PDF, through the sync layer's API) where the user picks,
then opens it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from c4console.core import access
from c4console.core.access import Role
from c4console.core.referrals.catalogue import InstitutionCatalogue
from c4console.core.referrals.rules import overdue
from c4console.gui.cases.case_tool import CaseToolActions, Send
from c4console.gui.referrals.referral_dialog import InstitutionReferralDialog
from c4console.gui.shell.controller import ConsoleController
from c4console.gui.shell.tasks import run_async
from c4console.platform_support import write_private
from c4console.resources import load_institutions

log = logging.getLogger(__name__)
REFER = "refer_to_institution"
SET_STATUS = "set_institution_referral_status"
# The desk printed on the letter for the role that refers her (a supervisor: none).
DESK_OF_ROLE = {Role.PSICOLOGA.value: "psicologica", Role.ABOGADA.value: "juridica"}


class ReferralActions(CaseToolActions):
    """Opens the referral dialog of a case and carries its commands and letters."""

    def __init__(self, window, controller: ConsoleController, send: Send,
                 say: Callable[[str], None]) -> None:
        super().__init__(window, controller, send, say)
        self.role = ""
        self.dialog: InstitutionReferralDialog | None = None  # the one open (tests fill it)
        self.catalogue: InstitutionCatalogue | None = None
        self._keys: set[str] = set()  # our commands waiting for the central's answer
        self.last_letter: Path | None = None
        controller.saved.connect(self._saved)
        controller.bridge.commandRejected.connect(self._rejected)
        controller.bridge.touched.connect(self._touched)

    @staticmethod
    def allowed(role: str) -> bool:
        """The roles that may refer her case (core/access.py)."""
        return access.may_send(role, REFER)

    def open(self, case_id: str) -> None:
        """The dialog for her case (the catalogue asked of the central first)."""
        run_async(self._open(case_id), what="canalizar")

    async def _open(self, case_id: str) -> None:
        case = self.state.cases.get(case_id)
        if case is None:
            self.say(self.tr("Seleccione un expediente"))
            return
        try:
            catalogue = InstitutionCatalogue.from_wire(await self.controller.api.institutions())
        except Exception as e:  # noqa: BLE001 - not connected yet: the shipped catalogue
            log.warning("institutions from the central: %s; using the shipped catalogue", e)
            catalogue = load_institutions()
        self.catalogue = catalogue
        if self.dialog is not None:
            self.dialog.close()
        dialog = InstitutionReferralDialog(case_id, case.person.name or case_id, catalogue,
                                           DESK_OF_ROLE.get(self.role, ""), self.window)
        dialog.submitted.connect(lambda fields: self.send(
            self.controller.submit(REFER, **fields), self.tr("canalizar")))
        dialog.statusRequested.connect(lambda fields: self.send(
            self.controller.submit(SET_STATUS, **fields), self.tr("cambiar el estado de la canalización")))
        dialog.letterRequested.connect(self.choose_and_save_letter)
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self.dialog = dialog
        self._refresh()
        dialog.show()

    def _closed(self, dialog: InstitutionReferralDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _refresh(self) -> None:
        dialog = self.dialog
        if dialog is None or self.catalogue is None:
            return
        mine = self.state.institution_referrals_of(dialog.case_id)
        late = ({r.id for r in overdue(mine, self.catalogue, time.time())}
                if self.catalogue.by_id else set())  # an empty catalogue flags nothing
        dialog.show_referrals(mine, late)

    # --- the central's answers -----------------------------------------------------------
    def _saved(self, key: str, type_: str) -> None:
        if type_ in (REFER, SET_STATUS) and self.dialog is not None:
            self._keys.add(key)

    def _rejected(self, result: dict) -> None:
        key = result.get("key")
        if key in self._keys:
            self._keys.discard(key)
            if self.dialog is not None:
                self.dialog.show_refusal(str(result.get("reason", "")), str(result.get("message", "")))

    def _touched(self, t) -> None:
        dialog = self.dialog
        if dialog is None or not t.institution_referrals:
            return
        if dialog.sent_id and dialog.sent_id in self.state.institution_referrals:
            dialog.sent()
        self._refresh()

    # --- the letter -------------------------------------------------------------------------
    def choose_and_save_letter(self, referral_id: str) -> None:
        """Ask where, then fetch the letter, save it there and open it."""
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Guardar la carta de canalización"),
            str(Path.home() / f"canalizacion-{referral_id[:8]}.pdf"), self.tr("PDF (*.pdf)"))
        if path:
            run_async(self.save_letter(referral_id, Path(path)), what="carta de canalización",
                      on_error=lambda e: self.say(self.tr("No se pudo guardar la carta: {0}")
                                                  .format(e)))

    async def save_letter(self, referral_id: str, path: Path, *, open_it: bool = True) -> Path:
        """The central's letter of ``referral_id`` written to ``path`` (then opened with the
        system's PDF viewer, unless ``open_it`` is false)."""
        pdf = await self.controller.api.referral_letter(referral_id)
        write_private(path, pdf)  # her name and contact: as private as the cache
        self.last_letter = path
        self.say(self.tr("Carta guardada en {0}").format(path))
        if open_it:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path
