"""The desk's table model: the rows of :func:`c4console.core.specialists.queue.desk_queue`
(waiting referrals and follow-ups due today or missed), highest risk first then oldest.

The rows are recomputed from the state when the feed touches the desk's records and on the
panel's one timer (:meth:`DeskModel.refresh`); only the rows whose content changed are
redrawn (the waiting column on every tick), and the model is reset only when rows come, go
or change places. ``now`` is the desk's clock (tests inject one to reach a follow-up's day).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from c4console.core.cases.vocabulary import RiskLevel
from c4console.core.enums import Channel
from c4console.core.specialists.queue import ROW_FOLLOW_UP, DeskRow, desk_queue
from c4console.gui.cases.case_labels import RISK_COLOURS, risk_label
from c4console.gui.shell.labels import format_elapsed
from c4console.gui.shell.table_model import HeaderedTableModel
from c4console.gui.specialists.desk_labels import channel_label, desk_label
from c4console.sync.state import ConsoleState

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
COL_RISK, COL_WAITING, COL_ORIGIN, COL_NAME, COL_DESKS, COL_WHAT = range(6)
MISSED_COLOUR = QColor("#ffcdd2")


def row_key(row: DeskRow) -> str:
    """A row's stable key: its kind and record id."""
    return f"{row.kind}:{row.record.id}"


class DeskModel(HeaderedTableModel):
    """The desk's rows at the desk's clock."""

    def __init__(self, state: ConsoleState, parent=None, *,
                 now: Callable[[], float] = time.time, tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.now = now
        self.tz = tz
        self.at = now()
        self.rows: list[DeskRow] = []
        self._keys: list[str] = []
        self.desks: frozenset[str] | None = None  # the reader's desks (None: every row)
        self._headers = [self.tr("Riesgo"), self.tr("Espera"), self.tr("Origen"),
                         self.tr("Nombre"), self.tr("Mesas"), self.tr("Qué")]

    # --- Qt's model ------------------------------------------------------------------
    def _row_total(self) -> int:
        return len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == KEY_ROLE:
            return row_key(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.missed:
                return QBrush(MISSED_COLOUR)
            level = self._level(row)
            if index.column() == COL_RISK and level is not None:
                return QBrush(QColor(RISK_COLOURS[level][0]))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_RISK:
            level = self._level(row)
            return QBrush(QColor(RISK_COLOURS[level][1])) if level is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        return None

    def _level(self, row: DeskRow) -> RiskLevel | None:
        case = self.state.cases.get(row.case_id or "")
        return RiskLevel(case.risk_level) if case is not None and case.risk_level else None

    def _text(self, row: DeskRow, col: int) -> str:
        if col == COL_RISK:
            case = self.state.cases.get(row.case_id or "")
            return risk_label(case.risk_level) if case is not None else "—"
        if col == COL_WAITING:
            return format_elapsed(max(0.0, self.at - row.since))
        if col == COL_ORIGIN:
            return self.origin(row)
        if col == COL_NAME:
            case = self.state.cases.get(row.case_id or "")  # only if the role holds her case
            return case.person.name if case is not None else ""
        if col == COL_DESKS:
            desks = () if row.kind == ROW_FOLLOW_UP else row.record.desks
            return ", ".join(desk_label(d) for d in desks)
        if col == COL_WHAT:
            if row.kind != ROW_FOLLOW_UP:
                return self.tr("Turnada")
            if row.missed:
                return self.tr("Seguimiento NO REALIZADO")
            return self.tr("Seguimiento de hoy")
        return ""

    def origin(self, row: DeskRow) -> str:
        """Where the row comes from: a 911 call, an incident (folio), a WhatsApp chat, or
        the channel of a scheduled follow-up."""
        rec = row.record
        if row.kind == ROW_FOLLOW_UP:
            return self.tr("Seguimiento por {0}").format(channel_label(rec.channel))
        inc = self.state.incident(rec.incident_id) if rec.incident_id else None
        folio = inc.folio if inc is not None else (rec.incident_id or "")
        if inc is not None and inc.channel is Channel.WHATSAPP:
            return self.tr("WhatsApp · {0}").format(folio)
        if rec.call_id or (inc is not None and inc.channel is Channel.CALL_911):
            return self.tr("Llamada 911 · {0}").format(folio) if folio else self.tr("Llamada 911")
        return self.tr("Incidente {0}").format(folio)

    # --- what the desk holds ------------------------------------------------------------
    def _risk_rank(self, case_id: str | None) -> int:
        case = self.state.cases.get(case_id or "")
        if case is None or not case.risk_level:
            return -1
        return RiskLevel(case.risk_level).rank

    def refresh(self, changed: Iterable[str] = ()) -> None:
        """Recompute the rows at the desk's clock. Rows that stay in place are redrawn only
        if their content (or a record in ``changed``: case ids, record ids) changed, plus
        the waiting column; rows that come, go or move reset the model."""
        self.at = self.now()
        rows = desk_queue(self.state.referrals.values(), self.state.desk_follow_ups.values(),
                          self._risk_rank, self.at, self.tz, self.desks)
        keys = [row_key(r) for r in rows]
        if keys != self._keys:
            self.beginResetModel()
            self.rows, self._keys = rows, keys
            self.endResetModel()
            return
        touched = set(changed)
        old, self.rows = self.rows, rows
        last = len(self._headers) - 1
        for r, (before, after) in enumerate(zip(old, rows, strict=True)):
            if (before.record != after.record or before.risk_rank != after.risk_rank
                    or before.missed != after.missed or after.case_id in touched
                    or after.record.id in touched):
                self.dataChanged.emit(self.index(r, 0), self.index(r, last))
        if rows:
            self.dataChanged.emit(self.index(0, COL_WAITING), self.index(len(rows) - 1, COL_WAITING))

    def row_of(self, key: str) -> int:
        """The row of a key, or -1."""
        return self._keys.index(key) if key in self._keys else -1

    def row(self, r: int) -> DeskRow | None:
        """The desk row shown on table row ``r``."""
        return self.rows[r] if 0 <= r < len(self.rows) else None
