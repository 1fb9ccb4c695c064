"""*Nueva mesa…*: when and where, the agencies invited (those offered, by name: every agency
the central lists but the C4, or those the console knows when the central could not be read;
plus any typed by their key) and who chairs. The layout is the Qt Designer form ui/new_meeting.ui.

The dialog only collects: ``submitted`` carries ``schedule_meeting``'s fields (with a new
meeting id); the caller (gui/coordination/meetings_tool.py) sends them and answers with
:meth:`show_refusal` or closes it when the meeting arrives on the feed."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtCore import QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from c4console.gui.coordination.meeting_labels import refusal_text
from c4console.gui.forms.ui_new_meeting import Ui_NewMeetingDialog
from c4console.gui.shell.plain_text import plain_labels

ID_ROLE = Qt.ItemDataRole.UserRole


class NewMeetingDialog(QDialog):
    """The form of a new coordination meeting."""

    submitted = Signal(dict)  # schedule_meeting fields

    def __init__(self, agencies: Iterable[tuple[str, str]], chair: str,
                 parent: QWidget | None = None) -> None:
        """``agencies``: (id, name) pairs offered, the id kept as each row's data; ``chair``: the
        default chair (this user)."""
        super().__init__(parent)
        self.ui = ui = Ui_NewMeetingDialog()
        ui.setupUi(self)
        self.when, self.place = ui.meetingWhen, ui.meetingPlace
        self.agencies, self.others, self.chair = (ui.meetingAgencies, ui.meetingOtherAgencies,
                                                   ui.meetingChair)
        self.problem = ui.newMeetingProblem
        tomorrow = QDateTime.currentDateTime().addDays(1)
        self.when.setDateTime(QDateTime(tomorrow.date(), QTime(10, 0)))
        for agency_id, text in agencies:
            row = QListWidgetItem(text)
            row.setData(ID_ROLE, agency_id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.agencies.addItem(row)
        self.chair.addItem(chair)
        self.chair.setCurrentText(chair)
        ui.box.accepted.connect(self.send)
        ui.box.rejected.connect(self.reject)
        plain_labels(self)
        self.sent_id = ""  # the meeting id sent, until it arrives or is refused

    def check(self, agency_id: str) -> None:
        """Tick one agency offered (tests, and a caller that suggests one)."""
        for n in range(self.agencies.count()):
            row = self.agencies.item(n)
            if row.data(ID_ROLE) == agency_id:
                row.setCheckState(Qt.CheckState.Checked)

    def chosen_agencies(self) -> list[str]:
        """The agencies ticked, then those typed, each once."""
        ticked = [self.agencies.item(n).data(ID_ROLE) for n in range(self.agencies.count())
                  if self.agencies.item(n).checkState() == Qt.CheckState.Checked]
        typed = [a.strip().lower() for a in self.others.text().split(",") if a.strip()]
        return list(dict.fromkeys([*ticked, *typed]))

    def fields(self) -> dict:
        """``schedule_meeting``'s fields as the form holds them (a new meeting id)."""
        when = self.when.dateTime()
        return {"meeting_id": str(uuid.uuid4()), "date": when.date().toString("yyyy-MM-dd"),
                "time": when.time().toString("HH:mm"), "place": self.place.text().strip(),
                "agencies": self.chosen_agencies(), "chair": self.chair.currentText().strip()}

    def send(self) -> None:
        """Check what the form can check, then hand the fields over (``submitted``)."""
        fields = self.fields()
        if not fields["place"]:
            self.problem.setText(self.tr("Escriba el lugar de la mesa"))
        elif not fields["agencies"]:
            self.problem.setText(self.tr("Invite al menos a una institución"))
        elif not fields["chair"]:
            self.problem.setText(self.tr("Indique quién preside la mesa"))
        else:
            self.problem.setText(self.tr("Enviando…"))
            self.ui.box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self.sent_id = fields["meeting_id"]
            self.submitted.emit(fields)

    def show_refusal(self, reason: str) -> None:
        """The central refused the meeting: say why in plain words; keep the form."""
        self.problem.setText(refusal_text(reason))
        self.ui.box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.sent_id = ""
