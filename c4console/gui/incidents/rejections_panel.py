"""Commands refused: listed until the operator dismisses each one.

A refused command is never dropped silently. What the central refused comes from the
outbox (rejected, not dismissed), so it survives a restart of the console. What this
console could not send at all (no unit to recommend, the outbox write failed…) is
added by the window (:meth:`RejectionsPanel.add_local`) and lasts until dismissed or
the console closes: it never reached the outbox.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Awaitable, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from c4console.gui.shell.labels import command_label, rejection_label
from c4console.gui.shell.tasks import Run, run_async
from c4console.store.cache import OutboxEntry
from c4console.sync.state import ConsoleState

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
LOCAL_PREFIX = "local-"  # keys of what never reached the outbox


class RejectionsPanel(QWidget):
    """The refused commands, newest last, each with why and who acted instead."""

    dismissRequested = Signal(str)  # command key
    countChanged = Signal(int)
    attention = Signal()  # the central refused something new: bring the panel to the front

    def __init__(self, state: ConsoleState, parent=None, *,
                 load: Callable[[], Awaitable[list[OutboxEntry]]] | None = None,
                 dismiss: Callable[[str], Awaitable[None]] | None = None,
                 run: Run = run_async) -> None:
        super().__init__(parent)
        self.setObjectName("rejectionsPanel")
        self.state = state
        self.load = load
        self.forget = dismiss
        self.run = run
        self.dismissRequested.connect(self._dismissed)
        self.list = QListWidget(self)
        self.list.setObjectName("rejectionsList")
        self.list.setWordWrap(True)
        self.dismiss = QPushButton(self.tr("Enterado (quitar de la lista)"), self)
        self.dismiss.setObjectName("dismissRejection")
        self.dismiss.clicked.connect(self._dismiss_current)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.dismiss)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("Acciones rechazadas por la central")))
        self.entries: list[OutboxEntry] = []
        self.local: list[tuple[str, str]] = []  # (key, text): refused before being sent
        self._local_seq = 0
        lay.addWidget(self.list, 1)
        lay.addLayout(row)

    def follow(self, bridge) -> None:
        """Reload (and ask for attention) when the central refuses one of our commands."""
        bridge.commandRejected.connect(
            lambda _result: self.run(self.reload(raise_panel=True),
                                     what=self.tr("leer las rechazadas")))

    async def reload(self, raise_panel: bool = False) -> None:
        """Re-read the refused, undismissed commands from the outbox."""
        if self.load is None:
            return
        entries = await self.load()
        self.show_entries(entries)
        if raise_panel and entries:
            self.attention.emit()

    def _dismissed(self, key: str) -> None:
        if not self.dismiss_local(key) and self.forget is not None:
            self.run(self._forget(key), what=self.tr("quitar la rechazada"))

    async def _forget(self, key: str) -> None:
        assert self.forget is not None
        await self.forget(key)
        await self.reload()

    def show_entries(self, entries: list[OutboxEntry]) -> None:
        """Replace the central's refusals with these rejected, undismissed commands."""
        self.entries = list(entries)
        self._redraw()

    def add_local(self, text: str, at: float | None = None) -> str:
        """List an action this console refused or could not send (``text`` says what and
        why); returns its key, which :attr:`dismissRequested` carries when dismissed."""
        self._local_seq += 1
        key = f"{LOCAL_PREFIX}{self._local_seq}"
        when = dt.datetime.fromtimestamp(time.time() if at is None else at).strftime("%H:%M:%S")
        self.local.append((key, self.tr("{0}  {1} (no se envió)").format(when, text)))
        self._redraw()
        return key

    def dismiss_local(self, key: str) -> bool:
        """Remove a local entry; False if ``key`` is not one (it is the outbox's)."""
        if not key.startswith(LOCAL_PREFIX):
            return False
        self.local = [(k, t) for k, t in self.local if k != key]
        self._redraw()
        return True

    def count(self) -> int:
        """How many refusals are listed."""
        return len(self.entries) + len(self.local)

    def _redraw(self) -> None:
        self.list.clear()
        for key, text in [*((e.key, self._describe(e)) for e in self.entries), *self.local]:
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, key)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        self.dismiss.setEnabled(bool(self.list.count()))
        self.countChanged.emit(self.count())

    def _describe(self, e: OutboxEntry) -> str:
        body = e.body
        inc = self.state.incident(body.get("incident_id", "")) if body.get("incident_id") else None
        when = dt.datetime.fromtimestamp(e.created_at).strftime("%H:%M:%S")
        what = command_label(body.get("type", "?"))
        target = inc.folio if inc else body.get("unit_id") or body.get("case_id", "")
        text = f"{when}  {what} {target}: {rejection_label(e.reason)}"
        winner = self._who_won(e)
        if winner:
            text += "\n" + winner
        if e.message:
            text += f"\n({e.message})"
        return text

    def _who_won(self, e: OutboxEntry) -> str:
        """For a lost race, the operator whose action the central kept."""
        iid = e.body.get("incident_id")
        kind = {"already_acknowledged": "acknowledged", "already_dispatched": "dispatched",
                "terminal": "closed"}.get(e.reason)
        if not iid or not kind:
            return ""
        won = [ev for ev in self.state.timeline(iid) if ev.kind == kind
               and not ev.id.startswith("pending-")]
        if not won:
            return ""
        ev = won[-1]
        return self.tr("Lo hizo {0} a las {1}").format(
            ev.actor, dt.datetime.fromtimestamp(ev.at).strftime("%H:%M:%S"))

    def _dismiss_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.dismissRequested.emit(item.data(KEY_ROLE))
