"""The read side: the change feed and the current snapshots, off the event loop.

Reads run on a small thread pool of their own, so a slow query never waits for
the writer and never blocks the aiohttp loop (SQLite in WAL mode lets readers
run while the writer commits).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select

from c4console.central import schema as t
from c4console.core.changes import Change
from c4console.core.enums import OPEN_STATUSES, IncidentStatus

T = TypeVar("T")

MAX_LIMIT = 5000


def head(engine: Engine) -> int:
    """The latest committed seq (0 for an empty feed)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(t.changes.c.seq), 0))).scalar_one())


def changes_since(engine: Engine, since: int, limit: int) -> tuple[list[Change], int]:
    """(changes with seq > since in ascending order, at most ``limit``; the head).

    The head is read first and the page is bounded by it, so the page never
    claims more than the head says exists.
    """
    with engine.connect() as conn:
        top = int(conn.execute(select(func.coalesce(func.max(t.changes.c.seq), 0))).scalar_one())
        rows = conn.execute(
            select(t.changes).where(t.changes.c.seq > since, t.changes.c.seq <= top)
            .order_by(t.changes.c.seq).limit(limit))
        page = [Change(r.seq, r.at, r.entity, r.entity_id, r.op, r.data) for r in rows]
    return page, top


def incidents(engine: Engine, status: str | None) -> list[dict[str, Any]]:
    """Incident snapshots, newest first: all, the open ones (``open``) or one status."""
    query = select(t.incidents.c.data).order_by(t.incidents.c.updated_at.desc())
    if status == "open":
        query = query.where(t.incidents.c.status.in_([s.value for s in OPEN_STATUSES]))
    elif status is not None:
        query = query.where(t.incidents.c.status == IncidentStatus(status).value)
    with engine.connect() as conn:
        return [data for (data,) in conn.execute(query)]


def incident(engine: Engine, incident_id: str) -> dict[str, Any] | None:
    """One incident's snapshot, or None."""
    with engine.connect() as conn:
        return conn.execute(select(t.incidents.c.data)
                            .where(t.incidents.c.id == incident_id)).scalar()


def units(engine: Engine) -> list[dict[str, Any]]:
    """All unit snapshots, by id."""
    with engine.connect() as conn:
        return [data for (data,) in conn.execute(select(t.units.c.data).order_by(t.units.c.id))]


def devices(engine: Engine) -> list[dict[str, Any]]:
    """All device snapshots (panic devices and unit trackers), by id."""
    with engine.connect() as conn:
        return [data for (data,) in conn.execute(select(t.devices.c.data).order_by(t.devices.c.id))]


def security_events(engine: Engine, since_id: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
    """Security events after ``since_id``, oldest first (at most ``limit``)."""
    query = (select(t.security_events).where(t.security_events.c.id > since_id)
             .order_by(t.security_events.c.id))
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


class Reader:
    """Async front of the read functions, on its own thread pool."""

    def __init__(self, engine: Engine, threads: int = 4) -> None:
        self.engine = engine
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="c4central-read")

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(engine, *args)`` on a reader thread."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, self.engine, *args)

    async def head(self) -> int:
        """See :func:`head`."""
        return await self.run(head)

    async def changes_since(self, since: int, limit: int) -> tuple[list[Change], int]:
        """See :func:`changes_since`."""
        return await self.run(changes_since, since, limit)

    def close(self) -> None:
        """Wait for running reads and stop the threads."""
        self._pool.shutdown(wait=True)
