"""The one way from a sound or worker thread back to the GUI thread.

A player's or the speech engine's status is produced on its own thread; a widget may
only be touched on the GUI thread. :class:`ThreadSignal` posts the call through a
queued Qt signal to a QObject living on the GUI thread, which runs the slot there
(Anki's ``run_on_main``, Picard's ``thread.to_main``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot


class ThreadSignal(QObject):
    """``emit(*args)`` from any thread; ``slot(*args)`` runs later on this object's thread
    (the GUI thread, where it is created)."""

    _posted = Signal(tuple)

    def __init__(self, slot: Callable[..., Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slot = slot
        # Queued even when emitted on the GUI thread: the order of statuses is kept and a
        # status never re-enters the code that produced it.
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def emit(self, *args: Any) -> None:
        """Post ``slot(*args)`` to the GUI thread (safe from any thread)."""
        self._posted.emit(args)

    @Slot(tuple)
    def _deliver(self, args: tuple) -> None:
        self._slot(*args)
