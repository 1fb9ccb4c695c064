"""The central's audit log: who did what, when, from which workstation, and the outcome.

Every operator action the central sees — logins and logouts, each command of a
batch, audio listens, recording listings, evidence exports, account and device
administration, reads of this log — becomes one entry of the ``audit_log``
table (migration 0004).

Hash chain: each entry stores ``hash = sha256(prev_hash + canonical JSON of the
entry)``, where ``prev_hash`` is the hash of the entry before it (64 zeros for
the first) and the canonical JSON covers every column but the two hashes (keys
sorted, no blanks, UTF-8). :func:`verify` recomputes the chain and says which
entry was edited, deleted or moved. The ``audit_seq`` counter holds the newest
seq, so deleting the last entries is detected too.

Writes are serialised so the chain stays linear even with several central
nodes on one database: every append transaction first updates the
``audit_seq`` counter row — a row lock on PostgreSQL that the next node's
append waits for, the database write lock on SQLite — and only then reads the
previous hash.

:class:`AuditLog` is what the API uses: :meth:`AuditLog.record` queues an entry
and returns at once; a thread of its own commits the queued entries in groups
(one transaction per group, gathered for up to 250 ms), so recording never holds
up the command path: on SQLite, where the append takes the same database write
lock as the command writer, the two meet at most once per group, not once per
command.
:meth:`AuditLog.flush` waits until everything recorded so far is committed.
"""

from __future__ import annotations

import asyncio
import getpass
import hashlib
import io
import json
import logging
import math
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    event,
    insert,
    or_,
    select,
    update,
)

from c4console.central import schema as t
from c4console.core.csv_cells import csv_writer

log = logging.getLogger(__name__)

GENESIS = "0" * 64
AUDIT_SEQ = "audit_seq"  # counters row: the newest audit seq (and the append lock)
GROUP_MAX = 500
LINGER_S = 0.25  # the appender gathers entries this long, so a burst of commands costs one commit
RETRIES = 5
MAX_LIMIT = 5000
DEFAULT_LIMIT = 1000

# Column sizes (values are cut to fit, never refused: an audit entry must be written).
ACTOR, ROLE, WORKSTATION, SOURCE, ACTION, OUTCOME, ID = 120, 20, 120, 120, 60, 20, 64

metadata = MetaData()
BIG = BigInteger().with_variant(Integer, "sqlite")

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", BIG, primary_key=True, autoincrement=False),
    Column("at", Float, nullable=False),
    Column("actor", String(ACTOR), nullable=False),
    Column("role", String(ROLE), nullable=False),
    Column("workstation", String(WORKSTATION), nullable=False),
    Column("source", String(SOURCE), nullable=False),
    Column("action", String(ACTION), nullable=False),
    Column("incident_id", String(ID)),
    Column("target", JSON, nullable=False),
    Column("outcome", String(OUTCOME), nullable=False),
    Column("detail", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# The fields the hash covers, in the order CSV shows them.
FIELDS = ("seq", "at", "actor", "role", "workstation", "source", "action", "incident_id",
          "target", "outcome", "detail")
CSV_COLUMNS = ("seq", "time", "actor", "role", "workstation", "source", "action", "incident_id",
               "unit_id", "session_id", "outcome", "detail", "hash")
TARGET_KEYS = ("incident_id", "unit_id", "session_id", "user", "device_id", "key")


def _clean(s: str) -> str:
    """No NUL (PostgreSQL refuses it in text) and no unpaired surrogate (not UTF-8)."""
    return s.replace("\x00", "\N{REPLACEMENT CHARACTER}").encode("utf-8", "replace").decode("utf-8")


def _text(value: Any, limit: int) -> str:
    """A clean string for a column, at most ``limit`` characters."""
    return _clean(value if isinstance(value, str) else ("" if value is None else str(value)))[:limit]


def _plain(value: Any) -> Any:
    """``value`` as plain JSON data (what reading it back gives), NUL-free and finite."""

    def clean(v: Any) -> Any:
        if isinstance(v, str):
            return _clean(v)
        if isinstance(v, float) and not math.isfinite(v):
            return str(v)
        if isinstance(v, Mapping):
            return {_clean(str(k)): clean(x) for k, x in v.items()}
        if isinstance(v, list | tuple | set | frozenset):
            return [clean(x) for x in v]
        if v is None or isinstance(v, bool | int | float):
            return v
        return str(v)

    return json.loads(json.dumps(clean(value)))


def canonical(entry: Mapping[str, Any]) -> str:
    """The canonical JSON of an entry's hashed fields."""
    return json.dumps({k: entry[k] for k in FIELDS}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, allow_nan=False)


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """sha256(prev_hash + canonical JSON of the entry), hex."""
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Entry:
    """One action to record (seq and hashes are given when it is written)."""

    actor: str
    role: str
    action: str
    outcome: str
    workstation: str = ""
    source: str = ""
    target: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    at: float = 0.0

    def row(self, seq: int) -> dict[str, Any]:
        """The hashed fields of this entry as seq ``seq``."""
        target = {k: _text(v, 200) for k, v in self.target.items() if v not in (None, "")}
        return {"seq": seq, "at": float(self.at), "actor": _text(self.actor, ACTOR),
                "role": _text(self.role, ROLE), "workstation": _text(self.workstation, WORKSTATION),
                "source": _text(self.source, SOURCE), "action": _text(self.action, ACTION),
                "incident_id": _text(target["incident_id"], ID) if target.get("incident_id") else None,
                "target": _plain(target), "outcome": _text(self.outcome, OUTCOME),
                "detail": _plain(self.detail)}


def append(conn: Connection, entries: Sequence[Entry]) -> list[int]:
    """Append ``entries`` to the chain in the transaction of ``conn``; their seqs.

    The first statement bumps the ``audit_seq`` counter: on PostgreSQL the row lock
    makes a concurrent append (another node) wait until this one commits; on SQLite
    it takes the database write lock. Only then is the previous hash read.
    """
    if not entries:
        return []
    n = len(entries)
    done = conn.execute(update(t.counters).where(t.counters.c.name == AUDIT_SEQ)
                        .values(value=t.counters.c.value + n))
    if done.rowcount == 0:  # a database migrated without the row (should not happen)
        conn.execute(insert(t.counters).values(name=AUDIT_SEQ, value=n))
    top = int(conn.execute(select(t.counters.c.value)
                           .where(t.counters.c.name == AUDIT_SEQ)).scalar_one())
    prev = conn.execute(select(audit_log.c.hash).where(audit_log.c.seq <= top - n)
                        .order_by(audit_log.c.seq.desc()).limit(1)).scalar() or GENESIS
    rows = []
    for i, entry in enumerate(entries):
        row = entry.row(top - n + 1 + i)
        row["prev_hash"] = prev
        row["hash"] = prev = entry_hash(prev, row)
        rows.append(row)
    conn.execute(insert(audit_log), rows)
    return [r["seq"] for r in rows]


def write(engine: Engine, entries: Sequence[Entry]) -> list[int]:
    """Append ``entries`` in one transaction of their own (the command line's way)."""
    now = time.time()
    for e in entries:
        e.at = e.at or now
    with engine.begin() as conn:
        return append(conn, entries)


def cli_entry(action: str, outcome: str, *, target: dict[str, Any] | None = None,
              detail: dict[str, Any] | None = None) -> Entry:
    """An entry for an administrative command line action: the actor is the OS user."""
    try:
        who = getpass.getuser()
    except Exception:  # no user name in this environment
        who = "?"
    return Entry(actor=f"{who}@cli", role="cli", action=action, outcome=outcome,
                 workstation=socket.gethostname(), source="c4central", target=target or {},
                 detail=detail or {}, at=time.time())


def record_cli(db_url: str, entry: Entry) -> None:
    """Write one command line entry to the database at ``db_url``; a failure is logged."""
    from c4console.central.db import open_database

    try:
        engine = open_database(db_url)
    except Exception as e:
        log.warning("audit entry %s not written: cannot open %s: %s", entry.action, db_url, e)
        return
    try:
        write(engine, [entry])
    except Exception as e:
        log.warning("audit entry %s not written: %s: %s", entry.action, type(e).__name__, e)
    finally:
        engine.dispose()


def _synchronous_normal(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _appender_engine(engine: Engine) -> Engine:
    """The engine appends run on: on SQLite one connection of its own without the fsync.

    In WAL mode with ``synchronous=NORMAL`` a commit appends to the WAL without
    waiting for the disk, so an append holds the write lock the command writer
    needs for well under a millisecond. The entries reach the disk with the next
    fsync of the WAL: the command writer's next commit (``synchronous=FULL``) or
    the next checkpoint. On PostgreSQL the central's own engine is used.
    """
    if engine.dialect.name != "sqlite":
        return engine
    from c4console.central.db import create_db_engine

    own = create_db_engine(engine.url.render_as_string(hide_password=False))
    event.listen(own, "connect", _synchronous_normal)
    return own


class AuditLog:
    """Queued, group-committed appends to the audit chain, on a thread of their own."""

    def __init__(self, engine: Engine, *, clock: Callable[[], float] = time.time,
                 linger_s: float = LINGER_S) -> None:
        self.engine = engine
        self._own_engine = _appender_engine(engine)
        self.clock = clock
        self.linger_s = linger_s
        self._queue: deque[Entry] = deque()
        self._lock = threading.Lock()
        self._drain_queued = False
        self._closed = False
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="c4central-audit")
        self.written = 0
        self.lost = 0

    def record(self, actor: str, role: str, action: str, outcome: str, *, workstation: str = "",
               source: str = "", target: Mapping[str, Any] | None = None,
               detail: Mapping[str, Any] | None = None) -> None:
        """Queue one entry (time: now) and return at once; committed shortly after."""
        self.record_entries([Entry(actor=actor, role=role, action=action, outcome=outcome,
                                   workstation=workstation, source=source, target=dict(target or {}),
                                   detail=dict(detail or {}), at=self.clock())])

    def record_entries(self, entries: Iterable[Entry]) -> None:
        """Queue entries (each keeps its own time)."""
        with self._lock:
            self._queue.extend(entries)
            if self._drain_queued or not self._queue:
                return
            self._drain_queued = True
        try:
            self._writer.submit(self._drain)
        except RuntimeError:  # closed: write what is left here
            self._drain()

    def _drain(self) -> None:
        if self.linger_s > 0 and not self._closed:
            time.sleep(self.linger_s)
        while True:
            with self._lock:
                group = [self._queue.popleft() for _ in range(min(len(self._queue), GROUP_MAX))]
                if not group:
                    self._drain_queued = False
                    return
            self._commit(group)

    def _commit(self, group: list[Entry]) -> None:
        for attempt in range(1, RETRIES + 1):
            try:
                with self._own_engine.begin() as conn:
                    append(conn, group)
                self.written += len(group)
                return
            except Exception as e:
                if attempt == RETRIES:
                    self.lost += len(group)
                    log.error("audit: %d entries NOT written after %d attempts (%s: %s): %s",
                              len(group), RETRIES, type(e).__name__, e,
                              "; ".join(f"{x.actor} {x.action} {x.outcome}" for x in group))
                    return
                log.warning("audit: append failed (%s: %s); retrying", type(e).__name__, e)
                time.sleep(0.05 * attempt)

    async def flush(self) -> None:
        """Wait until every entry recorded before this call is committed."""
        try:
            await asyncio.get_running_loop().run_in_executor(self._writer, lambda: None)
        except RuntimeError:  # closing: close() commits what is queued
            return

    def close(self) -> None:
        """Commit what is queued and stop the thread."""
        self._closed = True
        self._writer.shutdown(wait=True)
        self._drain()
        if self._own_engine is not self.engine:
            self._own_engine.dispose()


# --- reading ----------------------------------------------------------------------


def iso(at: float) -> str:
    """UTC ISO 8601 with milliseconds."""
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(value: str) -> float:
    """Epoch seconds or ISO 8601 (``2026-11-30T21:00:00Z``; naive means UTC) → epoch seconds."""
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None:
        if not math.isfinite(number):
            raise ValueError(f"{value!r} is not a time")
        return number
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError(f"{value!r} is neither epoch seconds nor an ISO 8601 time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


@dataclass(frozen=True, slots=True)
class Filter:
    """What GET /audit asks for; empty fields do not filter."""

    actor: str = ""
    incident: str = ""
    action: str = ""
    since: float | None = None
    until: float | None = None
    before: int | None = None
    limit: int = DEFAULT_LIMIT


def public(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored entry as the API shows it."""
    out = {k: row[k] for k in FIELDS}
    out["time"] = iso(row["at"])
    out["prev_hash"], out["hash"] = row["prev_hash"], row["hash"]
    return out


def entries(engine: Engine, f: Filter) -> list[dict[str, Any]]:
    """Entries matching ``f``, newest first (at most ``f.limit``)."""
    c = audit_log.c
    query = select(audit_log).order_by(c.seq.desc()).limit(max(1, min(f.limit, MAX_LIMIT)))
    if f.actor:
        query = query.where(c.actor == f.actor.strip().lower())
    if f.incident:
        query = query.where(c.incident_id == f.incident)
    if f.action:
        query = query.where(or_(c.action == f.action, c.action.startswith(f.action + ".",
                                                                           autoescape=True)))
    if f.since is not None:
        query = query.where(c.at >= f.since)
    if f.until is not None:
        query = query.where(c.at <= f.until)
    if f.before is not None:
        query = query.where(c.seq < f.before)
    with engine.connect() as conn:
        return [public(r._mapping) for r in conn.execute(query)]


def to_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """The entries as CSV with a header row (UTF-8 text, RFC 4180 quoting); every text
    cell is escaped against formulas (c4console/core/csv_cells.py)."""
    out = io.StringIO()
    w = csv_writer(out, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        target = r.get("target") or {}
        w.writerow([r["seq"], r.get("time") or iso(r["at"]),
                    *(r[k] for k in ("actor", "role", "workstation", "source", "action")),
                    r.get("incident_id") or "", target.get("unit_id", ""),
                    target.get("session_id", ""), r["outcome"],
                    json.dumps(r["detail"], ensure_ascii=False, sort_keys=True), r["hash"]])
    return out.getvalue()


# --- verification -----------------------------------------------------------------


@dataclass
class Problem:
    """One break of the chain: ``kind`` edited, deleted, reordered, head, or (against an
    external anchor) anchor or truncated; the entry's seq."""

    kind: str
    seq: int
    message: str


@dataclass
class Verification:
    """The result of :func:`verify`."""

    entries: int = 0
    head: int = 0
    last_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)
    anchors: int = 0  # external anchors checked (audit_anchor.py), 0: none given

    @property
    def ok(self) -> bool:
        """True if the chain is whole."""
        return not self.problems

    def text(self) -> str:
        """What a person reads."""
        if self.ok:
            anchored = f"; {self.anchors} external anchor(s) match" if self.anchors else ""
            return (f"audit log OK: {self.entries} entries, seq 1..{self.head}, chain intact "
                    f"(last hash {self.last_hash[:16]}…){anchored}\n")
        lines = [f"audit log BROKEN: {len(self.problems)} problem(s) in {self.entries} entries "
                 f"(head {self.head})"]
        lines += [f"  {p.message}" for p in self.problems]
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        """The result as JSON data."""
        return {"ok": self.ok, "entries": self.entries, "head": self.head,
                "last_hash": self.last_hash, "anchors": self.anchors,
                "problems": [{"kind": p.kind, "seq": p.seq, "message": p.message}
                             for p in self.problems]}


def _describe(row: Mapping[str, Any]) -> str:
    return f"({row['action']} by {row['actor'] or '?'} at {iso(row['at'])}, outcome {row['outcome']})"


def check(rows: Sequence[Mapping[str, Any]], head: int) -> Verification:
    """Verify stored rows (ascending seq) against the chain and the head counter."""
    result = Verification(entries=len(rows), head=head)
    by_hash = {r["hash"]: r for r in rows}
    seq_of_hash = {GENESIS: 0, **{h: r["seq"] for h, r in by_hash.items()}}
    prev_row: Mapping[str, Any] | None = None
    expected = 1
    moved_seqs: set[int] = set()  # entries already reported as moved: their links say nothing new
    for row in rows:
        seq = row["seq"]
        prev_hash = prev_row["hash"] if prev_row is not None else GENESIS
        own_ok = entry_hash(row["prev_hash"], row) == row["hash"]
        if seq > expected:
            gone = f"entry {expected}" if seq == expected + 1 else f"entries {expected}..{seq - 1}"
            result.problems.append(Problem("deleted", expected, f"{gone} deleted: the log jumps from "
                                           f"seq {expected - 1} to seq {seq}"))
        if not own_ok:
            written_as = seq_of_hash.get(row["prev_hash"])
            moved = None
            if written_as is not None and written_as + 1 != seq:
                moved = written_as + 1
                probe = dict(row, seq=moved)
                if entry_hash(row["prev_hash"], probe) != row["hash"]:
                    moved = None
            if moved is not None:
                moved_seqs.add(seq)
                result.problems.append(Problem(
                    "reordered", seq, f"entry {seq} reordered: it was written as entry {moved} "
                                      f"{_describe(row)}"))
            else:
                result.problems.append(Problem(
                    "edited", seq, f"entry {seq} edited: its content no longer matches its hash "
                                   f"{_describe(row)}"))
        elif row["prev_hash"] != prev_hash and seq == expected and prev_row is not None:
            # Intact itself, but the entry before it is not the one it was chained to.
            linked = seq_of_hash.get(row["prev_hash"])
            if prev_row["seq"] in moved_seqs or linked in moved_seqs:
                pass
            elif linked is None:
                result.problems.append(Problem(
                    "edited", prev_row["seq"], f"entry {prev_row['seq']} edited and re-hashed: "
                                               f"entry {seq} was chained to a different entry "
                                               f"{prev_row['seq']}"))
            else:
                result.problems.append(Problem(
                    "reordered", seq, f"entry {seq} out of order: it was chained after entry "
                                      f"{linked}, not after entry {prev_row['seq']}"))
        elif row["prev_hash"] != prev_hash and seq == expected and prev_row is None:
            result.problems.append(Problem("edited", seq, f"entry {seq} does not start the chain "
                                                          "(its previous hash is not the genesis)"))
        prev_row, expected = row, max(expected, seq) + 1
    last = rows[-1]["seq"] if rows else 0
    if head > last:
        gone = f"entry {last + 1}" if head == last + 1 else f"entries {last + 1}..{head}"
        result.problems.append(Problem("deleted", last + 1, f"{gone} deleted: the log ends at seq "
                                                            f"{last} but {head} were written"))
    elif head < last:
        result.problems.append(Problem("head", head, f"the audit_seq counter says {head} but the "
                                                     f"log holds entries up to {last}"))
    if rows:
        result.last_hash = rows[-1]["hash"]
    return result


def stored(engine: Engine) -> tuple[list[dict[str, Any]], int]:
    """Every stored entry (ascending seq) and the ``audit_seq`` counter, in one snapshot."""
    with engine.connect() as conn:
        head = conn.execute(select(t.counters.c.value)
                            .where(t.counters.c.name == AUDIT_SEQ)).scalar() or 0
        rows = [dict(r._mapping) for r in conn.execute(select(audit_log).order_by(audit_log.c.seq))]
    return rows, int(head)


def verify(engine: Engine) -> Verification:
    """Re-check the whole chain stored in the database of ``engine``."""
    return check(*stored(engine))
