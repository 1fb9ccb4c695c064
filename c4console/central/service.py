"""The write path of the central: commands and device reports, each in one transaction.

All writes go through one worker thread, so the aiohttp loop never waits on a
commit (``synchronous=FULL`` fsyncs), decisions are taken on the latest state,
and seq order is commit order. After each commit the new changes are handed to
the listeners *on the writer thread, in seq order*; the API's listener moves
them to the event loop with ``call_soon_threadsafe``, which keeps that order.

Device reports are group-committed: the writer takes every report queued while
it was busy (up to :data:`GROUP_MAX`) and applies them in arrival order in one
transaction, so a flood of positions costs one commit per group instead of one
per report. Each report still gets its own change rows (gap-free seq) and its own
answer, sent only after the commit. If the group's transaction fails, each report
is retried alone, so one bad report fails only itself.

Decisions carry domain events (:mod:`c4console.core.domain_events`: a panic activation,
a WhatsApp reply to send…); the transaction collects them, and before it commits each is
handed to the handlers subscribed to its type with :meth:`Service.on`. What a handler
writes (a gateway's outbox row) therefore commits or rolls back with the decision.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from c4console.central import accounts, notify
from c4console.central.agencies import get_agency
from c4console.central.banavim.store import registration_with_folio
from c4console.central.cases.steps import CaseSteps, c4_date
from c4console.central.cases.store import duplicate_candidates
from c4console.central.coordination.guard import task_refusal
from c4console.central.coordination.store import (
    account_agency,
    coordination_of_case,
    shares_of,
)
from c4console.central.device_lifecycle import audio_sessions_of
from c4console.central.follow_up import VisitWatch, planned_per_unit, visits_of_plan
from c4console.central.ingest import IngestOutcome, PositionReport, ingest_reports
from c4console.central.observatory_rollup import ensure_zone
from c4console.central.permissions import GATEWAY, Refusal, command_refusal, patrol_refusal
from c4console.central.records import LOCK_SEQ, Tx
from c4console.central.share_reads import timeline_of
from c4console.central.specialists.store import interventions_of_case
from c4console.core.cases.case_catalogues import CaseCatalogues
from c4console.core.catalogue import Catalogue
from c4console.core.changes import Change
from c4console.core.command_result import CommandResult
from c4console.core.commands import Context, decide
from c4console.core.device_testing import DEFAULT_TEST_MINUTES
from c4console.core.domain_events import DomainEvent
from c4console.core.follow_up.defaults import PlanDefaults
from c4console.core.geo import Cuadrante, Jurisdiction
from c4console.core.zones.index import ZoneIndex
from c4console.resources import load_case_catalogues, load_institutions, load_plan_defaults

log = logging.getLogger(__name__)

T = TypeVar("T")
E = TypeVar("E", bound=DomainEvent)
Listener = Callable[[list[Change]], None]
Handler = Callable[[Tx, Any], None]  # (the transaction, one domain event of the subscribed type)

MAX_BATCH = 1000
GROUP_MAX = 500  # device reports committed in one transaction at most
MAX_KEY = 64
DEFAULT_TIMEZONE = "America/Tijuana"  # Mexicali; folios carry the C4's local date


class BadBatch(ValueError):
    """A command batch that is not of the protocol's shape; nothing was applied."""


class BatchInterrupted(RuntimeError):
    """A command failed unexpectedly (database error); earlier ones stay applied.

    ``results`` holds the answers of the commands committed before the failure.
    """

    def __init__(self, message: str, results: list[CommandResult]) -> None:
        super().__init__(message)
        self.results = results


def parse_batch(body: Any) -> tuple[list[dict[str, Any]], str, str]:
    """Check a POST /commands body; returns (commands, claimed actor, workstation) or raises BadBatch.

    Only the envelope is checked here (every command needs a string ``key``);
    a command's own fields are judged by core.commands.decide, which answers a
    bad one with ``rejected``/``bad_command`` instead of refusing the batch.
    ``actor`` is optional and only informative: the central records the
    authenticated user as the actor.
    """
    if not isinstance(body, dict):
        raise BadBatch(f"body must be a JSON object, not {type(body).__name__}")
    actor = body.get("actor", "")
    if not isinstance(actor, str):
        raise BadBatch("field 'actor' must be a string (it is ignored: the actor is the logged-in user)")
    workstation = body.get("workstation", "")
    if not isinstance(workstation, str):
        raise BadBatch("field 'workstation' must be a string")
    commands = body.get("commands")
    if not isinstance(commands, list):
        raise BadBatch("field 'commands' must be a list")
    if len(commands) > MAX_BATCH:
        raise BadBatch(f"{len(commands)} commands in one batch; send at most {MAX_BATCH}")
    for n, cmd in enumerate(commands):
        if not isinstance(cmd, dict):
            raise BadBatch(f"commands[{n}] must be an object, not {type(cmd).__name__}")
        key = cmd.get("key")
        if not isinstance(key, str) or not key.strip() or len(key) > MAX_KEY:
            raise BadBatch(f"commands[{n}]: 'key' must be a non-empty string of at most "
                           f"{MAX_KEY} characters (the idempotency key)")
    return commands, actor.strip(), workstation.strip()


def _candidates(tx: Tx, case: Any) -> list[Any]:
    """Live cases that may be the same person as ``case`` (the duplicate check)."""
    tx.flush()
    return duplicate_candidates(tx.conn, case)


def _interventions_of(tx: Tx, case_id: str) -> list[Any]:
    """Her case's interventions (the timing rule asks for the episode's earlier ones)."""
    tx.flush()
    return interventions_of_case(tx.conn, case_id)


def _plan_defaults() -> PlanDefaults | None:
    """The follow-up plan table; None (plans refused ``not_configured``) when a C4's own
    resources folder has none yet: the central still starts for everything else."""
    try:
        return load_plan_defaults()
    except FileNotFoundError as e:
        log.warning("follow-up plans are off: %s (copy resources/follow_up/plan_defaults.toml)", e)
        return None


def _new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class _Caller:
    """Who sent a batch: the authenticated user, their role, where from."""

    actor: str
    role: str
    workstation: str
    source: str


class Service:
    """Applies commands and device reports to the central's database."""

    def __init__(self, engine: Engine, catalogue: Catalogue, jurisdiction: Jurisdiction | None = None,
                 *, clock: Callable[[], float] = time.time, timezone: str = DEFAULT_TIMEZONE,
                 device_test_minutes: float = DEFAULT_TEST_MINUTES) -> None:
        self.engine = engine
        self.catalogue = catalogue
        self.jurisdiction = jurisdiction
        self.sectors = frozenset(jurisdiction.sectors()) if jurisdiction else None
        self.clock = clock
        self.folio_tz = ZoneInfo(timezone)
        with engine.begin() as conn:  # the observatory's days are this zone's (writers locked)
            conn.execute(LOCK_SEQ)
            ensure_zone(conn, self.folio_tz.key)
        self.device_test_minutes = device_test_minutes  # how long a device's test mode lasts
        # The case area: its catalogues (for the case commands) and its part of every write
        # transaction (a new incident's history and priority, her case following her records).
        self.case_catalogues: CaseCatalogues = load_case_catalogues()
        self.institutions = load_institutions()
        self.case_steps = CaseSteps(self.folio_tz)
        # Every protection order's exclusion zones, indexed for the aggressors' positions
        # (used on the writer thread only; kept in step with the orders it reads).
        self.zones = ZoneIndex()
        # Follow-up (issue 13): the plan defaults per risk level and the GPS proof of
        # patrol visits fed by the units' positions (writer thread only).
        self.follow_up_defaults = _plan_defaults()
        self.visits = VisitWatch()
        self._listeners: list[Listener] = []
        self._handlers: dict[type, list[Handler]] = {}
        self._announcers: list[Callable[[int], None]] = []
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="c4central-writer")
        # Device reports waiting for the writer, and whether a drain job is queued for them.
        self._reports: deque[tuple[PositionReport, str, Future[IngestOutcome]]] = deque()
        self._reports_lock = threading.Lock()
        self._drain_queued = False
        # On PostgreSQL other nodes learn of each commit through NOTIFY.
        self._notify = notify.supports_notify(engine)

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(changes)`` after each commit, on the writer thread, in seq order."""
        self._listeners.append(listener)

    def add_announcer(self, announce: Callable[[int], None]) -> None:
        """Call ``announce(last seq)`` on the writer thread as a transaction's NOTIFY is
        queued, just before it commits (PostgreSQL): this node's feed follower then knows
        the echo of its own NOTIFY needs no read of the table (see FeedFollower.expect)."""
        self._announcers.append(announce)

    def on(self, event_type: type[E], handler: Callable[[Tx, E], None]) -> None:
        """Call ``handler(tx, event)`` for each domain event of ``event_type`` a write
        transaction collects, at its end, before it commits, on the writer thread: what
        the handler writes (a gateway's outbox row) commits or rolls back with the
        decision, and an error in it rolls the decision back. It must be quick."""
        self._handlers.setdefault(event_type, []).append(handler)

    def locate(self, lat: float, lon: float) -> Cuadrante | None:
        """The cuadrante of a point, or None (no jurisdiction loaded, or outside it)."""
        return self.jurisdiction.locate(lat, lon) if self.jurisdiction else None

    # --- the writer thread ----------------------------------------------------

    async def write(self, fn: Callable[[Tx], T]) -> T:
        """Run ``fn(tx)`` in one transaction on the writer thread; commit; tell the listeners.

        If ``fn`` raises, the transaction is rolled back and the error propagates.
        """
        return await asyncio.get_running_loop().run_in_executor(self._writer, self._transact, fn)

    def _transact(self, fn: Callable[[Tx], T], *, batched: bool = False) -> T:
        with self.engine.begin() as conn:
            tx = Tx(conn, self.clock(), self.folio_tz, batched=batched, steps=self.case_steps)
            result = fn(tx)
            self._dispatch(tx)
            changes = tx.finish()
            if changes and self._notify:
                notify.send(conn, changes[-1].seq)
                for announce in self._announcers:
                    announce(changes[-1].seq)
        if changes:
            for listener in self._listeners:
                try:
                    listener(changes)
                except Exception:  # a broken listener must not undo or stop the writer
                    log.exception("change listener failed for seq %d–%d",
                                  changes[0].seq, changes[-1].seq)
        return result

    def _dispatch(self, tx: Tx) -> None:
        """Hand each domain event of ``tx`` to its subscribers, in the order they were
        announced (also the ones a handler announces)."""
        n = 0
        while n < len(tx.domain_events):
            event = tx.domain_events[n]
            for handler in self._handlers.get(type(event), ()):
                handler(tx, event)
            n += 1

    def close(self) -> None:
        """Finish queued writes and stop the writer thread."""
        self._writer.shutdown(wait=True)

    # --- commands ---------------------------------------------------------------

    async def submit(self, commands: Sequence[Mapping[str, Any]], *, actor: str, role: str,
                     workstation: str = "", source: str = "") -> list[CommandResult]:
        """Decide a batch of commands sent by ``actor`` with ``role``, each once and in its
        own transaction.

        Returns one result per command, in order: ``accepted`` (with ``seq``),
        ``rejected`` (``reason``, ``message``) or ``duplicate`` (``original``).
        A command the role may not send is rejected ``forbidden`` and logged as a
        security event (``source`` is the caller's address).
        Raises :class:`BatchInterrupted` if the database fails mid-batch.
        """
        who = _Caller(actor, role, workstation, source)
        return await asyncio.get_running_loop().run_in_executor(
            self._writer, self._submit_all, list(commands), who)

    def _submit_all(self, commands: list[Mapping[str, Any]], who: _Caller) -> list[CommandResult]:
        results: list[CommandResult] = []
        for n, cmd in enumerate(commands):
            try:
                results.append(self._transact(lambda tx, c=cmd: self._decide_one(tx, c, who)))
            except Exception as e:
                log.exception("command %s (%s) failed", cmd.get("key"), cmd.get("type"))
                raise BatchInterrupted(
                    f"command {n + 1} of {len(commands)} (key {cmd.get('key')}) failed: "
                    f"{type(e).__name__}: {e}; nothing of it was stored; the {n} before it were "
                    f"applied and will be answered 'duplicate' if resent", results) from e
        return results

    def _decide_one(self, tx: Tx, cmd: Mapping[str, Any], who: _Caller) -> CommandResult:
        key = cmd["key"]
        original = tx.command_result(key)
        if original is not None:
            return CommandResult.duplicate(key, original)
        incidents, units = tx.view("incident"), tx.view("unit")
        # Whose agency sends it: a liaison completes only her agency's tasks (issue 15).
        agency = account_agency(tx.conn, who.actor) if cmd.get("type") == "complete_task" else ""
        refusal = (command_refusal(who.role, cmd)
                   or patrol_refusal(who.role, who.actor, cmd, incidents, units)
                   or task_refusal(who.role, agency, cmd, tx.get))
        if refusal is not None:
            return self._refuse(tx, cmd, who, refusal)
        ctx = Context(now=tx.now, actor=who.actor, new_id=_new_id, catalogue=self.catalogue,
                      next_folio=tx.next_folio, locate=self.locate,
                      device=lambda device_id: tx.get("device", device_id),
                      sectors=self.sectors,
                      beneficiary=lambda bid: tx.get("beneficiary", bid),
                      # A person at a console owns what she takes; the gateways never do.
                      owner="" if who.role == GATEWAY else who.actor,
                      case=lambda case_id: tx.get("case", case_id),
                      case_candidates=lambda case: _candidates(tx, case),
                      case_catalogues=self.case_catalogues, today=c4_date(tx.now, self.folio_tz),
                      device_test_minutes=self.device_test_minutes,
                      record=lambda entity, record_id: tx.get(entity, record_id),
                      call=lambda call_id: tx.get("call", call_id),
                      audio_sessions_of=lambda incident_id: audio_sessions_of(tx, incident_id),
                      account_exists=lambda name: accounts.user_exists(tx.conn, name),
                      interventions_of=lambda case_id: _interventions_of(tx, case_id),
                      banavim_folio=lambda folio: registration_with_folio(tx, folio),
                      institutions=self.institutions,
                      follow_up_defaults=self.follow_up_defaults,
                      visits_of_plan=lambda plan_id: visits_of_plan(tx, plan_id),
                      planned_load=lambda: planned_per_unit(tx),
                      agency=lambda agency_id: get_agency(tx.conn, agency_id),
                      timeline_of=lambda case_id: timeline_of(tx.conn, case_id),
                      actor_agency=agency,
                      shares_of=lambda case_id: shares_of(tx.conn, case_id),
                      coordination_of=lambda case_id: coordination_of_case(tx.conn, case_id))
        decision = decide(cmd, incidents, units, ctx)
        if not decision.accepted:
            result = CommandResult.rejected(key, decision.reason, decision.message)
        else:
            last = None
            for record in (*decision.incidents, *decision.units, *decision.devices,
                           *decision.beneficiaries, *decision.shifts, *decision.cases,
                           *decision.records, *decision.calls, *decision.referrals,
                           *decision.events):
                last = tx.put(record).seq
            tx.announce(decision.domain_events)
            result = CommandResult.accepted(key, last)
        tx.log_command(cmd, result, actor=who.actor, workstation=who.workstation)
        return result

    @staticmethod
    def _refuse(tx: Tx, cmd: Mapping[str, Any], who: _Caller, refusal: Refusal) -> CommandResult:
        """A command the caller may not send: a security event, the command log, the answer."""
        key = cmd["key"]
        number = tx.security_event(
            "command_refused", f"{who.actor} ({who.role}) at {who.workstation or '?'}: "
                               f"{refusal.message}; command key {key}", who.source)
        result = CommandResult.rejected(key, refusal.reason,
                                        f"{refusal.message}; security event {number}")
        tx.log_command(cmd, result, actor=who.actor, workstation=who.workstation)
        log.warning("command %s refused: %s", key, result.message)
        return result

    # --- devices ----------------------------------------------------------------

    async def ingest(self, report: PositionReport, source: str = "") -> IngestOutcome:
        """Apply one OsmAnd report (see c4console.central.ingest); answers after its commit.

        Reports arriving while the writer is busy are committed together (group commit,
        in arrival order); the outcome is this report's own.
        """
        done: Future[IngestOutcome] = Future()
        with self._reports_lock:
            self._reports.append((report, source, done))
            queue_drain = not self._drain_queued
            self._drain_queued = True
        if queue_drain:
            try:
                self._writer.submit(self._drain_reports)
            except RuntimeError as e:  # the writer was shut down (close())
                self._fail_queued(e)
        return await asyncio.wrap_future(done)

    def _fail_queued(self, error: BaseException) -> None:
        with self._reports_lock:
            waiting = list(self._reports)
            self._reports.clear()
            self._drain_queued = False
        for _, _, done in waiting:
            if done.set_running_or_notify_cancel():
                done.set_exception(error)

    def _drain_reports(self) -> None:
        """Writer thread: commit the queued reports, one group at a time.

        After a full group the next drain is queued behind whatever else waits for the
        writer (commands), so a flood of positions never starves them.
        """
        while True:
            with self._reports_lock:
                group = [self._reports.popleft() for _ in range(min(len(self._reports), GROUP_MAX))]
                more = bool(self._reports)
                if not more:
                    self._drain_queued = False
            # A report whose sender went away before the writer took it is dropped, as
            # a cancelled executor job would be.
            live = [(r, src, done) for r, src, done in group if done.set_running_or_notify_cancel()]
            if live:
                self._ingest_group(live)
            if not more:
                return
            try:
                self._writer.submit(self._drain_reports)
                return
            except RuntimeError:  # shutting down: finish the queue here
                continue

    def _ingest_group(self, group: list[tuple[PositionReport, str, Future[IngestOutcome]]]) -> None:
        def apply(tx: Tx, items: list[tuple[PositionReport, str, Future[IngestOutcome]]]
                  ) -> list[IngestOutcome]:
            return ingest_reports(tx, [(report, source) for report, source, _ in items],
                                  catalogue=self.catalogue, locate=self.locate, new_id=_new_id,
                                  zones=self.zones, visits=self.visits)

        try:
            outcomes = self._transact(lambda tx: apply(tx, group), batched=True)
        except Exception as e:
            if len(group) == 1:
                group[0][2].set_exception(e)
                return
            log.warning("a group of %d device reports failed (%s: %s); applying them one by one",
                        len(group), type(e).__name__, e)
            for item in group:
                try:
                    (outcome,) = self._transact(lambda tx, one=item: apply(tx, [one]), batched=True)
                except Exception as one_error:
                    item[2].set_exception(one_error)
                else:
                    item[2].set_result(outcome)
            return
        for (_, _, done), outcome in zip(group, outcomes, strict=True):
            done.set_result(outcome)
