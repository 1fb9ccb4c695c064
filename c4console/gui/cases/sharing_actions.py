"""Sharing her case with another agency from the Expedientes panel (issue 15; supervisors
and the specialist desk, the roles core/access.py lets send ``share_case``):

- *Compartir con una institución…* (the panel's button and the Expedientes menu): the agencies
  read from the central (``GET /agencies`` through the sync layer's API, on the event loop),
  the dialog, ``share_case`` through the controller's outbox; the central's refusal shown in
  the dialog in plain Spanish with the input kept; the share's arrival on the feed closes it;
- *Retirar…* (``revoke_case_share``) and *Compartir notas psicológicas…* (``share_psych_notes``,
  psicóloga and especialista only, on a completo share) on a share of the case view, each with
  its required reason;
- *Consultar lecturas*: ``GET /cases/{id}/agency-reads`` on demand, listed in the case view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QAction

from c4console.core import access
from c4console.gui.cases.case_tool import CaseToolActions, Send
from c4console.gui.cases.share_dialog import ShareCaseDialog
from c4console.gui.cases.share_reason_dialog import ShareReasonDialog
from c4console.gui.shell.agency_names import read_agencies
from c4console.gui.shell.controller import ConsoleController
from c4console.gui.shell.tasks import run_async

log = logging.getLogger(__name__)
SHARE, REVOKE, PSYCH = "share_case", "revoke_case_share", "share_psych_notes"


class SharingActions(CaseToolActions):
    """The sharing dialogs of the selected case, their commands and the agency reads."""

    def __init__(self, window, controller: ConsoleController, send: Send,
                 say: Callable[[str], None]) -> None:
        super().__init__(window, controller, send, say)
        self.role = ""
        self.panel = None  # the Expedientes panel (attach)
        self.dialog: ShareCaseDialog | None = None  # the one open (tests fill it)
        self.step: ShareReasonDialog | None = None  # Retirar / notas psicológicas, when open
        self.kinds: dict[str, str] = {}
        self._keys: dict[str, object] = {}  # our commands waiting for an answer → their dialog
        self.action = QAction(self.tr("Compartir con una institución…"), window)
        self.action.setObjectName("shareCaseAction")
        self.action.triggered.connect(self.share_selected)
        controller.bridge.commandRejected.connect(self._rejected)
        controller.bridge.touched.connect(self._touched)

    @staticmethod
    def allowed(role: str) -> bool:
        """The roles that share her case (core/access.py): supervisors and the desk."""
        return access.may_send(role, SHARE)

    def attach(self, panel) -> None:
        """Listen to the Expedientes panel's button and its case sections."""
        self.panel = panel
        panel.shareRequested.connect(self.open)
        panel.sections.revokeRequested.connect(self.revoke)
        panel.sections.psychRequested.connect(self.share_psych_notes)
        panel.sections.readsRequested.connect(self.fetch_reads)

    def apply_role(self, role: str) -> None:
        """Show the sharing tools to the roles that may use them (hidden for the others)."""
        self.role = role
        share = self.allowed(role)
        self.action.setVisible(share)
        self.action.setEnabled(share)
        if self.panel is not None:
            self.panel.set_share_allowed(share)
            self.panel.sections.set_permissions(
                revoke=access.may_send(role, REVOKE), share_psych=access.may_send(role, PSYCH),
                reads_psych=access.may_send(role, PSYCH),
                agency_reads=access.may_read(role, "agency_reads"))

    # --- the agencies' names --------------------------------------------------------------
    def load_agency_names(self) -> None:
        """Read the agencies (names for the case view), if this role may."""
        if self.panel is not None and access.may_read(self.role, "agencies"):
            run_async(self._agencies(), what="leer las instituciones")

    async def _agencies(self) -> list[dict]:
        agencies = await read_agencies(self.controller.api)
        self.kinds = agencies.kinds
        if self.panel is not None:
            self.panel.set_agency_names(agencies.names)
        return agencies.rows

    # --- Compartir con una institución --------------------------------------------------------
    def share_selected(self) -> None:
        """The menu's entry: the dialog for the case selected in Expedientes."""
        cid = self.panel.selected() if self.panel is not None else None
        if cid is None:
            self.say(self.tr("Seleccione un expediente en Expedientes"))
            return
        self.open(cid)

    def open(self, case_id: str) -> None:
        """The dialog for her case (the agencies asked of the central first)."""
        run_async(self.open_now(case_id), what="compartir el expediente",
                  on_error=lambda e: self.say(
                      self.tr("No se pudieron leer las instituciones: {0}").format(e)))

    async def open_now(self, case_id: str) -> ShareCaseDialog | None:
        """Read the agencies, then show the dialog (returned; None without her case)."""
        if not self.allowed(self.role):
            return None
        case = self.state.cases.get(case_id)
        if case is None:
            self.say(self.tr("Seleccione un expediente"))
            return None
        rows = await self._agencies()
        if self.dialog is not None:
            self.dialog.close()
        dialog = ShareCaseDialog(case_id, case.person.name or case_id, rows, self.kinds, self.window)
        dialog.submitted.connect(lambda fields: self._send(SHARE, fields, dialog))
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self.dialog = dialog
        dialog.show()
        return dialog

    def _closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        if self.step is dialog:
            self.step = None
        dialog.deleteLater()

    # --- Retirar, Compartir notas psicológicas -------------------------------------------------
    def revoke(self, share_id: str) -> None:
        """Ask the reason, then ``revoke_case_share``."""
        share = self.state.case_shares.get(share_id)
        if share is None or not access.may_send(self.role, REVOKE):
            return
        name = self._agency(share.agency_id)
        self._step(ShareReasonDialog(
            REVOKE, share_id, self.tr("Retirar el compartido"),
            self.tr("{0} deja de ver este expediente ahora; su consola lo borra.").format(name),
            parent=self.window))

    def share_psych_notes(self, share_id: str) -> None:
        """The explicit second step: ask the reason, warn, then ``share_psych_notes``."""
        share = self.state.case_shares.get(share_id)
        if share is None or not access.may_send(self.role, PSYCH):
            return
        name = self._agency(share.agency_id)
        self._step(ShareReasonDialog(
            PSYCH, share_id, self.tr("Compartir notas psicológicas"),
            self.tr("Sus notas psicológicas irán a {0} con este compartido completo.").format(name),
            self.tr("Atención: las notas psicológicas son lo más sensible de su expediente. "
                    "Compártalas solo si la institución las necesita para protegerla; "
                    "queda registrado quién lo hizo y por qué."),
            parent=self.window))

    def _agency(self, agency_id: str) -> str:
        return self.panel.agency_name(agency_id) if self.panel is not None else agency_id

    def _step(self, dialog: ShareReasonDialog) -> None:
        if self.step is not None:
            self.step.close()
        dialog.submitted.connect(lambda fields: self._send(dialog.kind, fields, dialog))
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self.step = dialog
        dialog.show()

    # --- commands and the central's answers -------------------------------------------------
    def _send(self, kind: str, fields: dict, dialog) -> None:
        run_async(self._submit(kind, fields, dialog), what=kind,
                  on_error=lambda e: dialog.problem.setText(
                      self.tr("No se pudo guardar: {0}").format(e)))

    async def _submit(self, kind: str, fields: dict, dialog) -> None:
        key = await self.controller.submit(kind, **fields)
        self._keys[key] = dialog

    def _rejected(self, result: dict) -> None:
        dialog = self._keys.pop(result.get("key", ""), None)
        if dialog is not None and dialog in (self.dialog, self.step):
            dialog.show_refusal(str(result.get("reason", "")))

    def _touched(self, t) -> None:
        if not t.coordination:
            return
        dialog, step = self.dialog, self.step
        if dialog is not None and dialog.sent_id and dialog.sent_id in self.state.case_shares:
            share = self.state.case_shares[dialog.sent_id]
            dialog.accept()
            self.say(self.tr("Expediente compartido con {0}").format(self._agency(share.agency_id)))
        if step is not None and step.sending:
            share = self.state.case_shares.get(step.share_id)
            done = share is not None and (share.revoked_at is not None if step.kind == REVOKE
                                          else share.psych_notes)
            if done:
                step.accept()
                self.say(self.tr("Compartido retirado") if step.kind == REVOKE
                         else self.tr("Notas psicológicas compartidas"))

    # --- Lecturas de otras instituciones ---------------------------------------------------
    def fetch_reads(self, case_id: str) -> None:
        """Ask the central who at other agencies read her case; list it in the case view."""
        run_async(self.load_reads(case_id), what="lecturas de otras instituciones",
                  on_error=lambda e: self.panel and self.panel.sections.reads_failed(
                      self.tr("No se pudieron consultar las lecturas: {0}").format(e)))

    async def load_reads(self, case_id: str) -> list[dict]:
        """The reads of ``case_id`` from the central, shown in the case view."""
        body = await self.controller.api.agency_reads(case_id)
        if self.panel is not None:
            self.panel.sections.show_reads(case_id, body["reads"])
        return body["reads"]
