"""Adapts the sync engine's callbacks to Qt signals for the widgets.

The engine runs on the qasync loop, which is the GUI thread, so these calls are
already on the right thread; the signals decouple the widgets from the engine.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from c4console.core.changes import Change
from c4console.sync.state import ConsoleState, Touched


class StateBridge(QObject):
    """Holds the :class:`ConsoleState` and announces what changed."""

    touched = Signal(object)  # Touched
    newIncidents = Signal(list)  # incident ids first seen now
    connectionChanged = Signal(bool, str)
    pendingChanged = Signal(int)
    commandRejected = Signal(dict)  # a result with outcome rejected
    changesApplied = Signal(int)  # how many changes (benchmarks watch this)

    def __init__(self, state: ConsoleState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state

    # SyncListener ----------------------------------------------------------
    def on_changes(self, applied: list[Change]) -> None:
        """Durably applied changes from the central."""
        t = self.state.apply_changes(applied)
        self._emit(t)
        if t.new_incidents:
            self.newIncidents.emit(t.new_incidents)
        self.changesApplied.emit(len(applied))

    def on_results(self, results: list[dict[str, Any]]) -> None:
        """The central's answers to our commands."""
        self._emit(self.state.take_results(results))
        for r in results:
            outcome = r.get("outcome")
            if outcome == "duplicate":
                outcome = (r.get("original") or {}).get("outcome")
            if outcome == "rejected":
                self.commandRejected.emit({**(r.get("original") or {}), **r})

    def on_reset(self) -> None:
        """The cache was wiped for another user or role: forget what was shown."""
        self._emit(self.state.clear_records())

    def on_connection(self, connected: bool, detail: str) -> None:
        """Stream up or down."""
        self.connectionChanged.emit(connected, detail)

    # Local -------------------------------------------------------------------
    def add_pending(self, command: dict[str, Any]) -> None:
        """A command is durable in the outbox: show it now."""
        self._emit(self.state.add_pending(command))

    def _emit(self, t: Touched) -> None:
        if t:
            self.touched.emit(t)
        self.pendingChanged.emit(self.state.pending_count())
