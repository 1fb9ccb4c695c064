"""Python's cyclic garbage collection only on the GUI thread.

Automatic collection runs in whichever thread happens to allocate: the speech
thread, the cache worker, an audio helper. When it frees a Qt object there, Qt
later delivers that object's timer events to freed memory and the console
crashes (seen in the alarm-to-screen benchmark: QTimerInfoList::activateTimers →
notifyInternal2 on a dead object). pyqtgraph's GarbageCollector turns automatic
collection off and collects on a GUI-thread timer instead.
"""

from __future__ import annotations

from pyqtgraph.util.garbage_collector import GarbageCollector
from PySide6.QtCore import QCoreApplication

_ATTR = "_c4_gui_thread_gc"


def collect_on_gui_thread(app: QCoreApplication, interval_s: float = 1.0) -> GarbageCollector:
    """Install (once per application) the GUI-thread collector; returns it."""
    existing = getattr(app, _ATTR, None)
    if existing is not None:
        return existing
    collector = GarbageCollector(interval=interval_s)
    setattr(app, _ATTR, collector)
    return collector
