"""*Compartir con una institución…*: the agency (by name and kind, never the C4 itself), the
level with one line saying what it gives, the reason (required) and an optional end date.
The layout is the Qt Designer form ui/share_case.ui.

The dialog only collects: ``submitted`` carries ``share_case``'s fields (with a new share
id); the caller (gui/cases/sharing_actions.py) sends them and answers with
:meth:`show_refusal` — the input kept — or closes it when the share arrives on the feed."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from c4console.core.agencies.records import C4_AGENCY, LEVELS
from c4console.gui.cases.sharing_labels import level_description, level_label, refusal_text
from c4console.gui.forms.ui_share_case import Ui_ShareCaseDialog
from c4console.gui.shell.plain_text import plain_labels


class ShareCaseDialog(QDialog):
    """The form of a new share of her case."""

    submitted = Signal(dict)  # share_case fields

    def __init__(self, case_id: str, who: str, agencies: Iterable[dict],
                 kinds: dict[str, str], parent: QWidget | None = None) -> None:
        """``agencies``: the central's agency rows (id, name, kind); ``kinds``: key → label."""
        super().__init__(parent)
        self.case_id = case_id
        self.ui = ui = Ui_ShareCaseDialog()
        ui.setupUi(self)
        self.agency, self.level, self.level_info = ui.shareAgency, ui.shareLevel, ui.shareLevelInfo
        self.reason, self.has_end, self.ends_on = ui.shareReason, ui.shareHasEnd, ui.shareEndsOn
        self.problem = ui.shareProblem
        ui.shareWho.setText(self.tr("Expediente {0} · {1}").format(case_id, who))
        for row in sorted(agencies, key=lambda r: str(r.get("name", ""))):
            if row.get("id") == C4_AGENCY or row.get("kind") == C4_AGENCY:
                continue  # the C4's staff read her case by their role
            kind = kinds.get(row.get("kind", ""), row.get("kind", ""))
            self.agency.addItem(f"{row.get('name') or row['id']} ({kind})", row["id"])
        for level in LEVELS:
            self.level.addItem(level_label(level), level)
        self.level.currentIndexChanged.connect(self._level_changed)
        self._level_changed()
        self.ends_on.setDate(QDate.currentDate().addMonths(3))
        self.has_end.toggled.connect(self.ends_on.setEnabled)
        ui.box.accepted.connect(self.send)
        ui.box.rejected.connect(self.reject)
        plain_labels(self)
        self.sent_id = ""  # the share id sent, until it arrives or is refused
        if self.agency.count() == 0:
            self.problem.setText(self.tr("La central no tiene otras instituciones registradas"))

    def _level_changed(self) -> None:
        self.level_info.setText(level_description(self.level.currentData() or ""))

    def choose(self, agency_id: str, level: str = "resumen") -> None:
        """Pick an agency and a level (tests, and a caller that suggests them)."""
        if (i := self.agency.findData(agency_id)) >= 0:
            self.agency.setCurrentIndex(i)
        if (i := self.level.findData(level)) >= 0:
            self.level.setCurrentIndex(i)

    def agency_ids(self) -> list[str]:
        """The agencies offered, in order."""
        return [self.agency.itemData(i) for i in range(self.agency.count())]

    def fields(self) -> dict:
        """``share_case``'s fields as the form holds them (a new share id)."""
        fields = {"share_id": str(uuid.uuid4()), "case_id": self.case_id,
                  "agency_id": self.agency.currentData() or "",
                  "level": self.level.currentData() or "",
                  "reason": self.reason.toPlainText().strip()}
        if self.has_end.isChecked():
            fields["ends_on"] = self.ends_on.date().toString("yyyy-MM-dd")
        return fields

    def ok_button(self):
        """The button that sends (tests click it)."""
        return self.ui.box.button(QDialogButtonBox.StandardButton.Ok)

    def send(self) -> None:
        """Check what the form can check, then hand the fields over (``submitted``).
        The end date is the central's to judge: its calendar is the C4's."""
        fields = self.fields()
        if not fields["agency_id"]:
            self.problem.setText(self.tr("Elija la institución"))
        elif not fields["reason"]:
            self.problem.setText(self.tr("Escriba el motivo: queda registrado con el compartido"))
        else:
            self.problem.setText(self.tr("Enviando…"))
            self.ok_button().setEnabled(False)
            self.sent_id = fields["share_id"]
            self.submitted.emit(fields)

    def show_refusal(self, reason: str) -> None:
        """The central refused the share: say why in plain words; keep what was typed."""
        self.problem.setText(refusal_text(reason))
        self.ok_button().setEnabled(True)
        self.sent_id = ""
