"""The gateways' outbox: what the central owes the outside world, kept in the database.

A gateway decides *in the transaction of the decision* that something must go out (an
activation → one SMS per trusted contact; a console's reply → one WhatsApp message; her
photo → one media download) and writes an ``gateway_outbox`` row there with
:func:`enqueue` (from a handler of the decision's domain event, :meth:`Service.on`). So a
message exists exactly when its cause was committed, and a restart (even SIGKILL) finds it
again.

:class:`OutboxWorker` drains the table on every node:

- it *claims* due rows — ``state = 'pending'``, ``next_at`` passed, no live lease — by
  setting ``lease_owner`` (the node's server id) and ``lease_until``, and counting the
  attempt, in one short transaction. On PostgreSQL the rows are read with ``SELECT …
  FOR UPDATE SKIP LOCKED``: two nodes claiming at once take different rows; the lease
  keeps a row from being claimed again while its owner works on it (both databases);
- it hands each row to its channel's handler (an ``async`` callable returning an
  :class:`Outcome`; at most ``batch`` rows in flight per node), and records the
  outcome — the row's new state, its next attempt time, its last error, and the
  timeline events — in one write transaction;
- it wakes when this node commits a new row (the handler asks for it), when the next retry
  is due, and every ``poll_s`` otherwise (for rows other nodes or an earlier run left).

Delivery is at least once: a node killed between the gateway's "accepted" and the
settling commit sends that message again once the lease has run out (at once if the
same node comes back: its own leases are released at start).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Row, and_, case, func, insert, or_, select, update

from c4console.central import schema as t
from c4console.central.records import Tx
from c4console.central.service import Service
from c4console.core.changes import Change
from c4console.core.models import TimelineEvent

log = logging.getLogger(__name__)

PENDING, SENT, FAILED = "pending", "sent", "failed"
LEASE_S = 120.0  # longer than any handler's requests (HTTP timeouts are 10–15 s each)
BATCH = 8  # rows a node works on at once
POLL_S = 2.0
MIN_WAIT_S = 0.02
MAX_ERROR = 500

_box = t.gateway_outbox


@dataclass(frozen=True, slots=True)
class Item:
    """One claimed row: ``attempt`` is the number of this attempt (1 for the first)."""

    id: str
    channel: str
    incident_id: str
    payload: dict[str, Any]
    attempt: int


@dataclass(frozen=True)
class Outcome:
    """What became of one attempt, and the timeline events that say so.

    ``state`` is ``sent`` (done), ``failed`` (given up) or ``pending`` (try again after
    ``retry_in_s``). ``external_id`` is the id the far side gave the message (a wamid).
    """

    state: str
    events: list[TimelineEvent] = field(default_factory=list)
    error: str = ""
    retry_in_s: float = 0.0
    external_id: str = ""


Handler = Callable[[Item], Awaitable[Outcome]]


def enqueue(tx: Tx, row_id: str, channel: str, incident_id: str, payload: dict[str, Any],
            delay_s: float = 0.0) -> bool:
    """Add a pending row in ``tx`` (False, and nothing written, if ``row_id`` exists)."""
    if tx.conn.execute(select(_box.c.id).where(_box.c.id == row_id)).first() is not None:
        return False
    tx.conn.execute(insert(_box).values(
        id=row_id, channel=channel, incident_id=incident_id, payload=payload, state=PENDING,
        attempts=0, next_at=tx.now + delay_s, last_error="", created_at=tx.now,
        updated_at=tx.now))
    return True


def _due(now: float) -> Any:
    return and_(_box.c.state == PENDING, _box.c.next_at <= now,
                or_(_box.c.lease_until.is_(None), _box.c.lease_until < now))


def claim(engine: Engine, owner: str, now: float, limit: int = BATCH,
          lease_s: float = LEASE_S) -> list[Item]:
    """Lease up to ``limit`` due rows to ``owner`` and count their attempt."""
    wanted = select(_box.c.id).where(_due(now)).order_by(_box.c.next_at).limit(limit)
    until = now + lease_s
    if engine.dialect.name == "postgresql":
        # Rows another node is claiming right now are skipped, not waited for.
        with engine.begin() as conn:
            ids = conn.execute(wanted.with_for_update(skip_locked=True)).scalars().all()
            return _lease(conn, ids, owner, now, until) if ids else []
    # SQLite (one node): look without a transaction first — nothing due costs no lock —
    # then lease in a transaction that starts by writing, so it waits for the writer
    # (busy_timeout) instead of failing to upgrade a read.
    with engine.connect() as conn:
        ids = conn.execute(wanted).scalars().all()
    if not ids:
        return []
    with engine.begin() as conn:
        return _lease(conn, ids, owner, now, until)


def _lease(conn: Connection, ids: list[str], owner: str, now: float, until: float) -> list[Item]:
    # The due condition again: a row taken in between stays with its taker.
    conn.execute(update(_box).where(_box.c.id.in_(ids), _due(now))
                 .values(lease_owner=owner, lease_until=until, attempts=_box.c.attempts + 1,
                         updated_at=now))
    rows = conn.execute(select(_box.c.id, _box.c.channel, _box.c.incident_id, _box.c.payload,
                               _box.c.attempts)
                        .where(_box.c.id.in_(ids), _box.c.lease_owner == owner,
                               _box.c.lease_until == until)
                        .order_by(_box.c.next_at)).all()
    return [Item(r.id, r.channel, r.incident_id, dict(r.payload), r.attempts) for r in rows]


def release(engine: Engine, owner: str) -> int:
    """Give up ``owner``'s leases (a node starting again after being killed mid-send)."""
    with engine.begin() as conn:
        return conn.execute(update(_box).where(_box.c.lease_owner == owner, _box.c.state == PENDING)
                            .values(lease_owner=None, lease_until=None)).rowcount


def next_due(engine: Engine) -> float | None:
    """When the earliest pending row can be claimed (None: nothing pending): its
    ``next_at``, or the end of its lease if another node holds it longer."""
    claimable = case((_box.c.lease_until > _box.c.next_at, _box.c.lease_until),
                     else_=_box.c.next_at)
    with engine.connect() as conn:
        return conn.execute(select(func.min(claimable)).where(_box.c.state == PENDING)).scalar()


def settle(tx: Tx, item: Item, owner: str, outcome: Outcome) -> bool:
    """Record ``outcome`` of ``item`` in ``tx``: the row and the events. False if the lease
    was lost meanwhile (another node may have sent it too: the events are still true)."""
    values: dict[str, Any] = {"state": outcome.state, "lease_owner": None, "lease_until": None,
                              "last_error": outcome.error[:MAX_ERROR], "updated_at": tx.now}
    if outcome.state == PENDING:
        values["next_at"] = tx.now + outcome.retry_in_s
    if outcome.external_id:
        values["external_id"] = outcome.external_id[:256]
    done = tx.conn.execute(update(_box).where(_box.c.id == item.id, _box.c.lease_owner == owner)
                           .values(**values))
    for event in outcome.events:
        tx.put(event.evolve(at=tx.now))
    return done.rowcount == 1


def requeue(tx: Tx, row_id: str, attempt: int, delay_s: float, error: str) -> bool:
    """Make a sent row pending again after ``delay_s`` (a failed delivery report), only
    if ``attempt`` is still its last attempt: a report seen twice re-queues once."""
    done = tx.conn.execute(update(_box).where(_box.c.id == row_id, _box.c.state == SENT,
                                              _box.c.attempts == attempt)
                           .values(state=PENDING, next_at=tx.now + delay_s,
                                   last_error=error[:MAX_ERROR], updated_at=tx.now))
    return done.rowcount == 1


def give_up(tx: Tx, row_id: str, attempt: int, error: str) -> bool:
    """Mark a sent row failed (a failed delivery report of its last allowed attempt)."""
    done = tx.conn.execute(update(_box).where(_box.c.id == row_id, _box.c.state == SENT,
                                              _box.c.attempts == attempt)
                           .values(state=FAILED, last_error=error[:MAX_ERROR], updated_at=tx.now))
    return done.rowcount == 1


def row(engine: Engine, row_id: str) -> Row | None:
    """One row (for a delivery report naming it)."""
    with engine.connect() as conn:
        return conn.execute(select(_box).where(_box.c.id == row_id)).first()


def by_external_id(engine: Engine, external_id: str) -> Row | None:
    """The row whose message the far side named ``external_id`` (a status notification)."""
    with engine.connect() as conn:
        return conn.execute(select(_box).where(_box.c.external_id == external_id)).first()


class OutboxWorker:
    """Drains the outbox on this node (see the module docstring)."""

    def __init__(self, service: Service, engine: Engine, owner: str, *, poll_s: float = POLL_S,
                 batch: int = BATCH, lease_s: float = LEASE_S) -> None:
        self.service = service
        self.engine = engine
        self.owner = owner
        self.poll_s = poll_s
        self.batch = batch
        self.lease_s = lease_s
        self.handlers: dict[str, Handler] = {}
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task | None = None
        self._inflight: set[asyncio.Task] = set()
        self._poke = False  # set by a handler on the writer thread, read after the commit

    def register(self, channel: str, handler: Handler) -> None:
        """Send ``channel``'s rows through ``handler``."""
        self.handlers[channel] = handler

    # --- the writer thread: event handlers and listener -------------------------------

    def poke_after_commit(self) -> None:
        """Writer thread, in an event handler: wake the worker once this transaction commits."""
        self._poke = True

    def listener(self, changes: list[Change]) -> None:
        """Service listener (writer thread, after a commit): wake the worker if asked."""
        if self._poke:
            self._poke = False
            loop = self._loop
            if loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(self._wake.set)

    def wake(self) -> None:
        """Loop thread: look for due rows now."""
        self._wake.set()

    # --- the loop ---------------------------------------------------------------------

    def start(self) -> None:
        """Start draining on the running loop."""
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        """Stop (before the service closes). Sends in flight are cancelled and their rows
        released, so another node (or this one, started again) sends them at once."""
        self._loop = None
        interrupted = bool(self._inflight)
        tasks = [*([self._task] if self._task is not None else []), *self._inflight]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._task = None
        self._inflight.clear()
        if interrupted:
            try:
                await asyncio.get_running_loop().run_in_executor(None, release, self.engine,
                                                                 self.owner)
            except Exception as e:  # the lease runs out instead
                log.warning("outbox: could not release this node's leases at stop (%s: %s)",
                            type(e).__name__, e)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            released = await loop.run_in_executor(None, release, self.engine, self.owner)
            if released:
                log.warning("outbox: %d message(s) this node was sending when it stopped are "
                            "due again (they may have gone out already)", released)
        except Exception:
            log.exception("outbox: could not release this node's leases")
        while True:
            self._wake.clear()
            # Up to ``batch`` rows in flight; a slow far side holds only its own rows, and
            # the node claims more as soon as one is done (the task wakes the loop).
            free = self.batch - len(self._inflight)
            items: list[Item] = []
            if free > 0:
                try:
                    items = await loop.run_in_executor(None, claim, self.engine, self.owner,
                                                       time.time(), free, self.lease_s)
                except Exception as e:
                    log.error("outbox: cannot claim messages (%s: %s); again in %g s",
                              type(e).__name__, e, self.poll_s)
            for item in items:
                task = asyncio.ensure_future(self._one(item))
                self._inflight.add(task)
                task.add_done_callback(self._done)
            if items and len(self._inflight) < self.batch:
                continue
            await self._sleep(loop)

    def _done(self, task: asyncio.Task) -> None:
        self._inflight.discard(task)
        self._wake.set()

    async def _sleep(self, loop: asyncio.AbstractEventLoop) -> None:
        wait = self.poll_s
        try:
            due = await loop.run_in_executor(None, next_due, self.engine)
        except Exception:
            due = None
        if due is not None:
            # A row another node is claiming this instant looks due: never spin.
            wait = min(wait, max(MIN_WAIT_S, due - time.time()))
        if wait > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)

    async def _one(self, item: Item) -> None:
        handler = self.handlers.get(item.channel)
        try:
            if handler is None:
                outcome = Outcome(FAILED, error=f"no handler for channel {item.channel!r}")
            else:
                outcome = await handler(item)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # a handler bug must not stop the worker; retried later
            log.exception("outbox: %s %s failed", item.channel, item.id)
            outcome = Outcome(PENDING, error=f"{type(e).__name__}: {e}", retry_in_s=self.poll_s * 5)
        try:
            kept = await self.service.write(lambda tx: settle(tx, item, self.owner, outcome))
        except Exception as e:  # the database is away: the lease runs out, it is tried again
            log.error("outbox: could not record %s of %s (%s: %s)", outcome.state, item.id,
                      type(e).__name__, e)
            return
        if not kept:
            log.warning("outbox: the lease of %s ran out while this node was sending it; another "
                        "node may have sent it too", item.id)
