"""The local cache: applies the central's changes with the cursor in the same
transaction, loads records for the view, and keeps the outbox of commands."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.dialects.sqlite import insert

from c4console.core.changes import Change, contiguous_after
from c4console.core.models import ENTITY_TYPES
from c4console.store.db import open_engine
from c4console.store.schema import outbox, records, sync_state

CURSOR = "cursor"
HOLDER = "holder"  # "user/role" the records were sent for (need-to-know)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One command in the outbox with its state."""

    local_seq: int
    key: str
    body: dict[str, Any]
    created_at: float
    state: str
    reason: str = ""
    message: str = ""


def _set(c: Any, key: str, value: str) -> None:
    row = insert(sync_state).values(key=key, value=value)
    c.execute(row.on_conflict_do_update(index_elements=[sync_state.c.key],
                                        set_={"value": row.excluded.value}))


class LocalCache:
    """The console's durable local state, encrypted with ``key`` (32 bytes, see
    :mod:`c4console.store.cache_key`; :func:`c4console.store.cache_opening.open_local_cache`
    finds or makes it). Not thread-safe: use from one thread."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self.engine: Engine = open_engine(path, key)
        self._scrub_pending = False  # a withdrawal's checkpoint was blocked by a reader

    def close(self) -> None:
        """Release the database."""
        self.engine.dispose()

    # --- change feed -------------------------------------------------------

    def cursor(self) -> int:
        """The seq of the last change durably applied (0 for an empty cache)."""
        with self.engine.connect() as c:
            v = c.execute(select(sync_state.c.value).where(sync_state.c.key == CURSOR)).scalar()
        return int(v) if v is not None else 0

    def apply(self, changes: Sequence[Change]) -> list[Change]:
        """Apply changes that follow the cursor, and move the cursor, in one transaction.

        Changes at or below the cursor are skipped (already applied). Raises
        :class:`~c4console.core.changes.FeedGap` if they do not follow on; nothing
        is written then. Returns the changes actually applied.
        """
        with self.engine.begin() as c:
            v = c.execute(select(sync_state.c.value).where(sync_state.c.key == CURSOR)).scalar()
            cursor = int(v) if v is not None else 0
            fresh = contiguous_after(cursor, changes)
            if not fresh:
                return []
            rows = [
                {"entity": ch.entity, "id": ch.id, "seq": ch.seq,
                 "data": json.dumps(ch.data, separators=(",", ":"))}
                for ch in fresh if ch.op == "upsert"
            ]
            if rows:
                stmt = insert(records)
                c.execute(
                    stmt.on_conflict_do_update(
                        index_elements=[records.c.entity, records.c.id],
                        set_={"seq": stmt.excluded.seq, "data": stmt.excluded.data},
                    ),
                    rows,
                )
            withdrawn = 0
            for ch in fresh:
                if ch.op == "delete":
                    withdrawn += c.execute(records.delete().where(
                        (records.c.entity == ch.entity) & (records.c.id == ch.id))).rowcount
            _set(c, CURSOR, str(fresh[-1].seq))
        if withdrawn or self._scrub_pending:
            self._scrub()
        return fresh

    def _scrub(self) -> None:
        """Withdrawn records leave no copy in the write-ahead log either: checkpoint it into
        the file (where secure_delete zeroed them) and truncate it. Rare: a record is
        withdrawn when her incident closes or a role loses it. A reader holding an old
        snapshot keeps the log from being truncated: then it is tried again after the next
        batch applied."""
        with self.engine.connect() as c:
            busy, _, _ = c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        self._scrub_pending = bool(busy)

    def claim(self, holder: str) -> bool:
        """Hold records for ``holder`` ("user/role"). If the cache held another's, wipe its
        records and cursor (the feed is sent again for this one: what the other could see,
        this one may not) and return True; the outbox is kept."""
        with self.engine.begin() as c:
            before = c.execute(select(sync_state.c.value).where(sync_state.c.key == HOLDER)).scalar()
            wipe = before is not None and before != holder
            if wipe:
                c.execute(records.delete())
                c.execute(sync_state.delete().where(sync_state.c.key == CURSOR))
            _set(c, HOLDER, holder)
        if wipe:
            self._scrub()
        return wipe

    def holder(self) -> tuple[str, str] | None:
        """(user, role) the records were last sent for (:meth:`claim`), or None: a new cache.
        An offline start builds the window for that role until the central confirms it."""
        with self.engine.connect() as c:
            v = c.execute(select(sync_state.c.value).where(sync_state.c.key == HOLDER)).scalar()
        user, sep, role = (v or "").rpartition("/")
        return (user, role) if sep and user else None

    def load(self, entity: str) -> dict[str, Any]:
        """All records of one entity type as model objects, by id."""
        model = ENTITY_TYPES[entity]
        with self.engine.connect() as c:
            rows = c.execute(select(records.c.id, records.c.data).where(records.c.entity == entity))
            return {rid: model.from_wire(json.loads(data)) for rid, data in rows}

    def count(self, entity: str) -> int:
        """How many records of this entity the cache holds."""
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(records)
                                 .where(records.c.entity == entity)).scalar() or 0)

    # --- outbox ------------------------------------------------------------

    def enqueue(self, command: dict[str, Any]) -> OutboxEntry:
        """Store a command durably (fsync'd commit) before the UI may call it saved."""
        if not isinstance(command.get("key"), str) or not command["key"]:
            raise ValueError("a command needs a non-empty idempotency key")
        now = time.time()
        with self.engine.begin() as c:
            res = c.execute(outbox.insert().values(
                key=command["key"], body=json.dumps(command), created_at=now, state="pending"))
            seq = res.inserted_primary_key[0]
        return OutboxEntry(seq, command["key"], dict(command), now, "pending")

    def pending(self) -> list[OutboxEntry]:
        """Commands not yet decided by the central, oldest first."""
        return self._entries(outbox.c.state == "pending")

    def rejected(self) -> list[OutboxEntry]:
        """Rejected commands the operator has not dismissed yet."""
        return self._entries((outbox.c.state == "rejected") & (outbox.c.dismissed == 0))

    def _entries(self, where) -> list[OutboxEntry]:
        with self.engine.connect() as c:
            rows = c.execute(select(outbox).where(where).order_by(outbox.c.local_seq)).mappings()
            return [OutboxEntry(r["local_seq"], r["key"], json.loads(r["body"]), r["created_at"],
                                r["state"], r["reason"], r["message"]) for r in rows]

    def record_results(self, results: Iterable[dict[str, Any]]) -> None:
        """Store the central's answers (accepted / rejected / duplicate) in one transaction."""
        now = time.time()
        with self.engine.begin() as c:
            for r in results:
                outcome = r.get("outcome")
                if outcome == "duplicate":
                    # The central had decided this key before (we lost its answer):
                    # its original outcome is the truth.
                    orig = r.get("original") or {}
                    outcome = orig.get("outcome", "accepted")
                    r = {**orig, **{k: v for k, v in r.items() if k != "original"}}
                if outcome not in ("accepted", "rejected"):
                    continue
                c.execute(update(outbox).where(outbox.c.key == r["key"]).values(
                    state=outcome, reason=r.get("reason", "") or "",
                    message=r.get("message", "") or "", decided_at=now,
                    result_seq=r.get("seq")))

    def dismiss(self, key: str) -> None:
        """The operator has read a rejection; stop showing it."""
        with self.engine.begin() as c:
            c.execute(update(outbox).where(outbox.c.key == key).values(dismissed=1))
