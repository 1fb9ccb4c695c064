"""Registro BANAVIM from the case panel: the dialog of one case
(:mod:`c4console.gui.banavim.banavim_dialog`), its commands (``mark_for_banavim``,
``record_banavim_folio``) through the controller's outbox, the export fetched from the
central and saved where the person chooses (JSON or CSV), and the central's answers
shown in the dialog: a refusal's sentence, the record's arrival, the fields that keep a
record out of the export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from c4console.core import access
from c4console.core.banavim.export import LeftOut, to_csv, to_json
from c4console.core.banavim.registration import BanavimRegistration, registration_id
from c4console.core.banavim.validation import Problem
from c4console.gui.banavim.banavim_dialog import BanavimDialog
from c4console.gui.cases.case_tool import CaseToolActions, Send
from c4console.gui.shell.controller import ConsoleController
from c4console.platform_support import write_private
from c4console.resources import load_banavim_field_map

COMMANDS = ("mark_for_banavim", "record_banavim_folio")


class BanavimActions(CaseToolActions):
    """Opens the BANAVIM dialog of a case and carries its commands and export."""

    def __init__(self, window, controller: ConsoleController, send: Send,
                 say: Callable[[str], None]) -> None:
        super().__init__(window, controller, send, say)
        self.dialog: BanavimDialog | None = None  # the one open (tests fill it)
        self.file_dialog: QFileDialog | None = None  # where to save the export (tests answer it)
        self.sent_keys: set[str] = set()  # this dialog's commands, to show their refusals
        self.exported: Path | None = None  # the last file written
        controller.saved.connect(self._saved)
        controller.bridge.commandRejected.connect(self._rejected)
        controller.bridge.touched.connect(self._touched)

    @staticmethod
    def allowed(role: str) -> bool:
        """The roles that mark cases and record folios (core/access.py): supervisors and
        the specialist desk."""
        return access.may_send(role, COMMANDS[0])

    def open(self, case_id: str) -> None:
        """The dialog of her case (the one open dialog is replaced)."""
        case = self.state.cases.get(case_id)
        if case is None:
            self.say(self.tr("Seleccione un expediente"))
            return
        if self.dialog is not None:
            self.dialog.close()
        dialog = self.dialog = BanavimDialog(case, self.window)
        self.sent_keys.clear()
        dialog.markRequested.connect(self._mark)
        dialog.folioRequested.connect(self._folio)
        dialog.exportRequested.connect(self._ask_path)
        dialog.episode.currentIndexChanged.connect(lambda _i: self._redraw())
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self._redraw()
        dialog.open()

    def _closed(self, dialog: BanavimDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def registration(self) -> BanavimRegistration | None:
        """The open dialog's case (and chosen episode) registration, as the feed holds it."""
        d = self.dialog
        if d is None:
            return None
        rid = registration_id(d.case_id, d.incident_id() or None)
        return self.state.banavim_registrations.get(rid)

    def _redraw(self) -> None:
        if self.dialog is not None:
            self.dialog.show_registration(self.registration())

    # --- commands --------------------------------------------------------------------
    def _fields(self, incident_id: str) -> dict[str, Any]:
        assert self.dialog is not None
        fields: dict[str, Any] = {"case_id": self.dialog.case_id}
        if incident_id:
            fields["incident_id"] = incident_id
        return fields

    def _mark(self, incident_id: str) -> None:
        self.dialog.show_message(self.tr("Marcando…"))
        self.send(self.controller.submit(COMMANDS[0], **self._fields(incident_id)),
                  self.tr("marcar para BANAVIM"))

    def _folio(self, incident_id: str, folio: str, registered_on: str) -> None:
        self.dialog.show_message(self.tr("Registrando el folio…"))
        self.send(self.controller.submit(COMMANDS[1], **self._fields(incident_id), folio=folio,
                                         registered_on=registered_on),
                  self.tr("registrar el folio BANAVIM"))

    def _saved(self, key: str, type_: str) -> None:
        if type_ in COMMANDS and self.dialog is not None:
            self.sent_keys.add(key)

    def _rejected(self, result: dict) -> None:
        if self.dialog is not None and result.get("key") in self.sent_keys:
            self.dialog.show_message(self.tr("Rechazado: {0}").format(
                str(result.get("message") or result.get("reason", ""))))

    def _touched(self, t) -> None:
        if self.dialog is None or not t.banavim:
            return
        self._redraw()
        reg = self.registration()
        if reg is not None and reg.id in t.banavim:
            self.dialog.show_message(
                self.tr("Folio {0} registrado").format(reg.folio) if reg.registered
                else self.tr("Marcado para BANAVIM: exporte su registro"))

    # --- export ----------------------------------------------------------------------
    def _ask_path(self, fmt: str) -> None:
        """Where to save the export (non-blocking); writing starts once she chooses."""
        assert self.dialog is not None
        case_id = self.dialog.case_id
        title = self.tr("Guardar registro BANAVIM")
        suggested = str(Path.home() / f"banavim-{case_id}.{fmt}")
        file_dialog = self.file_dialog = QFileDialog(self.dialog, title, suggested)
        file_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        file_dialog.setNameFilter("JSON (*.json)" if fmt == "json" else "CSV (*.csv)")
        file_dialog.setDefaultSuffix(fmt)
        file_dialog.fileSelected.connect(lambda name: self.send(
            self.export(case_id, fmt, Path(name)), self.tr("exportar el registro BANAVIM")))
        file_dialog.finished.connect(lambda _code: file_dialog.deleteLater())
        file_dialog.open()

    async def export(self, case_id: str, fmt: str, path: Path) -> None:
        """Fetch her case's records from the central and write the complete ones to
        ``path``; the dialog says how many were written and which fields keep the others
        out."""
        body = await self.controller.api.banavim_export(case_id)
        records = body.get("records") or []
        left_out = [LeftOut(str(lo.get("case_id", "")), str(lo.get("incident_id", "")),
                            tuple(Problem(str(m.get("field", "")), str(m.get("problem", "")),
                                          str(m.get("message", ""))) for m in lo["missing"]))
                    for lo in body.get("left_out") or []]
        if records:
            fields = [spec.field for spec in load_banavim_field_map()]
            # Her victim profile: as private as the cache (issue 16 point 9).
            write_private(path, to_json(records) if fmt == "json" else to_csv(records, fields))
            self.exported = path
        lines = [self.tr("{0} registro(s) guardados en {1}").format(len(records), path)
                 if records else self.tr("Nada guardado")]
        lines += [self.tr("No se exportó: {0}").format(lo.sentence()) for lo in left_out]
        if self.dialog is not None and self.dialog.case_id == case_id:
            self.dialog.show_message("\n".join(lines))
