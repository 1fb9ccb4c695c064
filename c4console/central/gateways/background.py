"""Work a gateway starts from committed changes: handed from the service's writer
thread to the event loop, run as tasks there, cancelled together at stop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class BackgroundTasks:
    """The running loop (after :meth:`start`) and the tasks spawned on it."""

    def __init__(self, what: str) -> None:
        self.what = what  # names the gateway in the log
        self.loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task] = set()

    def start(self) -> None:
        """Bind to the running loop."""
        self.loop = asyncio.get_running_loop()

    def from_writer(self, fn: Callable[..., None], *args: Any) -> None:
        """Call ``fn(*args)`` on the loop (thread-safe; dropped once stopped)."""
        loop = self.loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(fn, *args)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run ``coro`` as a task; a failure is logged, never lost silently."""
        if self.loop is None:
            coro.close()
            return
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s task failed", self.what, exc_info=task.exception())

    async def stop(self) -> None:
        """Stop taking work and cancel what is pending."""
        self.loop = None
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
