"""Canalizar: refer her case to an institution (catalogue from the central, its contact data
shown, the items it needs ticked), and her referrals with their status and letter.

The layout is the Qt Designer form ui/institution_referral.ui. The dialog only collects and
shows: ``submitted`` carries ``refer_to_institution``'s fields, ``statusRequested``
``set_institution_referral_status``'s, ``letterRequested`` a referral id; the caller
(gui/referrals/referral_actions.py) sends them and answers with :meth:`show_refusal`,
:meth:`sent` and :meth:`show_referrals`. A refusal keeps everything typed."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from c4console.core.referrals.catalogue import InstitutionCatalogue
from c4console.core.referrals.records import InstitutionReferral
from c4console.core.referrals.vocabulary import FINAL, SHARE_ITEMS, STATUSES, URGENCIES
from c4console.gui.forms.ui_institution_referral import Ui_InstitutionReferralDialog
from c4console.gui.referrals.referral_labels import item_label, status_label, urgency_label
from c4console.gui.shell.plain_text import plain_labels


class InstitutionReferralDialog(QDialog):
    """One case's referrals: a new one, and the status and letter of the ones made."""

    submitted = Signal(dict)  # refer_to_institution fields
    statusRequested = Signal(dict)  # set_institution_referral_status fields
    letterRequested = Signal(str)  # referral id

    def __init__(self, case_id: str, who: str, catalogue: InstitutionCatalogue, desk: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_InstitutionReferralDialog()
        ui.setupUi(self)
        self.case_id, self.catalogue, self.desk = case_id, catalogue, desk
        ui.referralWho.setText(self.tr("Expediente {0} · {1}").format(case_id, who))
        self.institution, self.info = ui.referralInstitution, ui.referralInstitutionInfo
        self.reason, self.shared, self.urgency = ui.referralReason, ui.referralShared, ui.referralUrgency
        self.problem, self.list = ui.referralProblem, ui.referralList
        self.next_status, self.status_reason = ui.referralNextStatus, ui.referralStatusReason
        for inst in catalogue:
            self.institution.addItem(inst.name, inst.id)
        for item in SHARE_ITEMS:
            row = QListWidgetItem(item_label(item))
            row.setData(Qt.ItemDataRole.UserRole, item)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.shared.addItem(row)
        for u in URGENCIES:
            self.urgency.addItem(urgency_label(u), u)
        for s in STATUSES[1:]:
            self.next_status.addItem(status_label(s), s)
        self.institution.currentIndexChanged.connect(self._institution_chosen)
        ui.referralSend.clicked.connect(self.send)
        ui.referralSetStatus.clicked.connect(self._set_status)
        ui.referralPrint.clicked.connect(self._print)
        self.list.currentRowChanged.connect(lambda _row: self._selection_changed())
        ui.box.rejected.connect(self.reject)
        plain_labels(self)  # names and addresses from the catalogue: text, never markup
        self.sent_key: str | None = None  # the refer command waiting for the central's answer
        self.sent_id = ""  # its referral id
        self._institution_chosen()
        self._selection_changed()

    # --- a new referral ------------------------------------------------------------------
    def _institution_chosen(self) -> None:
        inst = self.catalogue.get(self.institution.currentData() or "")
        if inst is None:
            self.info.clear()
            return
        needs = ", ".join(item_label(i) for i in inst.needs) or self.tr("nada más que su nombre")
        self.info.setText(self.tr("Tel. {0} · {1}\n{2}\nHorario: {3}\nNecesita recibir: {4}")
                          .format(inst.phone, inst.email, inst.address, inst.hours, needs))
        self.set_shared(inst.needs)  # what this institution needs (more can be ticked)

    def shared_items(self) -> list[str]:
        """The items ticked, in the vocabulary's order."""
        return [self.shared.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.shared.count())
                if self.shared.item(n).checkState() == Qt.CheckState.Checked]

    def set_shared(self, items: Iterable[str]) -> None:
        """Tick exactly these items."""
        wanted = set(items)
        for n in range(self.shared.count()):
            row = self.shared.item(n)
            row.setCheckState(Qt.CheckState.Checked if row.data(Qt.ItemDataRole.UserRole) in wanted
                              else Qt.CheckState.Unchecked)

    def fields(self) -> dict:
        """``refer_to_institution``'s fields as the form holds them (a new referral id)."""
        fields = {"case_id": self.case_id, "institution_id": self.institution.currentData(),
                  "reason": self.reason.toPlainText().strip(), "shared": self.shared_items(),
                  "urgency": self.urgency.currentData(), "referral_id": str(uuid.uuid4())}
        if self.desk:
            fields["desk"] = self.desk
        return fields

    def send(self) -> None:
        """Check what the form can check, then hand the fields over (``submitted``)."""
        fields = self.fields()
        inst = self.catalogue.get(fields["institution_id"] or "")
        missing = [i for i in (inst.needs if inst else ()) if i not in fields["shared"]]
        if not fields["reason"]:
            self.problem.setText(self.tr("Escriba el motivo de la canalización"))
        elif missing:
            self.problem.setText(self.tr("{0} necesita recibir: {1}").format(
                inst.name, ", ".join(item_label(i) for i in missing)))
        else:
            self.problem.clear()
            self.ui.referralSend.setEnabled(False)
            self.sent_id = fields["referral_id"]
            self.sent_key = ""  # sent; the key comes with the controller's ``saved``
            self.submitted.emit(fields)

    def show_refusal(self, reason: str, message: str) -> None:
        """The central refused the referral or a status change: say why; keep the form."""
        self.problem.setText(self.tr("La central rechazó el cambio ({0}): {1}").format(reason, message))
        self.ui.referralSend.setEnabled(True)
        self.sent_key = None

    def sent(self) -> None:
        """The referral reached the central: the form is ready for another one."""
        self.sent_key, self.sent_id = None, ""
        self.reason.clear()
        self.problem.setText(self.tr("Canalización enviada"))
        self.ui.referralSend.setEnabled(True)

    # --- her referrals --------------------------------------------------------------------
    def show_referrals(self, referrals: list[InstitutionReferral], overdue: set[str]) -> None:
        """Her referrals, newest first, with their status (and flagged when waiting too long)."""
        keep = self.selected_referral()
        self.list.clear()
        for r in referrals:
            inst = self.catalogue.get(r.institution_id)
            when = dt.datetime.fromtimestamp(r.status_since).strftime("%Y-%m-%d %H:%M")
            text = f"{inst.name if inst else r.institution_id} · {status_label(r.status)} {when}"
            if r.urgency == "urgente":
                text += " · " + urgency_label(r.urgency)
            if r.id in overdue:
                text += " · " + self.tr("SIN CONFIRMAR A TIEMPO")
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, r.id)
            row.setData(Qt.ItemDataRole.UserRole + 1, r.status)
            self.list.addItem(row)
            if r.id == keep:
                self.list.setCurrentItem(row)
        self._selection_changed()

    def selected_referral(self) -> str | None:
        """The referral chosen in the list."""
        row = self.list.currentItem()
        return row.data(Qt.ItemDataRole.UserRole) if row is not None else None

    def _selection_changed(self) -> None:
        row = self.list.currentItem()
        movable = row is not None and row.data(Qt.ItemDataRole.UserRole + 1) not in FINAL
        self.ui.referralSetStatus.setEnabled(movable)
        self.ui.referralPrint.setEnabled(row is not None)

    def _set_status(self) -> None:
        rid = self.selected_referral()
        if rid is None:
            return
        fields = {"referral_id": rid, "status": self.next_status.currentData()}
        reason = self.status_reason.text().strip()
        if reason:
            fields["reason"] = reason
        if fields["status"] == "rechazada" and not reason:
            self.problem.setText(self.tr("Diga por qué la rechazaron"))
            return
        self.problem.clear()
        self.status_reason.clear()
        self.statusRequested.emit(fields)

    def _print(self) -> None:
        rid = self.selected_referral()
        if rid is not None:
            self.letterRequested.emit(rid)
