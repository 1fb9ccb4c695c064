"""The selected case's coordination sections on the Expedientes panel (issue 15):

- *Compartido con*: her shares in force and ended (agency, level, since, until, reason, who
  shared, state), from the console's cache; *Retirar…* and *Compartir notas psicológicas…*
  on the selected share, for the roles that may send them;
- *Lecturas de otras instituciones*: asked of the central on demand (*Consultar lecturas*,
  ``readsRequested``) — who at which agency saw what, when;
- *Línea de tiempo*: her case timeline's entries, newest first, with a Spanish label per
  kind, as the feed gave them to this role (psychological notes' text only to the roles that
  read them).

The sections only draw and ask; gui/cases/sharing_actions.py sends and reads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from c4console.core.agencies.records import CaseShare
from c4console.gui.cases.sharing_labels import (
    field_label,
    level_label,
    read_via_label,
    timeline_detail,
    timeline_label,
)
from c4console.sync.state import ConsoleState

SHARE_COLUMNS = 7  # institution, level, since, until, reason, shared by, state


def when(at: float | None) -> str:
    """A time as the console shows it (local), or a dash."""
    return datetime.fromtimestamp(at).strftime("%Y-%m-%d %H:%M") if at else "—"


class CaseSections(QTabWidget):
    """The three sections of the selected case (see module docstring)."""

    revokeRequested = Signal(str)  # share id
    psychRequested = Signal(str)  # share id
    readsRequested = Signal(str)  # case id

    def __init__(self, state: ConsoleState, agency_name: Callable[[str], str],
                 parent: QWidget | None = None, today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.setObjectName("caseSections")
        self.state, self.agency_name, self.today = state, agency_name, today
        self.case_id: str | None = None
        self.may_revoke = self.may_share_psych = self.reads_psych = False
        self.shown_shares: list[CaseShare] = []
        self.reads_of: str | None = None  # the case whose reads are listed

        self.shares = QTableWidget(0, SHARE_COLUMNS)
        self.shares.setObjectName("caseSharesTable")
        self.shares.setHorizontalHeaderLabels([
            self.tr("Institución"), self.tr("Nivel"), self.tr("Desde"), self.tr("Hasta"),
            self.tr("Motivo"), self.tr("Compartió"), self.tr("Estado")])
        self.shares.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.shares.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.shares.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.shares.horizontalHeader().setStretchLastSection(True)
        self.shares.itemSelectionChanged.connect(self._share_buttons)
        self.revoke = QPushButton(self.tr("Retirar…"))
        self.revoke.setObjectName("caseRevokeShare")
        self.revoke.clicked.connect(lambda: self._emit_share(self.revokeRequested))
        self.psych = QPushButton(self.tr("Compartir notas psicológicas…"))
        self.psych.setObjectName("caseSharePsychNotes")
        self.psych.clicked.connect(lambda: self._emit_share(self.psychRequested))
        shares_tab = QWidget()
        sl = QVBoxLayout(shares_tab)
        sl.addWidget(self.shares, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.psych)
        row.addWidget(self.revoke)
        sl.addLayout(row)

        self.reads = QListWidget()
        self.reads.setObjectName("caseAgencyReads")
        self.reads_button = QPushButton(self.tr("Consultar lecturas"))
        self.reads_button.setObjectName("caseAgencyReadsFetch")
        self.reads_button.clicked.connect(self._ask_reads)
        self.reads_status = QLabel(self.tr("Se consultan en la central al pulsar el botón"))
        self.reads_status.setObjectName("caseAgencyReadsStatus")
        self.reads_status.setWordWrap(True)
        reads_tab = QWidget()
        rl = QVBoxLayout(reads_tab)
        top = QHBoxLayout()
        top.addWidget(self.reads_status, 1)
        top.addWidget(self.reads_button)
        rl.addLayout(top)
        rl.addWidget(self.reads, 1)

        self.timeline = QListWidget()
        self.timeline.setObjectName("caseTimeline")
        self.timeline.setWordWrap(True)

        self.addTab(shares_tab, self.tr("Compartido con"))
        self.addTab(reads_tab, self.tr("Lecturas de otras instituciones"))
        self.addTab(self.timeline, self.tr("Línea de tiempo"))
        self.set_permissions(revoke=False, share_psych=False, reads_psych=False)
        self.show_case(None)

    def set_permissions(self, *, revoke: bool, share_psych: bool, reads_psych: bool,
                        agency_reads: bool = False) -> None:
        """What this role may do here: retire a share, take the psychological notes step, read
        her psychological notes, ask who at other agencies read her case (core/access.py)."""
        self.may_revoke, self.may_share_psych, self.reads_psych = revoke, share_psych, reads_psych
        self.revoke.setVisible(revoke)
        self.psych.setVisible(share_psych)
        self.reads_button.setVisible(agency_reads)
        self.redraw()

    # --- drawing --------------------------------------------------------------------------
    def show_case(self, case_id: str | None) -> None:
        """Draw one case's sections (None: nothing selected)."""
        if case_id != self.case_id:
            self.case_id = case_id
            self.show_reads(None, [])
        self.reads_button.setEnabled(case_id is not None)
        self.redraw()

    def redraw(self) -> None:
        """The shares and the timeline again from the state (a change arrived)."""
        self._draw_shares()
        self._draw_timeline()

    def _draw_shares(self) -> None:
        keep = self.selected_share()
        cid = self.case_id
        mine = [s for s in self.state.case_shares.values() if cid is not None and s.case_id == cid]
        mine.sort(key=lambda s: s.created_at, reverse=True)
        self.shown_shares = mine
        self.shares.setRowCount(len(mine))
        for r, s in enumerate(mine):
            values = (self.agency_name(s.agency_id), level_label(s.level), when(s.created_at),
                      s.ends_on or self.tr("sin fecha"), s.reason, s.created_by,
                      self.state_text(s))
            for c, text in enumerate(values):
                self.shares.setItem(r, c, QTableWidgetItem(text))
            if s.id == keep:
                self.shares.selectRow(r)
        self._share_buttons()

    def state_text(self, s: CaseShare) -> str:
        """In force, revoked (when, by whom, why) or ended; and whether her notes go with it."""
        if s.revoked_at is not None:
            text = self.tr("Retirado el {0} por {1}: {2}").format(
                when(s.revoked_at), s.revoked_by, s.revoke_reason)
        elif not s.in_force(self.today()):
            text = self.tr("Terminado")
        else:
            text = self.tr("Vigente")
        if s.psych_notes:
            text += self.tr(" · con notas psicológicas ({0}: {1})").format(s.psych_by, s.psych_reason)
        return text

    def share_rows(self) -> list[list[str]]:
        """The shares table's texts, row by row (tests read it)."""
        return [[self.shares.item(r, c).text() for c in range(SHARE_COLUMNS)]
                for r in range(self.shares.rowCount())]

    def select_share(self, share_id: str) -> None:
        """Select a share's row."""
        for r, s in enumerate(self.shown_shares):
            if s.id == share_id:
                self.shares.selectRow(r)

    def selected_share(self) -> str | None:
        """The selected share's id."""
        rows = self.shares.selectionModel().selectedRows() if self.shares.selectionModel() else []
        if rows and rows[0].row() < len(self.shown_shares):
            return self.shown_shares[rows[0].row()].id
        return None

    def _share_buttons(self) -> None:
        share = next((s for s in self.shown_shares if s.id == self.selected_share()), None)
        live = share is not None and share.in_force(self.today())
        self.revoke.setEnabled(live)
        self.psych.setEnabled(live and share.level == "completo" and not share.psych_notes)

    def _emit_share(self, signal) -> None:
        if (sid := self.selected_share()) is not None:
            signal.emit(sid)

    def _draw_timeline(self) -> None:
        cid = self.case_id
        entries = sorted((e for e in self.state.case_timeline.values()
                          if cid is not None and e.case_id == cid),
                         key=lambda e: e.at, reverse=True)
        self.timeline.clear()
        for e in entries:
            detail = timeline_detail(e, psych_allowed=self.reads_psych)
            parts = [when(e.at), timeline_label(e), *([detail] if detail else []), e.actor]
            self.timeline.addItem(" · ".join(p for p in parts if p))
        if not entries:
            self.timeline.addItem(self.tr("Sin entradas"))

    def timeline_texts(self) -> list[str]:
        """The timeline's lines, newest first (tests read it)."""
        return [self.timeline.item(i).text() for i in range(self.timeline.count())]

    # --- another agency's reads -----------------------------------------------------------
    def _ask_reads(self) -> None:
        if self.case_id is not None:
            self.reads_status.setText(self.tr("Consultando a la central…"))
            self.readsRequested.emit(self.case_id)

    def show_reads(self, case_id: str | None, reads: list[dict[str, Any]]) -> None:
        """The reads the central answered for ``case_id``, newest first (ignored if another
        case is selected now)."""
        if case_id is not None and case_id != self.case_id:
            return
        self.reads_of = case_id
        self.reads.clear()
        for r in sorted(reads, key=lambda r: r.get("at") or 0.0, reverse=True):
            fields = ", ".join(field_label(str(f)) for f in r.get("fields") or ())
            text = self.tr("{0} · {1} ({2}) · {3} · nivel {4}: {5}").format(
                when(r.get("at")), r.get("user", ""), self.agency_name(str(r.get("agency", ""))),
                read_via_label(str(r.get("via", ""))), level_label(str(r.get("level", ""))),
                fields or "—")
            if r.get("outcome") == "refused":
                text += self.tr(" · RECHAZADA (no compartido)")
            self.reads.addItem(text)
        if case_id is None:
            self.reads_status.setText(self.tr("Se consultan en la central al pulsar el botón"))
        elif reads:
            self.reads_status.setText(self.tr("{0} lecturas").format(len(reads)))
        else:
            self.reads_status.setText(self.tr("Ninguna institución ha leído este expediente"))

    def reads_failed(self, text: str) -> None:
        """The central could not be asked: say so where the list is."""
        self.reads_status.setText(text)

    def read_texts(self) -> list[str]:
        """The reads' lines (tests read it)."""
        return [self.reads.item(i).text() for i in range(self.reads.count())]
