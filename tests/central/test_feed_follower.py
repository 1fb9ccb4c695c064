"""The feed follower publishes every change once and in order, and reads the changes table
only when it must: not for the echo of this node's own NOTIFY (its writer already hands it
the changes), always for another node's commit or a gap."""

from __future__ import annotations

import asyncio

from c4console.central.feed import FeedFollower
from c4console.core.changes import Change


def _change(seq: int) -> Change:
    return Change(seq, float(seq), "unit", f"U{seq}", "upsert", {})


class Table:
    """The changes table as the follower reads it, counting the reads."""

    def __init__(self) -> None:
        self.rows: list[Change] = []
        self.reads = 0

    async def read_page(self, since: int, limit: int) -> tuple[list[Change], int]:
        self.reads += 1
        page = [c for c in self.rows if c.seq > since][:limit]
        return page, (self.rows[-1].seq if self.rows else 0)


class Hub:
    def __init__(self) -> None:
        self.published: list[int] = []

    def publish(self, changes: list[Change]) -> None:
        self.published.extend(c.seq for c in changes)


def test_own_commits_need_no_read_other_nodes_and_gaps_do():
    async def main():
        table, hub = Table(), Hub()
        follower = FeedFollower(hub, table.read_page, 0, poll_s=60)  # type: ignore[arg-type]
        follower.start()
        try:
            async def settle():
                for _ in range(20):
                    await asyncio.sleep(0)

            # This node commits 1–3: announced before the commit, NOTIFY echoed, then offered.
            table.rows += [_change(1), _change(2), _change(3)]
            follower.expect(3)
            follower.poke(3)
            follower.offer([_change(1), _change(2), _change(3)])
            await settle()
            assert hub.published == [1, 2, 3] and table.reads == 0

            # Another node commits 4: its NOTIFY makes the follower read it.
            table.rows.append(_change(4))
            follower.poke(4)
            await settle()
            assert hub.published == [1, 2, 3, 4] and table.reads == 1

            # Another node's 5 lands while this node announces 6: the poke for 5 is skipped,
            # but the offer of 6 is not contiguous, so the follower reads 5 and 6 in order.
            table.rows += [_change(5), _change(6)]
            follower.expect(6)
            follower.poke(5)
            await settle()
            assert hub.published == [1, 2, 3, 4]
            follower.offer([_change(6)])
            await settle()
            assert hub.published == [1, 2, 3, 4, 5, 6] and table.reads == 2

            # A reconnected listener (poke None) always reads.
            follower.poke(None)
            await settle()
            assert table.reads == 3 and hub.published == [1, 2, 3, 4, 5, 6]
        finally:
            await follower.stop()

    asyncio.run(main())
