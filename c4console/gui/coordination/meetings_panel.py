"""The list of coordination meetings the console's cache holds (date, time, place, agencies by
name once the tool has read them from the central, borrador or firmada), newest first, with
*Nueva mesa…* and *Abrir*: the panel of the *Mesas de coordinación* dock. It reads the
console state only and asks for the rest by signal (gui/coordination/meetings_tool.py opens
the dialogs)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from c4console.core.coordination.records import Meeting
from c4console.gui.coordination.meeting_labels import state_label
from c4console.gui.shell.agency_names import agency_label

ID_ROLE = Qt.ItemDataRole.UserRole


class MeetingsPanel(QWidget):
    """Meetings, newest first; double-click or *Abrir* opens one."""

    newRequested = Signal()
    openRequested = Signal(str)  # meeting id

    def __init__(self, state, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.agency_names: dict[str, str] = {}  # agency id → name, once read (meetings_tool)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("meetingsList")
        self.table.setHorizontalHeaderLabels([self.tr("Fecha"), self.tr("Hora"), self.tr("Lugar"),
                                              self.tr("Instituciones"), self.tr("Minuta")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open_row(row))
        self.new_button = QPushButton(self.tr("Nueva mesa…"), self)
        self.new_button.setObjectName("newMeeting")
        self.new_button.clicked.connect(self.newRequested)
        self.open_button = QPushButton(self.tr("Abrir"), self)
        self.open_button.setObjectName("openMeeting")
        self.open_button.clicked.connect(lambda: self._open_row(self.table.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.refresh()

    def meetings(self) -> list[Meeting]:
        """The meetings shown, newest first."""
        return sorted(self.state.meetings.values(), key=lambda m: (m.date, m.time, m.id),
                      reverse=True)

    def refresh(self) -> None:
        """Redraw from the console state, keeping the selected meeting selected."""
        keep = self.selected_meeting_id()
        meetings = self.meetings()
        self.table.setRowCount(len(meetings))
        for r, m in enumerate(meetings):
            agencies = ", ".join(self.agency_name(a) for a in m.agencies)
            cells = [m.date, m.time, m.place, agencies, state_label(m.signed)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, m.id)
                self.table.setItem(r, c, item)
            if m.id == keep:
                self.table.selectRow(r)

    def agency_name(self, agency_id: str) -> str:
        """An agency's name as last read from the central (its id until then)."""
        return agency_label(self.agency_names, agency_id)

    def set_agency_names(self, names: dict[str, str]) -> None:
        """The agencies' names (id → name) read from the central; the list redrawn with them."""
        self.agency_names = dict(names)
        self.refresh()

    def meeting_ids(self) -> list[str]:
        """The ids of the rows, top to bottom."""
        return [self.table.item(r, 0).data(ID_ROLE) for r in range(self.table.rowCount())]

    def row_texts(self, meeting_id: str) -> list[str]:
        """The cells of a meeting's row (tests, and screen readers' checks)."""
        r = self.meeting_ids().index(meeting_id)
        return [self.table.item(r, c).text() for c in range(self.table.columnCount())]

    def selected_meeting_id(self) -> str:
        """The selected meeting's id, or ""."""
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return item.data(ID_ROLE) if item is not None else ""

    def _open_row(self, row: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        if item is not None:
            self.openRequested.emit(item.data(ID_ROLE))

    def follow(self, bridge) -> None:
        """Redraw when meetings change."""
        bridge.touched.connect(lambda t: t.coordination and self.refresh())
