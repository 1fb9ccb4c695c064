"""One write transaction: read records, store new snapshots, and write their change rows.

Every snapshot stored through :meth:`Tx.put` gets a change row with the next
``seq`` in the same transaction, so the feed is exactly the history of the
tables. The ``change_seq`` counter row is updated first thing in the
transaction: that takes the write lock (SQLite) or the row lock (PostgreSQL)
before anything is read, so decisions see the latest committed state and seq
order is commit order even with several writers.

Beside the records, a transaction collects the domain events of what it applies
(:meth:`Tx.announce`, :mod:`c4console.core.domain_events`): the service hands them to
its subscribers before the commit, so what they write commits or rolls back with them.

A *batched* transaction (``Tx(..., batched=True)``, used for a group of device
reports) keeps the records it has read or written in memory and defers its
writes: a record's row is written once with its last snapshot, and the change
rows in one multi-row statement, when the transaction finishes or before any
read that is not answered from memory. Every change still gets its own row and
seq. Only :class:`Tx` methods may touch the database in a batched transaction
(not ``tx.conn`` directly), or they could read rows not yet written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Table, bindparam, func, insert, select, update

from c4console.central import schema as t
from c4console.central import security_events
from c4console.central.calls.store import calls_of_incidents
from c4console.central.cases.store import index_case
from c4console.central.lookup_columns import (
    call_columns,
    case_columns,
    incident_cuadrante,
    incident_lookup_columns,
)
from c4console.central.specialists.store import interventions_of_cases
from c4console.core.banavim.registration import BanavimRegistration
from c4console.core.calls.records import Call, Referral
from c4console.core.cases.history_record import IncidentHistory
from c4console.core.cases.records import Case
from c4console.core.changes import Change
from c4console.core.command_result import CommandResult
from c4console.core.domain_events import DomainEvent
from c4console.core.enums import OPEN_STATUSES
from c4console.core.models import (
    ENTITY_TYPES,
    Beneficiary,
    Device,
    Incident,
    Shift,
    TimelineEvent,
    Unit,
)

Record = (Incident | Unit | TimelineEvent | Beneficiary | Device | Shift | Case | IncidentHistory
          | Call | Referral | BanavimRegistration)

if TYPE_CHECKING:
    from c4console.central.cases.steps import CaseSteps

_ENTITY_OF: dict[type, str] = {cls: name for name, cls in ENTITY_TYPES.items()}

# The statements of the hot path (every device report), built once: building a
# statement costs more than running it on SQLite.
_LOCK_SEQ = (update(t.counters).where(t.counters.c.name == t.CHANGE_SEQ)
             .values(value=t.counters.c.value))
LOCK_SEQ = _LOCK_SEQ  # what serialises the writers (every write transaction takes it first)
_READ_SEQ = select(t.counters.c.value).where(t.counters.c.name == t.CHANGE_SEQ)
_SET_SEQ = update(t.counters).where(t.counters.c.name == t.CHANGE_SEQ).values(value=bindparam("head"))
_GET = {entity: select(table.c.data).where(table.c.id == bindparam("rid"))
        for entity, table in t.ENTITY_TABLES.items()}
# Values are given at execution: the SET clause is the parameters' columns.
_UPDATE = {entity: update(table).where(table.c.id == bindparam("rid"))
           for entity, table in t.ENTITY_TABLES.items()}
_INSERT = {entity: insert(table) for entity, table in t.ENTITY_TABLES.items()}
_INSERT_CHANGE = insert(t.changes)
_OPEN = [s.value for s in OPEN_STATUSES]
_OPEN_OF_DEVICE = select(t.incidents.c.data).where(
    t.incidents.c.device_id == bindparam("device_id"), t.incidents.c.status.in_(_OPEN))
_OPEN_OF_DEVICES = select(t.incidents.c.data).where(
    t.incidents.c.device_id.in_(bindparam("device_ids", expanding=True)),
    t.incidents.c.status.in_(_OPEN))
_GET_MANY = {entity: select(table.c.id, table.c.data).where(
    table.c.id.in_(bindparam("rids", expanding=True))) for entity, table in t.ENTITY_TABLES.items()}
PREFETCH_CHUNK = 500  # ids per IN (...) query


def _columns(entity: str, data: dict[str, Any]) -> dict[str, Any]:
    """The query columns kept beside the JSON snapshot."""
    if entity == "incident":
        return {"folio": data["folio"], "status": data["status"], "device_id": data["device_id"],
                "unit_id": data["unit_id"], "updated_at": data["updated_at"],
                "cuadrante": incident_cuadrante(data), **incident_lookup_columns(data)}
    if entity == "case":
        return case_columns(data)
    if entity == "unit":
        return {"status": data["status"], "device_id": data["device_id"]}
    if entity == "event":
        return {"incident_id": data["incident_id"], "at": data["at"], "kind": data["kind"]}
    if entity == "device":
        return {"kind": data["kind"], "beneficiary_id": data["beneficiary_id"],
                "unit_id": data["unit_id"]}
    if entity == "shift":
        return {"starts_at": data["starts_at"], "ends_at": data["ends_at"]}
    if entity == "device_health":
        return {"beneficiary_id": data["beneficiary_id"], "last_report_at": data["last_report_at"]}
    if entity == "health_task":
        return {"device_id": data["device_id"], "status": data["status"]}
    if entity == "call":
        return call_columns(data)
    if entity == "device_lifecycle":
        return {"state": data["state"], "beneficiary_id": data["beneficiary_id"]}
    if entity == "referral":
        return {"status": data["status"], "incident_id": data["incident_id"],
                "handed_at": data["handed_at"]}
    if entity == "banavim_registration":
        return {"case_id": data["case_id"], "incident_id": data["incident_id"],
                "folio": data["folio"] or None, "registered_on": data["registered_on"] or None}
    if entity == "institution_referral":
        return {"case_id": data["case_id"], "status": data["status"],
                "created_at": data["created_at"]}
    if entity == "exclusion_order":
        return {"case_id": data["case_id"], "updated_at": data["updated_at"]}
    if entity == "intervention":
        return {"case_id": data["case_id"], "kind": data["kind"], "started_at": data["started_at"]}
    if entity == "desk_follow_up":
        return {"case_id": data["case_id"], "status": data["status"], "due_at": data["due_at"]}
    if entity == "case_timeline":
        return {"case_id": data["case_id"], "kind": data["kind"], "at": data["at"]}
    if entity == "case_share":
        return {"case_id": data["case_id"], "agency_id": data["agency_id"]}
    if entity == "meeting":
        return {"date": data["date"]}
    if entity == "coordination_task":
        return {"meeting_id": data["meeting_id"], "case_id": data["case_id"],
                "agency_id": data["agency_id"], "status": data["status"], "due_on": data["due_on"]}
    if entity in _FOLLOW_UP_COLUMNS:
        return _FOLLOW_UP_COLUMNS[entity](data)
    return {}


# Follow-up (issue 13): the look-up columns of its tables.
_FOLLOW_UP_COLUMNS = {
    "follow_plan": lambda d: {"case_id": d["case_id"]},
    "patrol_visit": lambda d: {"plan_id": d["plan_id"], "case_id": d["case_id"], "unit_id": d["unit_id"],
                               "status": d["status"], "due_at": d["due_at"], "updated_at": d["updated_at"]},
    "interview": lambda d: {"case_id": d["case_id"], "held_at": d["held_at"]},
    "follow_call": lambda d: {"case_id": d["case_id"], "plan_id": d["plan_id"],
                              "placed_at": d["placed_at"]},
    # As the specialist desk's (issue 12): at the merge keep one.
    "case_timeline": lambda d: {"case_id": d["case_id"], "kind": d["kind"], "at": d["at"]},
}


class Tx:
    """Helpers bound to one open transaction; made by the service's writer only."""

    def __init__(self, conn: Connection, now: float, folio_tz: ZoneInfo, *, batched: bool = False,
                 steps: CaseSteps | None = None) -> None:
        self.conn = conn
        # The case area's part of the transaction (central/cases/steps.py); None: none.
        self.steps = steps
        self.case_state: dict[str, Any] = {}  # the steps' own state for this transaction
        # (entity, id) → the record as first read here (before this transaction changed it).
        self.first_seen: dict[tuple[str, str], Any] = {}
        self._stored: dict[str, dict[str, Any]] = {}  # entity → id → last record put here
        self._new_incidents: dict[str, Incident] = {}  # created here (last snapshot)
        self.now = now
        self._folio_tz = folio_tz
        self.changes: list[Change] = []
        self.domain_events: list[DomainEvent] = []
        self._batched = batched
        # Batched mode: (entity, id) → the record as this transaction sees it (None: no
        # such row); open incidents of prefetched devices; rows and changes not yet written.
        self._known: dict[tuple[str, str], Any] = {}
        self._open_of: dict[str, dict[str, Incident]] = {}
        self._rows: dict[tuple[str, str], tuple[bool, dict[str, Any]]] = {}  # → (row exists, values)
        self._change_rows: list[dict[str, Any]] = []
        # Need-to-know: incident id → (her beneficiary id, open) before this transaction and
        # after its last put; where they differ, finish() re-publishes her records.
        self._open_before: dict[str, tuple[str, bool]] = {}
        self._open_after: dict[str, tuple[str, bool]] = {}
        conn.execute(_LOCK_SEQ)
        self._head = int(conn.execute(_READ_SEQ).scalar_one())

    # --- batched mode ----------------------------------------------------------

    def prefetch(self, entity: str, record_ids: list[str]) -> None:
        """Batched mode: read these records (and learn which do not exist) in few queries."""
        if not self._batched:
            return
        wanted = list(dict.fromkeys(i for i in record_ids if (entity, i) not in self._known))
        if not wanted:
            return
        self._flush()
        cls = ENTITY_TYPES[entity]
        for n in range(0, len(wanted), PREFETCH_CHUNK):
            chunk = wanted[n:n + PREFETCH_CHUNK]
            found = dict(self.conn.execute(_GET_MANY[entity], {"rids": chunk}).all())
            for rid in chunk:
                self._known[(entity, rid)] = cls.from_wire(found[rid]) if rid in found else None

    def prefetch_open_incidents(self, device_ids: list[str]) -> None:
        """Batched mode: read the open incidents of these devices in few queries."""
        if not self._batched:
            return
        wanted = list(dict.fromkeys(d for d in device_ids if d not in self._open_of))
        if not wanted:
            return
        self._flush()
        for n in range(0, len(wanted), PREFETCH_CHUNK):
            chunk = wanted[n:n + PREFETCH_CHUNK]
            for d in chunk:
                self._open_of[d] = {}
            for (data,) in self.conn.execute(_OPEN_OF_DEVICES, {"device_ids": chunk}):
                inc = Incident.from_wire(data)
                self._known[("incident", inc.id)] = inc
                self._open_of[inc.device_id][inc.id] = inc

    def _track_open(self, inc: Incident) -> None:
        for incidents in self._open_of.values():
            incidents.pop(inc.id, None)
        if inc.device_id in self._open_of and inc.status in OPEN_STATUSES:
            self._open_of[inc.device_id][inc.id] = inc

    def _flush(self) -> None:
        """Write the deferred rows (last snapshot of each record) and change rows."""
        if not (self._rows or self._change_rows):
            return
        by_statement: dict[tuple[str, bool], list[dict[str, Any]]] = {}
        for (entity, rid), (exists, values) in self._rows.items():
            params = {"rid": rid, **values} if exists else {"id": rid, **values}
            by_statement.setdefault((entity, exists), []).append(params)
        for (entity, exists), params in by_statement.items():
            self.conn.execute(_UPDATE[entity] if exists else _INSERT[entity], params)
        if self._change_rows:
            self.conn.execute(_INSERT_CHANGE, self._change_rows)
        self._rows.clear()
        self._change_rows = []

    # --- reads ---------------------------------------------------------------

    def get(self, entity: str, record_id: str) -> Any:
        """The current snapshot of one record, or None."""
        if self._batched:
            if (entity, record_id) in self._known:
                record = self._known[(entity, record_id)]
                if (entity, record_id) not in self._rows:
                    self._remember_first(entity, record_id, record)
                if entity == "incident" and (entity, record_id) not in self._rows:
                    self._remember_before(record_id, record)
                return record
            self._flush()
        data = self.conn.execute(_GET[entity], {"rid": record_id}).scalar()
        record = None if data is None else ENTITY_TYPES[entity].from_wire(data)
        self._remember_first(entity, record_id, record)
        if self._batched:
            self._known[(entity, record_id)] = record
        if entity == "incident":
            self._remember_before(record_id, record)
        return record

    def _remember_first(self, entity: str, record_id: str, record: Any) -> None:
        if entity in ("beneficiary", "incident", "device", "case"):
            self.first_seen.setdefault((entity, record_id), record)

    def _remember_before(self, incident_id: str, inc: Incident | None) -> None:
        if incident_id not in self._open_before:
            self._open_before[incident_id] = _openness(inc)

    def view(self, entity: str) -> Mapping[str, Any]:
        """A read-through mapping of one entity's records (what core.commands.decide reads)."""
        return _RecordView(self, entity)

    def open_incidents_of_device(self, device_id: str) -> dict[str, Incident]:
        """Open incidents raised by this device, by id."""
        if self._batched:
            if device_id in self._open_of:
                return dict(self._open_of[device_id])
            self._flush()
        rows = self.conn.execute(_OPEN_OF_DEVICE, {"device_id": device_id})
        out = {}
        for (data,) in rows:
            inc = Incident.from_wire(data)
            out[inc.id] = inc
        return out

    def command_result(self, key: str) -> CommandResult | None:
        """The logged answer to an already-decided command key, or None."""
        self._flush()
        row = self.conn.execute(select(t.command_log).where(t.command_log.c.key == key)).first()
        if row is None:
            return None
        return CommandResult(key, row.outcome, seq=row.seq, reason=row.reason, message=row.message)

    # --- writes --------------------------------------------------------------

    def flush(self) -> None:
        """Write what a batched transaction deferred (before reading ``conn`` directly)."""
        self._flush()

    def stored(self, entity: str) -> list[Any]:
        """The records of ``entity`` put in this transaction (last snapshot of each)."""
        return list(self._stored.get(entity, {}).values())

    def put(self, record: Record) -> Change:
        """Store a record's snapshot and append its change row (next seq).

        A new incident passes through the case steps first (her risk may raise its
        priority) and its history record is stored right after it."""
        new_incident = False
        if isinstance(record, Incident):
            if record.id not in self._open_before:
                self.get("incident", record.id)  # as it was (decide read it already, mostly)
            new_incident = (self.first_seen.get(("incident", record.id)) is None
                            and record.id not in self._new_incidents)
            if new_incident and self.steps is not None:
                record = self.steps.new_incident(self, record)
            self._open_after[record.id] = _openness(record)
            if new_incident or record.id in self._new_incidents:
                self._new_incidents[record.id] = record
        change = self._put(record)
        if new_incident and self.steps is not None:
            self.steps.after_new_incident(self, record)
        return change

    def _put(self, record: Record) -> Change:
        entity = _ENTITY_OF[type(record)]
        self._stored.setdefault(entity, {})[record.id] = record
        if entity == "case":
            self._flush()
            index_case(self.conn, record)  # type: ignore[arg-type]
        data = record.to_wire()
        row = {"data": data, **_columns(entity, data)}
        key = (entity, record.id)
        if self._batched and key in self._known:
            # Deferred: the row is written once, with the last snapshot, at the flush.
            pending = self._rows.get(key)
            exists = pending[0] if pending is not None else self._known[key] is not None
            self._rows[key] = (exists, row)
            self._known[key] = record
            if isinstance(record, Incident):
                self._track_open(record)
        else:
            self._flush()
            done = self.conn.execute(_UPDATE[entity], {"rid": record.id, **row})
            if done.rowcount == 0:
                self.conn.execute(_INSERT[entity], {"id": record.id, **row})
            if self._batched:
                self._known[key] = record
                if isinstance(record, Incident):
                    self._track_open(record)
        self._head += 1
        change = Change(self._head, self.now, entity, record.id, "upsert", data)
        values = {"seq": change.seq, "at": change.at, "entity": entity, "entity_id": record.id,
                  "op": "upsert", "data": data}
        if self._batched:
            self._change_rows.append(values)
        else:
            self.conn.execute(_INSERT_CHANGE, values)
        self.changes.append(change)
        return change

    def announce(self, events: Iterable[DomainEvent]) -> None:
        """Add the domain events of what this transaction applies (for the subscribers)."""
        self.domain_events.extend(events)

    def log_command(self, cmd: Mapping[str, Any], result: CommandResult, *, actor: str,
                    workstation: str) -> None:
        """Record the decision on a command key, accepted or rejected (for duplicates and
        the audit)."""
        self._flush()
        kind = cmd.get("type")
        self.conn.execute(insert(t.command_log).values(
            key=cmd["key"], type=str(kind)[:40] if kind is not None else "",
            outcome=result.outcome, reason=result.reason, message=result.message, seq=result.seq,
            at=self.now, actor=actor[:120], workstation=workstation[:120], body=dict(cmd)))

    def security_event(self, kind: str, detail: str, source: str) -> int:
        """Write a security event, or add to the count of the same one seen just before
        (c4console/central/security_events.py); returns its number."""
        self._flush()
        return security_events.record(self.conn, self.now, kind, detail, source)

    def next_folio(self) -> str:
        """The next folio of today (local date of the C4): C4-YYYYMMDD-NNNNN."""
        day = datetime.fromtimestamp(self.now, self._folio_tz).strftime("%Y%m%d")
        n = self._bump(f"folio:{day}")
        return f"C4-{day}-{n:05d}"

    def _bump(self, name: str) -> int:
        self._flush()
        done = self.conn.execute(update(t.counters).where(t.counters.c.name == name)
                                 .values(value=t.counters.c.value + 1))
        if done.rowcount == 0:
            # Safe without upsert SQL: writers are serialised by the change_seq lock.
            self.conn.execute(insert(t.counters).values(name=name, value=1))
            return 1
        return int(self.conn.execute(select(t.counters.c.value)
                                     .where(t.counters.c.name == name)).scalar_one())

    def finish(self) -> list[Change]:
        """Let the case steps finish (her case follows; cases and histories re-published),
        re-publish her records where an incident of hers opened or closed, write what is
        deferred and move the feed head to the last seq used; call once, just before commit."""
        if self.steps is not None:
            moved = [(iid, bid) for iid, after in self._open_after.items()
                     for bid in {after[0], self._open_before.get(iid, ("", False))[0]}
                     if self._open_before.get(iid, ("", False)) != after]
            self.steps.finish(self, moved, list(self._new_incidents.values()))
        self._republish_personal_records()
        self._flush()
        if self.changes:
            self.conn.execute(_SET_SEQ, {"head": self._head})
        return self.changes


    def _republish_personal_records(self) -> None:
        """Her beneficiary record again, after an incident of hers opened or closed here:
        the feed's need-to-know view of it (core/need_to_know.py) depends on whether she has
        an open incident, so this change grants it to the consoles that may hold it only
        then, or takes it out of their caches. (Her panic device's view does not depend on
        her incidents: the table allows no ``while_open`` rule for devices.)"""
        moved: set[str] = set()
        for iid, after in self._open_after.items():
            before = self._open_before.get(iid, ("", False))
            if before != after:
                moved.update(bid for bid, _ in (before, after) if bid)
        for bid in sorted(moved):
            ben = self.get("beneficiary", bid)
            if ben is not None:
                self.put(ben)
        # A call record reaches an operator while its incident is open (need-to-know,
        # core/calls/access.py): re-published after its incident opened or closed.
        changed = [iid for iid, after in self._open_after.items()
                   if self._open_before.get(iid, ("", False))[1] != after[1]]
        if changed:
            self._flush()
            stored = {c.id for c in self.stored("call")}
            for call in calls_of_incidents(self.conn, changed):
                if call.id not in stored:
                    self.put(call)
        # A proximity incident that opened or closed: its exclusion zones and his tracker are
        # granted to (or withdrawn from) the dispatch roles while it is open (core/zones/access.py).
        for iid, after in list(self._open_after.items()):
            inc = self._stored.get("incident", {}).get(iid)
            if inc is None or not inc.proximity or self._open_before.get(iid, ("", False)) == after:
                continue
            for entity, rid in (("exclusion_order", inc.proximity.get("order_id") or ""),
                                ("device", inc.device_id or "")):
                record = self.get(entity, rid) if rid else None
                if record is not None:
                    self.put(record)
        self._republish_interventions()
        self._open_after.clear()

    def _republish_interventions(self) -> None:
        """Her case's interventions again, after her case was stored here with another
        beneficiary or other incidents, or after an incident of it opened or closed: an
        operator holds that an intervention happened only while her case's open ground holds
        (core/specialists/access.py), judged on the case record just before in the feed."""
        cases = self.stored("case")
        if not cases:
            return
        moved_incidents = {iid for iid, after in self._open_after.items()
                           if self._open_before.get(iid, ("", False))[1] != after[1]}
        moved_women = {bid for iid in moved_incidents
                       for bid in (self._open_after[iid][0], self._open_before.get(iid, ("", False))[0])
                       if bid}
        wanted = []
        for case in cases:
            was = self.first_seen.get(("case", case.id))
            if (was is None or was.beneficiary_id != case.beneficiary_id
                    or was.incident_ids != case.incident_ids
                    or moved_incidents & set(case.incident_ids)
                    or (case.beneficiary_id and case.beneficiary_id in moved_women)):
                wanted.append(case.id)
        if not wanted:
            return
        self._flush()
        stored = {i.id for i in self.stored("intervention")}
        for intervention in interventions_of_cases(self.conn, wanted):
            if intervention.id not in stored:
                self.put(intervention)


def _openness(inc: Incident | None) -> tuple[str, bool]:
    """(her beneficiary id, open) of an incident snapshot; ("", False) for none."""
    if inc is None:
        return "", False
    return inc.beneficiary_id or "", inc.status in OPEN_STATUSES


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
        self._tx._flush()
        return iter(self._tx.conn.execute(select(self._table().c.id)).scalars().all())

    def __len__(self) -> int:
        self._tx._flush()
        return int(self._tx.conn.execute(select(func.count()).select_from(self._table())).scalar_one())
