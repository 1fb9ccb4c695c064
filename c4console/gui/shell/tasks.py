"""Start coroutines from Qt slots: keep each task alive until it ends, and report its failure.

asyncio's loop keeps only weak references to tasks: a task nobody holds can be garbage
collected mid-flight and vanish without a trace (central/hub.py keeps its closers for the
same reason). :func:`run_async` holds every task it starts until it is done, logs a failure
and hands it to ``on_error``; a window's :class:`Tasks` turns that failure into a sentence
for the person who acted (the status bar, and *Rechazadas* for a command never sent).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

log = logging.getLogger(__name__)

ErrorHandler = Callable[[BaseException], None]
# How a panel starts its background work: ``run(coro, what=...)`` (run_async, or its
# window's Tasks.run so that a failure reaches the status bar).
Run = Callable[..., asyncio.Task]

# Strong references to the running tasks (the loop keeps only weak ones).
_running: set[asyncio.Task] = set()


def run_async(coro: Coroutine[Any, Any, Any], *, on_error: ErrorHandler | None = None,
              what: str = "") -> asyncio.Task:
    """Run ``coro`` on the loop, holding its task until it ends; a failure is logged
    (``what`` names the action) and passed to ``on_error``."""
    task = asyncio.ensure_future(coro)
    _running.add(task)

    def done(t: asyncio.Task) -> None:
        _running.discard(t)
        if t.cancelled():
            return
        exc = t.exception()
        if exc is not None:
            log.error("%s failed: %s", what or "action", exc, exc_info=exc)
            if on_error is not None:
                on_error(exc)

    task.add_done_callback(done)
    return task


def running() -> frozenset[asyncio.Task]:
    """The tasks started by :func:`run_async` that have not ended yet."""
    return frozenset(_running)


class Tasks(QObject):
    """One window's background actions: a failure reaches the person who acted.

    ``failed`` carries what was being done (a translated phrase: "Despachar") and the
    error; the window shows it in its status bar, and a command that failed before it
    was sent in *Rechazadas*.
    """

    failed = Signal(str, object)  # what, the exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        mine: set[asyncio.Task] = set()
        self._mine = mine
        # The window is gone: its actions have nobody to report to and widgets to touch.
        self.destroyed.connect(lambda *_: [t.cancel() for t in list(mine)])

    def run(self, coro: Coroutine[Any, Any, Any], what: str = "", *,
            on_error: ErrorHandler | None = None) -> asyncio.Task:
        """Run ``coro``; if it raises, call ``on_error`` and announce ``failed(what, error)``
        (the window's actions are cancelled when it is destroyed)."""
        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return  # the window closed while it ran: logged by run_async, nobody to tell
            if on_error is not None:
                on_error(exc)
            self.failed.emit(what, exc)

        task = run_async(coro, on_error=failed, what=what)
        self._mine.add(task)
        task.add_done_callback(self._mine.discard)
        return task
