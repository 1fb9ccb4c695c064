"""The feed follower: hands every committed change to the hub, once and in seq order,
whichever process committed it.

Three things wake it:

- this node's writer, right after a commit, with the changes themselves
  (:meth:`FeedFollower.offer_threadsafe`): published at once when they follow
  on from what was published, which is the usual case and costs no read;
- another node's commit, announced by PostgreSQL NOTIFY
  (:mod:`c4console.central.notify`, :meth:`FeedFollower.poke`);
- a timer (``poll_s``): a missed notification, a ``c4central devices add`` run
  on the same SQLite file, a dropped LISTEN connection — all caught up by
  reading the changes table after the cursor.

Whatever is not contiguous with the cursor is read from the database, never
guessed, so every stream client gets a gap-free, ordered feed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from c4console.central.hub import Hub, ReadPage
from c4console.central.tasks import cancel_and_wait
from c4console.core.changes import Change

log = logging.getLogger(__name__)

POLL_S = 2.0
PAGE = 1000


class FeedFollower:
    """Publishes the changes table to a :class:`Hub` from ``cursor`` on."""

    def __init__(self, hub: Hub, read_page: ReadPage, cursor: int, *, poll_s: float = POLL_S) -> None:
        self.hub = hub
        self.read_page = read_page
        self.cursor = cursor  # every change up to here has been published
        self.poll_s = poll_s
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # The last seq this node's writer committed and handed to offer(): its own NOTIFY
        # (PostgreSQL echoes it back to this node too) needs no read of the table.
        self._announced = 0

    def start(self) -> None:
        """Start following on the running loop."""
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        """Stop following."""
        await cancel_and_wait(self._task)
        self._task = None

    def offer_threadsafe(self, changes: list[Change]) -> None:
        """Service listener (writer thread): pass this node's committed changes to the loop."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            if changes:
                self.expect(changes[-1].seq)
            loop.call_soon_threadsafe(self.offer, changes)

    def expect(self, seq: int) -> None:
        """Writer thread: changes up to ``seq`` are being committed here and will be offered.

        Called just before the commit, so it is set before PostgreSQL echoes the NOTIFY back
        to this node. If that commit then fails, pokes up to ``seq`` are skipped until the
        next offer or timer read (``poll_s``) — a failed commit is rare; a read per group
        under a flood of device reports is not.
        """
        self._announced = max(self._announced, seq)  # one int store: atomic under the GIL

    def offer(self, changes: list[Change]) -> None:
        """Publish freshly committed changes if they follow on; otherwise read the table."""
        if not changes or changes[-1].seq <= self.cursor:
            return
        if changes[0].seq == self.cursor + 1:
            self._publish(changes)
        else:
            # Another process committed in between: its changes come first.
            self._wake.set()

    def poke(self, seq: int | None = None) -> None:
        """Something was committed elsewhere (up to ``seq`` if known): catch up.

        A seq this node's writer already handed over is left to :meth:`offer`, which is on
        its way: under a flood of device reports, reading each group back from the table
        was a second query per commit. Nothing is lost by skipping: if another node's
        changes sit below it, ``offer`` finds them missing (not contiguous) and wakes the
        reader itself.
        """
        if seq is None or (seq > self.cursor and seq > self._announced):
            self._wake.set()

    def _publish(self, changes: list[Change]) -> None:
        self.hub.publish(changes)
        self.cursor = changes[-1].seq

    async def catch_up(self) -> None:
        """Read and publish every stored change after the cursor."""
        while True:
            page, head = await self.read_page(self.cursor, PAGE)
            fresh = [c for c in page if c.seq > self.cursor]  # offer() may have moved on meanwhile
            if fresh:
                if fresh[0].seq != self.cursor + 1:
                    # The table itself has a hole: never publish past it.
                    log.error("feed follower: change %d follows %d in the changes table; holding "
                              "the feed at %d", fresh[0].seq, self.cursor, self.cursor)
                    return
                self._publish(fresh)
            if not page or self.cursor >= head:
                return

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_s)
            self._wake.clear()
            try:
                await self.catch_up()
            except asyncio.CancelledError:
                raise
            except Exception as e:
                # The database is away for a moment: the next wake or poll retries.
                log.warning("feed follower: reading changes after seq %d failed (%s: %s)",
                            self.cursor, type(e).__name__, e)
