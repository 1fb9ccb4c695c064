"""Stopping the central's background tasks the same way everywhere, and the periodic
write passes (a device's silence, a case share's end date) that outlive one failed pass."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def cancel_and_wait(task: asyncio.Task | None) -> None:
    """Cancel ``task`` (if any) and wait until it has finished; its cancellation is not an
    error for the caller (other exceptions still propagate)."""
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


class PeriodicPass:
    """Every ``every_s`` seconds, ``once()`` (a write transaction returning how many records
    it changed); a count is logged as ``found % count``, a failed pass as ``what`` failing,
    and the next pass still comes."""

    def __init__(self, once: Callable[[], Awaitable[int]], every_s: float, *, what: str,
                 found: str) -> None:
        self._once, self.every_s, self._what, self._found = once, every_s, what, found
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        """Start (the first pass at once)."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            try:
                changed = await self._once()
                if changed:
                    log.info(self._found, changed)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the pass must outlive one failure
                log.exception("%s failed", self._what)
            await asyncio.sleep(self.every_s)

    async def stop(self) -> None:
        """Stop the passes."""
        await cancel_and_wait(self._task)
        self._task = None
