"""One coordination meeting, opened from the *Mesas de coordinación* tool: its automatic
agenda, the attendance, the cases reviewed with their agreements and tasks, and the minutes
(sign, save as PDF). The layout is the Qt Designer form ui/meeting.ui.

The dialog only collects and shows: ``commandRequested`` carries a meeting command's type and
fields, ``agendaRequested`` and ``minutesRequested`` the meeting id; the caller
(gui/coordination/meetings_tool.py) sends them and answers with :meth:`show_meeting`,
:meth:`show_agenda`, :meth:`show_refusal` and :meth:`say`. Signed minutes disable every edit;
the sign button says why it is disabled for anyone but the chair. Agencies are shown by the
name ``agency_name`` gives (the tool's, read from the central); the widgets keep their ids."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QDialog, QHeaderView, QListWidgetItem, QTableWidgetItem, QWidget

from c4console.core.agencies.records import C4_AGENCY
from c4console.core.coordination.records import DONE, FULL, REDUCED, CoordinationTask, Meeting
from c4console.gui.coordination.meeting_labels import refusal_text, state_label, view_label
from c4console.gui.forms.ui_meeting import Ui_MeetingDialog
from c4console.gui.shell.plain_text import plain_labels

ID_ROLE = Qt.ItemDataRole.UserRole
TASK_DAYS = 7  # a new task is due a week after the meeting unless changed
AGENCY_COLUMN = 1  # the attendance table's agency: the name shown, the id in its data


class MeetingDialog(QDialog):
    """A meeting's agenda, attendance, cases, agreements, tasks and minutes."""

    commandRequested = Signal(str, dict)  # command type, fields
    agendaRequested = Signal(str)  # meeting id
    minutesRequested = Signal(str)  # meeting id

    def __init__(self, meeting_id: str, parent: QWidget | None = None, *,
                 agency_name: Callable[[str], str] = str) -> None:
        """``agency_name``: an agency id as a person reads it (its name; the id if unknown)."""
        super().__init__(parent)
        self.ui = ui = Ui_MeetingDialog()
        ui.setupUi(self)
        self.meeting_id = meeting_id
        self.agency_name = agency_name
        self.meeting: Meeting | None = None
        self.problem = ui.meetingProblem
        self.agenda = ui.agendaText
        self.attendance = ui.attendanceTable
        self.cases, self.records = ui.meetingCases, ui.meetingRecords
        self.sign, self.sign_hint = ui.signMinutes, ui.signHint
        for view in (FULL, REDUCED):
            ui.caseView.addItem(view_label(view), view)
        self.attendance.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        ui.agendaReload.clicked.connect(lambda: self.agendaRequested.emit(self.meeting_id))
        ui.attendeeAdd.clicked.connect(self._add_attendee)
        ui.attendeeRemove.clicked.connect(self._remove_attendee)
        ui.attendanceSend.clicked.connect(self._send_attendance)
        ui.caseAdd.clicked.connect(self._add_case)
        ui.agreementSend.clicked.connect(self._send_agreement)
        ui.taskSend.clicked.connect(self._send_task)
        self.sign.clicked.connect(lambda: self._ask("sign_minutes", {}))
        ui.saveMinutes.clicked.connect(lambda: self.minutesRequested.emit(self.meeting_id))
        self.cases.currentRowChanged.connect(lambda _row: self._show_records())
        ui.box.rejected.connect(self.reject)
        plain_labels(self)  # names and agreements typed by people: text, never markup
        self._tasks: list[CoordinationTask] = []
        self._attendance_loaded = False
        self.sending = False  # a command sent, its answer not yet seen

    # --- what the caller shows ---------------------------------------------------------------
    def show_meeting(self, meeting: Meeting, tasks: Iterable[CoordinationTask], user: str,
                     agencies: Iterable[str]) -> None:
        """The meeting as the cache holds it; ``user`` decides the sign button; ``agencies``:
        the agencies offered for attendance (known to the console)."""
        self.meeting = meeting
        self._tasks = sorted(tasks, key=lambda t: (t.due_on, t.id))
        ui = self.ui
        ui.meetingTitle.setText(self.tr("Mesa del {0} a las {1} · {2} · Preside: {3} · {4}")
                                .format(meeting.date, meeting.time, meeting.place, meeting.chair,
                                        state_label(meeting.signed)))
        self.setWindowTitle(self.tr("Mesa de coordinación {0}").format(meeting.date))
        self._fill_agencies(meeting, agencies)
        if not self._attendance_loaded:  # the table is the user's draft once shown
            self._attendance_loaded = True
            self.attendance.setRowCount(0)
            for person in meeting.attendees:
                self._append_attendee(person.get("name", ""), person.get("agency_id", ""),
                                      person.get("account", ""))
        self._name_attendance_agencies()  # names read since the table was filled
        keep = self.selected_case()
        self.cases.clear()
        for entry in meeting.cases:
            row = QListWidgetItem(f"{entry['ref']} · {entry['case_id']} · "
                                  f"{view_label(entry['view'])}")
            row.setData(ID_ROLE, entry["case_id"])
            self.cases.addItem(row)
            if entry["case_id"] == keep or (not keep and self.cases.count() == 1):
                self.cases.setCurrentItem(row)
        if ui.taskDue.date() < _qdate(meeting.day()):
            ui.taskDue.setDate(_qdate(meeting.day() + timedelta(days=TASK_DAYS)))
        self._show_records()
        self._apply_signed(meeting, user)

    def _fill_agencies(self, meeting: Meeting, known: Iterable[str]) -> None:
        ui = self.ui
        present = list(meeting.agencies)
        offered = list(dict.fromkeys([*present, *known, C4_AGENCY]))
        named = self.agency_name
        _refill(ui.attendeeAgency, [(a, named(a)) for a in offered])
        _refill(ui.agreementAgency, [("", self.tr("Todas las instituciones")),
                                     *((a, named(a)) for a in present)])
        _refill(ui.taskAgency, [(a, named(a)) for a in present])

    def _apply_signed(self, meeting: Meeting, user: str) -> None:
        ui = self.ui
        editing = not meeting.signed
        for w in (ui.attendeeAdd, ui.attendeeRemove, ui.attendanceSend, ui.caseAdd,
                  ui.agreementSend, ui.taskSend):
            w.setEnabled(editing)
        if meeting.signed:
            hint = self.tr("Firmada por {0}: la minuta ya no cambia.").format(meeting.signed_by)
        elif user != meeting.chair:
            hint = self.tr("Solo quien preside ({0}) puede firmar la minuta.").format(meeting.chair)
        else:
            hint = self.tr("Usted preside: al firmar, la minuta queda cerrada y ya no cambia.")
        self.sign.setEnabled(editing and user == meeting.chair)
        self.sign.setToolTip(hint)
        self.sign_hint.setText(hint)

    def set_case_choices(self, choices: Iterable[tuple[str, str]]) -> None:
        """The cases offered to add: (case id, label) — the agenda's first."""
        combo = self.ui.caseChoice
        typed = combo.currentText()
        _refill(combo, list(choices))
        if typed and combo.findText(typed) < 0:
            combo.setEditText(typed)

    def show_agenda(self, agenda: Mapping[str, Any]) -> None:
        """The agenda the central prepared, as text; its cases offered first to add."""
        self.agenda.setPlainText(self.agenda_text(agenda))

    def agenda_text(self, agenda: Mapping[str, Any]) -> str:
        """The agenda (GET /meetings/{id}/agenda) as lines a person reads."""
        none = self.tr("(ninguno)")
        since = agenda.get("since") or self.tr("siempre (no hay mesa anterior)")
        lines = [self.tr("Casos de riesgo alto o extremo compartidos con las instituciones invitadas:")]
        lines += [f"- {c['name'] or c['case_id']} ({c['case_id']}): " +
                  self.tr("riesgo {0}; compartido con {1}; {2}").format(
                      c["risk_level"], ", ".join(self.agency_name(a) for a in c["shared_with"]),
                      view_label(c["view"]))
                  for c in agenda.get("cases", [])] or [none]
        lines += ["", self.tr("Incidentes nuevos desde {0}:").format(since)]
        lines += [f"- {i['folio']} ({i['case_id']}, {i['type_code']})"
                  for i in agenda.get("new_incidents", [])] or [none]
        lines += ["", self.tr("Tareas vencidas:")]
        lines += [f"- {t['what']} · {self.agency_name(t['agency_id'])} · "
                  + self.tr("vencía el {0}").format(t["due_on"])
                  + f" ({t['case_ref']})" for t in agenda.get("overdue_tasks", [])] or [none]
        lines += ["", self.tr("Órdenes que vencen en los próximos {0} días:").format(
            agenda.get("orders_expiring_days", ""))]
        lines += [f"- {o['number']} ({o['authority']}) · {o['case_id']} · " +
                  self.tr("vence el {0}").format(o["valid_until"])
                  for o in agenda.get("orders_expiring", [])] or [none]
        return "\n".join(lines)

    def show_refusal(self, reason: str) -> None:
        """The central refused a command of this meeting: say why in plain words."""
        self.sending = False
        self.problem.setText(self.tr("La central no lo aceptó: {0}").format(refusal_text(reason)))

    def say(self, text: str) -> None:
        """A line under the tabs (saved, fetched…)."""
        self.sending = False
        self.problem.setText(text)

    # --- attendance ------------------------------------------------------------------------------
    def _append_attendee(self, name: str, agency_id: str, account: str) -> None:
        r = self.attendance.rowCount()
        self.attendance.insertRow(r)
        for c, text in enumerate((name, self.agency_name(agency_id), account)):
            self.attendance.setItem(r, c, QTableWidgetItem(text))
        self.attendance.item(r, AGENCY_COLUMN).setData(ID_ROLE, agency_id)  # read back as the id

    def _name_attendance_agencies(self) -> None:
        for r in range(self.attendance.rowCount()):
            item = self.attendance.item(r, AGENCY_COLUMN)
            if item is not None and item.data(ID_ROLE) is not None:
                item.setText(self.agency_name(item.data(ID_ROLE)))

    def _add_attendee(self) -> None:
        ui = self.ui
        name = ui.attendeeName.text().strip()
        if not name:
            self.problem.setText(self.tr("Escriba el nombre de la persona presente"))
            return
        self._append_attendee(name, ui.attendeeAgency.currentData() or "",
                              ui.attendeeAccount.text().strip())
        ui.attendeeName.clear()
        ui.attendeeAccount.clear()
        self.problem.clear()

    def add_attendee(self, name: str, agency_id: str, account: str = "") -> None:
        """Fill the attendee row and add it (the keyboard path, and tests)."""
        ui = self.ui
        ui.attendeeName.setText(name)
        ui.attendeeAgency.setCurrentIndex(ui.attendeeAgency.findData(agency_id))
        ui.attendeeAccount.setText(account)
        ui.attendeeAdd.click()

    def _remove_attendee(self) -> None:
        row = self.attendance.currentRow()
        if row >= 0:
            self.attendance.removeRow(row)

    def attendees(self) -> list[dict[str, str]]:
        """The attendance table as ``record_attendance`` carries it (agencies by id)."""
        out = []
        for r in range(self.attendance.rowCount()):
            name, agency, account = (self._attendance_cell(r, c) for c in range(3))
            person = {"name": name.strip(), "agency_id": agency.strip()}
            if account.strip():
                person["account"] = account.strip()
            out.append(person)
        return out

    def _attendance_cell(self, row: int, column: int) -> str:
        """A cell's text; the agency's id (its data) rather than the name shown."""
        item = self.attendance.item(row, column)
        if item is None:
            return ""
        agency_id = item.data(ID_ROLE) if column == AGENCY_COLUMN else None
        return str(agency_id) if agency_id is not None else item.text()

    def attendance_texts(self) -> list[list[str]]:
        """The attendance table as shown, row by row (tests, and screen readers' checks)."""
        return [[self.attendance.item(r, c).text() if self.attendance.item(r, c) else ""
                 for c in range(3)] for r in range(self.attendance.rowCount())]

    def _send_attendance(self) -> None:
        people = self.attendees()
        if not people:
            self.problem.setText(self.tr("Agregue a las personas presentes"))
            return
        self._ask("record_attendance", {"attendees": people})

    # --- cases, agreements, tasks ---------------------------------------------------------
    def selected_case(self) -> str:
        """The case id selected among the meeting's cases, or ""."""
        row = self.cases.currentItem()
        return row.data(ID_ROLE) if row is not None else ""

    def select_case(self, case_id: str) -> None:
        """Select one of the meeting's cases."""
        for n in range(self.cases.count()):
            if self.cases.item(n).data(ID_ROLE) == case_id:
                self.cases.setCurrentRow(n)

    def _add_case(self) -> None:
        combo = self.ui.caseChoice
        index = combo.findText(combo.currentText())
        case_id = (combo.itemData(index) if index >= 0 else combo.currentText()).strip()
        if not case_id:
            self.problem.setText(self.tr("Elija o escriba el caso"))
            return
        self._ask("add_case_to_meeting", {"case_id": case_id,
                                              "view": self.ui.caseView.currentData()})

    def _send_agreement(self) -> None:
        case_id, text = self.selected_case(), self.ui.agreementText.toPlainText().strip()
        if not case_id or not text:
            self.problem.setText(self.tr("Seleccione un caso de la mesa y escriba el acuerdo"))
            return
        fields = {"case_id": case_id, "text": text}
        if self.ui.agreementAgency.currentData():
            fields["agency_id"] = self.ui.agreementAgency.currentData()
        self._ask("record_agreement", fields)
        self.ui.agreementText.clear()

    def _send_task(self) -> None:
        ui = self.ui
        case_id, what = self.selected_case(), ui.taskWhat.text().strip()
        agency = ui.taskAgency.currentData() or ""
        if not case_id or not what or not agency:
            self.problem.setText(self.tr("Seleccione un caso de la mesa, escriba la tarea y "
                                         "elija la institución"))
            return
        fields = {"case_id": case_id, "what": what, "agency_id": agency,
                  "due_on": ui.taskDue.date().toString("yyyy-MM-dd")}
        if ui.taskAssignee.text().strip():
            fields["assignee"] = ui.taskAssignee.text().strip()
        self._ask("assign_task", fields)
        ui.taskWhat.clear()
        ui.taskAssignee.clear()

    def _show_records(self) -> None:
        """The agreements and tasks of the selected case."""
        self.records.clear()
        meeting, case_id = self.meeting, self.selected_case()
        if meeting is None or not case_id:
            return
        for a in meeting.agreements:
            if a.get("case_id") == case_id:
                to = self.agency_name(a["agency_id"]) if a.get("agency_id") else self.tr("todas")
                self.records.addItem(self.tr("Acuerdo ({0}): {1}").format(to, a.get("text", "")))
        for t in self._tasks:
            if t.case_id == case_id:
                state = (self.tr("hecha: {0}").format(t.done_note) if t.status == DONE
                         else self.tr("vencida") if t.overdue else self.tr("pendiente"))
                who = f" · {t.assignee}" if t.assignee else ""
                self.records.addItem(self.tr("Tarea de {0}{1}: {2} (vence {3}; {4})")
                                     .format(self.agency_name(t.agency_id), who, t.what, t.due_on,
                                             state))

    def record_texts(self) -> list[str]:
        """The lines of the selected case's agreements and tasks."""
        return [self.records.item(n).text() for n in range(self.records.count())]

    def _ask(self, kind: str, fields: dict) -> None:
        self.problem.setText(self.tr("Enviando…"))
        self.sending = True
        self.commandRequested.emit(kind, {"meeting_id": self.meeting_id, **fields})


def _refill(combo, items: list[tuple[str, str]]) -> None:
    """Replace a combo's (data, text) items, keeping the current choice where it remains."""
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for data, text in items:
        combo.addItem(text, data)
    index = combo.findData(keep)
    combo.setCurrentIndex(index if index >= 0 else (0 if items else -1))
    combo.blockSignals(False)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
