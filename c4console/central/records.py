"""One write transaction: read records, store new snapshots, and write their change rows.

Every snapshot stored through :meth:`Tx.put` gets a change row with the next
``seq`` in the same transaction, so the feed is exactly the history of the
tables. The ``change_seq`` counter row is updated first thing in the
transaction: that takes the write lock (SQLite) or the row lock (PostgreSQL)
before anything is read, so decisions see the latest committed state and seq
order is commit order even with several writers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Table, func, insert, select, update

from c4console.central import schema as t
from c4console.core.changes import Change
from c4console.core.enums import OPEN_STATUSES
from c4console.core.models import ENTITY_TYPES, Beneficiary, Device, Incident, TimelineEvent, Unit

Record = Incident | Unit | TimelineEvent | Beneficiary | Device

_ENTITY_OF: dict[type, str] = {cls: name for name, cls in ENTITY_TYPES.items()}


def _columns(entity: str, data: dict[str, Any]) -> dict[str, Any]:
    """The query columns kept beside the JSON snapshot."""
    if entity == "incident":
        return {"folio": data["folio"], "status": data["status"], "device_id": data["device_id"],
                "unit_id": data["unit_id"], "updated_at": data["updated_at"]}
    if entity == "unit":
        return {"status": data["status"], "device_id": data["device_id"]}
    if entity == "event":
        return {"incident_id": data["incident_id"], "at": data["at"], "kind": data["kind"]}
    if entity == "device":
        return {"kind": data["kind"], "beneficiary_id": data["beneficiary_id"],
                "unit_id": data["unit_id"]}
    return {}


class Tx:
    """Helpers bound to one open transaction; made by the service's writer only."""

    def __init__(self, conn: Connection, now: float, folio_tz: ZoneInfo) -> None:
        self.conn = conn
        self.now = now
        self._folio_tz = folio_tz
        self.changes: list[Change] = []
        conn.execute(update(t.counters).where(t.counters.c.name == t.CHANGE_SEQ)
                     .values(value=t.counters.c.value))
        self._head = int(conn.execute(select(t.counters.c.value)
                                      .where(t.counters.c.name == t.CHANGE_SEQ)).scalar_one())

    # --- reads ---------------------------------------------------------------

    def get(self, entity: str, record_id: str) -> Any:
        """The current snapshot of one record, or None."""
        table = t.ENTITY_TABLES[entity]
        data = self.conn.execute(select(table.c.data).where(table.c.id == record_id)).scalar()
        return None if data is None else ENTITY_TYPES[entity].from_wire(data)

    def view(self, entity: str) -> Mapping[str, Any]:
        """A read-through mapping of one entity's records (what core.commands.decide reads)."""
        return _RecordView(self, entity)

    def open_incidents_of_device(self, device_id: str) -> dict[str, Incident]:
        """Open incidents raised by this device, by id."""
        rows = self.conn.execute(select(t.incidents.c.data).where(
            t.incidents.c.device_id == device_id,
            t.incidents.c.status.in_([s.value for s in OPEN_STATUSES])))
        out = {}
        for (data,) in rows:
            inc = Incident.from_wire(data)
            out[inc.id] = inc
        return out

    def command_result(self, key: str) -> dict[str, Any] | None:
        """The logged answer to an already-decided command key, or None."""
        row = self.conn.execute(select(t.command_log).where(t.command_log.c.key == key)).first()
        if row is None:
            return None
        out: dict[str, Any] = {"outcome": row.outcome}
        if row.seq is not None:
            out["seq"] = row.seq
        if row.outcome != "accepted":
            out["reason"], out["message"] = row.reason, row.message
        return out

    # --- writes --------------------------------------------------------------

    def put(self, record: Record) -> Change:
        """Store a record's snapshot and append its change row (next seq)."""
        entity = _ENTITY_OF[type(record)]
        table = t.ENTITY_TABLES[entity]
        data = record.to_wire()
        row = {"data": data, **_columns(entity, data)}
        done = self.conn.execute(update(table).where(table.c.id == record.id).values(**row))
        if done.rowcount == 0:
            self.conn.execute(insert(table).values(id=record.id, **row))
        self._head += 1
        change = Change(self._head, self.now, entity, record.id, "upsert", data)
        self.conn.execute(insert(t.changes).values(seq=change.seq, at=change.at, entity=entity,
                                                   entity_id=record.id, op="upsert", data=data))
        self.changes.append(change)
        return change

    def log_command(self, cmd: Mapping[str, Any], *, outcome: str, reason: str = "",
                    message: str = "", seq: int | None, actor: str, workstation: str) -> None:
        """Record the decision on a command key (for duplicates and the audit)."""
        kind = cmd.get("type")
        self.conn.execute(insert(t.command_log).values(
            key=cmd["key"], type=str(kind)[:40] if kind is not None else "", outcome=outcome,
            reason=reason, message=message, seq=seq, at=self.now, actor=actor[:120],
            workstation=workstation[:120], body=dict(cmd)))

    def security_event(self, kind: str, detail: str, source: str) -> int:
        """Write a security event; returns its number."""
        res = self.conn.execute(insert(t.security_events).values(
            at=self.now, kind=kind, detail=detail, source=source[:120]))
        return int(res.inserted_primary_key[0])

    def next_folio(self) -> str:
        """The next folio of today (local date of the C4): C4-YYYYMMDD-NNNNN."""
        day = datetime.fromtimestamp(self.now, self._folio_tz).strftime("%Y%m%d")
        n = self._bump(f"folio:{day}")
        return f"C4-{day}-{n:05d}"

    def _bump(self, name: str) -> int:
        done = self.conn.execute(update(t.counters).where(t.counters.c.name == name)
                                 .values(value=t.counters.c.value + 1))
        if done.rowcount == 0:
            # Safe without upsert SQL: writers are serialised by the change_seq lock.
            self.conn.execute(insert(t.counters).values(name=name, value=1))
            return 1
        return int(self.conn.execute(select(t.counters.c.value)
                                     .where(t.counters.c.name == name)).scalar_one())

    def finish(self) -> list[Change]:
        """Move the feed head to the last seq used; call once, just before commit."""
        if self.changes:
            self.conn.execute(update(t.counters).where(t.counters.c.name == t.CHANGE_SEQ)
                              .values(value=self._head))
        return self.changes


class _RecordView(Mapping):
    """Records of one entity, loaded on demand and remembered for this transaction."""

    def __init__(self, tx: Tx, entity: str) -> None:
        self._tx, self._entity = tx, entity
        self._seen: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._seen:
            self._seen[key] = self._tx.get(self._entity, key) if isinstance(key, str) else None
        if self._seen[key] is None:
            raise KeyError(key)
        return self._seen[key]

    def _table(self) -> Table:
        return t.ENTITY_TABLES[self._entity]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tx.conn.execute(select(self._table().c.id)).scalars().all())

    def __len__(self) -> int:
        return int(self._tx.conn.execute(select(func.count()).select_from(self._table())).scalar_one())
