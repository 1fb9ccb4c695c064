"""Several central nodes on one PostgreSQL: NOTIFY on commit, LISTEN on every node.

Every write transaction that produced changes runs ``pg_notify('c4_changes',
'<last seq>')`` before it commits; PostgreSQL delivers the notification only if
the transaction commits, and in commit order. Each node keeps one connection
listening on that channel and pokes its :class:`~c4console.central.feed.FeedFollower`,
which reads the new changes by seq and pushes them to its stream clients. The
notification carries no data: the changes table stays the one source of truth.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy import Connection, Engine, func, select

from c4console.central.tasks import cancel_and_wait

log = logging.getLogger(__name__)

CHANNEL = "c4_changes"
CHECK_S = 30.0  # how long the listener waits for a notification before checking its connection
RETRY_S = (0.5, 10.0)  # first and longest wait before reconnecting


def supports_notify(engine: Engine) -> bool:
    """True for PostgreSQL (the only backend with several nodes)."""
    return engine.dialect.name == "postgresql"


def send(conn: Connection, last_seq: int) -> None:
    """Announce, inside the committing transaction, that changes up to ``last_seq`` exist."""
    conn.execute(select(func.pg_notify(CHANNEL, str(last_seq))))


def _seq(payload: str) -> int | None:
    try:
        return int(payload)
    except ValueError:
        return None


class PgListener:
    """One LISTEN connection; calls ``on_notify(seq)`` for each notification.

    ``on_notify(None)`` is called after every (re)connection: notifications sent
    while it was not listening are lost, so the follower must catch up from the table.
    """

    def __init__(self, engine: Engine, on_notify: Callable[[int | None], None], *,
                 check_s: float = CHECK_S) -> None:
        self.engine = engine
        self.on_notify = on_notify
        self.check_s = check_s
        self.listening = asyncio.Event()
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        """Start listening on the running loop."""
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        """Stop listening and close the connection."""
        await cancel_and_wait(self._task)
        self._task = None

    async def _run(self) -> None:
        import psycopg

        _, params = self.engine.dialect.create_connect_args(self.engine.url)
        params = {k: v for k, v in params.items() if k != "context"}
        delay = RETRY_S[0]
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(autocommit=True, **params)
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    delay = RETRY_S[0]
                    log.info("listening for other nodes' commits on channel %s", CHANNEL)
                    self.on_notify(None)
                    while True:
                        async for note in conn.notifies(timeout=self.check_s):
                            self.on_notify(_seq(note.payload))
                        await conn.execute("SELECT 1")  # a silent network drop shows here
            except asyncio.CancelledError:
                raise
            except Exception as e:
                self.listening.clear()
                log.warning("LISTEN %s connection lost (%s: %s); other nodes' changes arrive by "
                            "polling until it is back; retrying in %.1f s", CHANNEL,
                            type(e).__name__, e, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RETRY_S[1])
