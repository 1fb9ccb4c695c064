"""What the console shows: the central's records plus the overlay of pending commands.

Qt-free; the GUI's view models read from it and are told which ids changed.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from c4console.core.banavim.registration import BanavimRegistration
from c4console.core.calls.records import Call, Referral
from c4console.core.cases.history_record import IncidentHistory
from c4console.core.cases.records import Case, CaseTimelineEntry, PersonProfile
from c4console.core.catalogue import Catalogue
from c4console.core.changes import Change
from c4console.core.commands import Context
from c4console.core.device_health import DeviceHealth, HealthTask
from c4console.core.device_lifecycle import DeviceLifecycle
from c4console.core.models import Beneficiary, Device, Incident, Shift, TimelineEvent, Unit
from c4console.core.overlay import Overlay, apply_pending
from c4console.core.referrals.records import InstitutionReferral
from c4console.core.specialists.records import DeskFollowUp, Intervention
from c4console.core.zones.records import ExclusionOrder
from c4console.sync.jurisdiction import ConsoleJurisdiction, shipped_jurisdiction


@dataclass
class Touched:
    """Ids whose view changed after an update."""

    incidents: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    events_for: set[str] = field(default_factory=set)  # incident ids with new timeline entries
    new_incidents: list[str] = field(default_factory=list)  # first seen now (for alerts)
    shifts: set[str] = field(default_factory=set)  # shift ids changed (the roster)
    beneficiaries: set[str] = field(default_factory=set)  # her record arrived, changed or left
    cases: set[str] = field(default_factory=set)  # case ids arrived, changed or withdrawn
    histories: set[str] = field(default_factory=set)  # incident ids whose history did
    # Device ids whose health changed, and call task ids (the health board).
    health: set[str] = field(default_factory=set)
    health_tasks: set[str] = field(default_factory=set)
    calls: set[str] = field(default_factory=set)  # telephone calls arrived, changed or withdrawn
    referrals: set[str] = field(default_factory=set)  # the specialist desk's queue records
    lifecycles: set[str] = field(default_factory=set)  # device ids whose life moved a step
    exclusion_orders: set[str] = field(default_factory=set)  # zones records arrived or withdrawn
    # The specialist desk (issue 12): interventions and scheduled follow-ups.
    interventions: set[str] = field(default_factory=set)
    desk_follow_ups: set[str] = field(default_factory=set)
    banavim: set[str] = field(default_factory=set)  # BANAVIM registrations marked or registered
    # Referrals to institutions, and the case ids whose timeline got an entry (issue 12).
    institution_referrals: set[str] = field(default_factory=set)
    case_timelines: set[str] = field(default_factory=set)
    # Follow-up records (plans, patrol visits, interviews, calls, her case timeline entries).
    follow_up: set[str] = field(default_factory=set)
    # Coordination meetings and their tasks (issue 15): meeting and task ids.
    coordination: set[str] = field(default_factory=set)
    # Of ``units``, those whose only change is their position (a patrol's tracker report):
    # what shows only a unit's status or assignment need not redraw for them.
    moved: set[str] = field(default_factory=set)

    @property
    def unit_states(self) -> set[str]:
        """Units whose status, assignment, sector or name changed (not only their position)."""
        return self.units - self.moved

    def __bool__(self) -> bool:
        return bool(self.incidents or self.units or self.events_for or self.shifts
                    or self.beneficiaries or self.cases or self.histories or self.health
                    or self.health_tasks or self.calls or self.referrals or self.lifecycles
                    or self.exclusion_orders or self.interventions or self.desk_follow_ups
                    or self.banavim or self.institution_referrals
                    or self.case_timelines or self.follow_up or self.coordination)


# entity → (the ConsoleState dict holding it, the Touched set that announces it)
_HELD: dict[str, tuple[str, str | None]] = {
    "incident": ("incidents", "incidents"), "unit": ("units", "units"),
    "beneficiary": ("beneficiaries", "beneficiaries"), "device": ("devices", None),
    "shift": ("shifts", "shifts"), "case": ("cases", "cases"),
    "history": ("histories", "histories"),
    "device_health": ("device_health", "health"), "health_task": ("health_tasks", "health_tasks"),
    "call": ("calls", "calls"), "referral": ("referrals", "referrals"),
    "device_lifecycle": ("device_lifecycles", "lifecycles"),
    "exclusion_order": ("exclusion_orders", "exclusion_orders"),
    "intervention": ("interventions", "interventions"),
    "desk_follow_up": ("desk_follow_ups", "desk_follow_ups"),
    "banavim_registration": ("banavim_registrations", "banavim"),
    "institution_referral": ("institution_referrals", "institution_referrals"),
    "case_timeline": ("case_timeline", None),
    "follow_plan": ("follow_plans", "follow_up"), "patrol_visit": ("patrol_visits", "follow_up"),
    "interview": ("interviews", "follow_up"), "follow_call": ("follow_calls", "follow_up"),
    "meeting": ("meetings", "coordination"),
    "coordination_task": ("coordination_tasks", "coordination"),
    # Her case's shares with agencies: the agencies a meeting can invite (the C4's roles that
    # read shares; a liaison holds her own agency's).
    "case_share": ("case_shares", "coordination"),
}
# Follow-up entities → the ConsoleState dict holding them (issue 13; the unit board, map stops
# and overdue list read them).
_FOLLOW_UP_HELD = {e: held for e, (held, touched) in _HELD.items() if touched == "follow_up"}
# Coordination entities → the ConsoleState dict holding them (the Mesas tool, the tasks panel).
_COORDINATION_HELD = {e: held for e, (held, touched) in _HELD.items() if touched == "coordination"}


_POSITION_FIELDS = ("lat", "lon", "position_at")
_UNIT_BUT_POSITION = attrgetter(*(f.name for f in fields(Unit) if f.name not in _POSITION_FIELDS))


def _moved_only(old: Unit, new: Unit) -> bool:
    """True if ``new`` differs from ``old`` in its position only."""
    return _UNIT_BUT_POSITION(old) == _UNIT_BUT_POSITION(new)


class ConsoleState:
    """In-memory view of the cache and the pending commands."""

    def __init__(self, catalogue: Catalogue, actor: str) -> None:
        self.catalogue = catalogue
        self.actor = actor
        self.incidents: dict[str, Incident] = {}
        self.units: dict[str, Unit] = {}
        self.beneficiaries: dict[str, Beneficiary] = {}
        self.devices: dict[str, Device] = {}
        self.shifts: dict[str, Shift] = {}
        # The woman's case and each incident's history (id = incident id), as far as
        # the central lets this role hold them (need-to-know filters the feed).
        self.cases: dict[str, Case] = {}
        self.histories: dict[str, IncidentHistory] = {}
        # Device health and the call tasks it opened (as far as this role may hold them).
        self.device_health: dict[str, DeviceHealth] = {}
        self.health_tasks: dict[str, HealthTask] = {}
        # 911 calls (screen pops, the call-taker's form) and the specialist desk's queue, as
        # far as need-to-know lets this role hold them.
        self.calls: dict[str, Call] = {}
        self.referrals: dict[str, Referral] = {}
        # Panic devices' lives (id = device id): whoever follows her devices holds them.
        self.device_lifecycles: dict[str, DeviceLifecycle] = {}
        # Protection orders' exclusion zones (id = the zones record's): the zones form reads them.
        self.exclusion_orders: dict[str, ExclusionOrder] = {}
        # The specialist desk (issue 12): interventions (an operator holds only that one
        # happened, while her case has an open incident) and the follow-ups scheduled.
        self.interventions: dict[str, Intervention] = {}
        self.desk_follow_ups: dict[str, DeskFollowUp] = {}
        # Cases marked for BANAVIM and their folios: supervisors and the specialist desk.
        self.banavim_registrations: dict[str, BanavimRegistration] = {}
        # Referrals of her case to institutions and her case timeline's entries by id (issue
        # 12), as far as this role may hold them (specialists and supervisors).
        self.institution_referrals: dict[str, InstitutionReferral] = {}
        self.case_timeline: dict[str, CaseTimelineEntry] = {}
        # Follow-up of her orders, as far as this role may hold them (an operator: the visits'
        # points and due times only).
        self.follow_plans: dict[str, Any] = {}
        self.patrol_visits: dict[str, Any] = {}
        self.interviews: dict[str, Any] = {}
        self.follow_calls: dict[str, Any] = {}
        # Coordination meetings and their tasks (a liaison: her agency's part only).
        self.meetings: dict[str, Any] = {}
        self.coordination_tasks: dict[str, Any] = {}
        self.case_shares: dict[str, Any] = {}
        self._case_by_incident: dict[str, str] = {}  # incident id → case id listing it
        # Incident → case this console itself opened or linked it to. An operator's case
        # arrives without its incident ids (need-to-know's dispatch projection leaves them
        # out) and the history is not recomputed, so this is how her panel finds it.
        self.linked_here: dict[str, str] = {}
        self.events: dict[str, list[TimelineEvent]] = defaultdict(list)
        self._event_ids: set[str] = set()
        self.cursor = 0
        # key -> (command body, seq of the change that confirmed it, or None while pending)
        self._unconfirmed: dict[str, tuple[dict[str, Any], int | None]] = {}
        self.overlay = Overlay()
        # Map outlines, roster sectors, home picker: the central's once the session fetched it.
        self.jurisdiction: ConsoleJurisdiction = shipped_jurisdiction()

    # --- loading -------------------------------------------------------------

    def load(self, records: dict[str, dict[str, Any]], cursor: int,
             pending: Iterable[dict[str, Any]]) -> None:
        """Fill from the cache at start-up."""
        self.incidents = dict(records.get("incident", {}))
        self.units = dict(records.get("unit", {}))
        self.beneficiaries = dict(records.get("beneficiary", {}))
        self.devices = dict(records.get("device", {}))
        self.shifts = dict(records.get("shift", {}))
        self.cases = dict(records.get("case", {}))
        self.histories = dict(records.get("history", {}))
        self.device_health = dict(records.get("device_health", {}))
        self.health_tasks = dict(records.get("health_task", {}))
        self.calls = dict(records.get("call", {}))
        self.referrals = dict(records.get("referral", {}))
        self.device_lifecycles = dict(records.get("device_lifecycle", {}))
        self.exclusion_orders = dict(records.get("exclusion_order", {}))
        self.interventions = dict(records.get("intervention", {}))
        self.desk_follow_ups = dict(records.get("desk_follow_up", {}))
        self.banavim_registrations = dict(records.get("banavim_registration", {}))
        self.institution_referrals = dict(records.get("institution_referral", {}))
        self.case_timeline = dict(records.get("case_timeline", {}))
        for entity, held in (*_FOLLOW_UP_HELD.items(), *_COORDINATION_HELD.items()):
            setattr(self, held, dict(records.get(entity, {})))
        self._index_cases()
        for ev in sorted(records.get("event", {}).values(), key=lambda e: e.at):
            self._add_event(ev)
        self.cursor = cursor
        self._unconfirmed = {c["key"]: (c, None) for c in pending}
        self._recompute_overlay()

    def _add_event(self, ev: TimelineEvent) -> bool:
        if ev.id in self._event_ids:
            return False
        self._event_ids.add(ev.id)
        self.events[ev.incident_id].append(ev)
        return True

    # --- updates -------------------------------------------------------------

    def apply_changes(self, changes: Iterable[Change]) -> Touched:
        """Take changes the cache has durably applied."""
        t = Touched()
        for ch in changes:
            self.cursor = max(self.cursor, ch.seq)
            if ch.op == "delete":
                self._forget(ch, t)
                continue
            rec = ch.record()
            if ch.entity == "incident":
                if ch.id not in self.incidents:
                    t.new_incidents.append(ch.id)
                self.incidents[ch.id] = rec
                t.incidents.add(ch.id)
            elif ch.entity == "unit":
                old = self.units.get(ch.id)
                self.units[ch.id] = rec
                # Moved only if every change of this unit in the batch moved it only.
                if (old is not None and _moved_only(old, rec)
                        and (ch.id not in t.units or ch.id in t.moved)):
                    t.moved.add(ch.id)
                else:
                    t.moved.discard(ch.id)
                t.units.add(ch.id)
            elif ch.entity == "event":
                if self._add_event(rec):
                    t.events_for.add(rec.incident_id)
            elif ch.entity == "beneficiary":
                self.beneficiaries[ch.id] = rec
                t.beneficiaries.add(ch.id)
            elif ch.entity == "device":
                self.devices[ch.id] = rec
            elif ch.entity == "shift":
                self.shifts[ch.id] = rec
                t.shifts.add(ch.id)
            elif ch.entity == "case":
                self.cases[ch.id] = rec
                self._case_by_incident.update(dict.fromkeys(rec.incident_ids, ch.id))
                t.cases.add(ch.id)
            elif ch.entity == "history":
                self.histories[ch.id] = rec
                t.histories.add(ch.id)
            elif ch.entity == "device_health":
                self.device_health[ch.id] = rec
                t.health.add(ch.id)
            elif ch.entity == "health_task":
                self.health_tasks[ch.id] = rec
                t.health_tasks.add(ch.id)
            elif ch.entity == "call":
                self.calls[ch.id] = rec
                t.calls.add(ch.id)
            elif ch.entity == "referral":
                self.referrals[ch.id] = rec
                t.referrals.add(ch.id)
            elif ch.entity == "device_lifecycle":
                self.device_lifecycles[ch.id] = rec
                t.lifecycles.add(ch.id)
            elif ch.entity == "exclusion_order":
                self.exclusion_orders[ch.id] = rec
                t.exclusion_orders.add(ch.id)
            elif ch.entity == "intervention":
                self.interventions[ch.id] = rec
                t.interventions.add(ch.id)
            elif ch.entity == "desk_follow_up":
                self.desk_follow_ups[ch.id] = rec
                t.desk_follow_ups.add(ch.id)
            elif ch.entity == "banavim_registration":
                self.banavim_registrations[ch.id] = rec
                t.banavim.add(ch.id)
            elif ch.entity == "institution_referral":
                self.institution_referrals[ch.id] = rec
                t.institution_referrals.add(ch.id)
            elif ch.entity == "case_timeline":
                self.case_timeline[ch.id] = rec
                t.case_timelines.add(rec.case_id)
            elif ch.entity in _FOLLOW_UP_HELD:
                getattr(self, _FOLLOW_UP_HELD[ch.entity])[ch.id] = rec
                t.follow_up.add(ch.id)
            elif ch.entity in _COORDINATION_HELD:
                getattr(self, _COORDINATION_HELD[ch.entity])[ch.id] = rec
                t.coordination.add(ch.id)
        self._merge_overlay(t)
        return t

    def _forget(self, ch: Change, t: Touched) -> None:
        """A record the central withdrew (need-to-know) or deleted."""
        held, touched = _HELD.get(ch.entity, (None, None))
        if held is not None and getattr(self, held).pop(ch.id, None) is not None and touched:
            getattr(t, touched).add(ch.id)
        if ch.entity == "case":
            self._index_cases()

    def institution_referrals_of(self, case_id: str) -> list[InstitutionReferral]:
        """Her referrals to institutions, newest first."""
        return sorted((r for r in self.institution_referrals.values() if r.case_id == case_id),
                      key=lambda r: r.created_at, reverse=True)

    def _index_cases(self) -> None:
        self._case_by_incident = {iid: c.id for c in self.cases.values() for iid in c.incident_ids}

    def clear_records(self) -> Touched:
        """Forget every record (the cache was wiped for another user or role)."""
        t = Touched(incidents=set(self.incidents), units=set(self.units),
                    shifts=set(self.shifts), beneficiaries=set(self.beneficiaries),
                    cases=set(self.cases), histories=set(self.histories),
                    health=set(self.device_health), health_tasks=set(self.health_tasks),
                    calls=set(self.calls), referrals=set(self.referrals),
                    lifecycles=set(self.device_lifecycles),
                    exclusion_orders=set(self.exclusion_orders),
                    interventions=set(self.interventions),
                    desk_follow_ups=set(self.desk_follow_ups),
                    banavim=set(self.banavim_registrations),
                    institution_referrals=set(self.institution_referrals),
                    case_timelines={e.case_id for e in self.case_timeline.values()},

                    follow_up={i for held in _FOLLOW_UP_HELD.values() for i in getattr(self, held)},
                    coordination={i for held in _COORDINATION_HELD.values()
                                  for i in getattr(self, held)})
        self.incidents, self.units, self.shifts = {}, {}, {}
        self.beneficiaries, self.devices = {}, {}
        self.cases, self.histories, self._case_by_incident = {}, {}, {}
        self.device_health, self.health_tasks = {}, {}
        self.calls, self.referrals = {}, {}
        self.device_lifecycles = {}
        self.exclusion_orders = {}
        self.interventions, self.desk_follow_ups = {}, {}
        self.banavim_registrations = {}
        self.institution_referrals, self.case_timeline = {}, {}
        for held in (*_FOLLOW_UP_HELD.values(), *_COORDINATION_HELD.values()):
            setattr(self, held, {})
        self.events.clear()
        self._event_ids.clear()
        self.cursor = 0
        self._merge_overlay(t)
        return t

    def add_pending(self, command: dict[str, Any]) -> Touched:
        """A command the outbox holds durably: draw it at once."""
        self._unconfirmed[command["key"]] = (command, None)
        t = Touched()
        self._merge_overlay(t)
        return t

    def take_results(self, results: Iterable[dict[str, Any]]) -> Touched:
        """The central's answers. An accepted command stays drawn until its change arrives."""
        for r in results:
            key = r.get("key")
            if key not in self._unconfirmed:
                continue
            outcome = r.get("outcome")
            if outcome == "duplicate":
                outcome = (r.get("original") or {}).get("outcome", "accepted")
                r = {**(r.get("original") or {}), **r}
            if outcome == "accepted" and isinstance(r.get("seq"), int) and r["seq"] > self.cursor:
                self._unconfirmed[key] = (self._unconfirmed[key][0], r["seq"])
            else:
                del self._unconfirmed[key]
        t = Touched()
        self._merge_overlay(t)
        return t

    def _merge_overlay(self, t: Touched) -> None:
        old = self.overlay
        self._unconfirmed = {k: v for k, v in self._unconfirmed.items()
                             if v[1] is None or v[1] > self.cursor}
        self._recompute_overlay()
        new = self.overlay
        t.incidents |= set(old.incidents) | set(new.incidents)
        t.incidents |= set(old.pending_by_incident) | set(new.pending_by_incident)
        drawn = set(old.units) | set(new.units)
        t.units |= drawn
        t.moved -= drawn  # a pending command redraws them whole
        t.events_for |= {e.incident_id for e in old.events} | {e.incident_id for e in new.events}

    def _recompute_overlay(self) -> None:
        ctx = Context(now=time.time(), actor=self.actor, new_id=lambda: f"pending-{uuid.uuid4()}",
                      catalogue=self.catalogue, next_folio=lambda: "…", owner=self.actor,
                      call=self.calls.get, case=self._overlay_case)
        self.overlay = apply_pending(self.incidents, self.units,
                                     [c for c, _ in self._unconfirmed.values()], ctx)

    def _overlay_case(self, case_id: str) -> Case | None:
        """A case for drawing pending commands: the one held, else — for a case a held call's
        history names (her case or a suggestion the operator confirmed in the call form) — a
        stand-in with only its id: need-to-know may withhold the case itself from this role,
        and the central checks it anyway."""
        held = self.cases.get(case_id)
        if held is not None:
            return held
        for call in self.calls.values():
            history = call.history or {}
            named = {history.get("case_id")} | {s.get("case_id") for s in history.get("suggestions") or ()}
            if case_id in named:
                return Case(id=case_id, person=PersonProfile(name=""), created_at=0.0)
        return None

    # --- reading (what the widgets show) ----------------------------------

    def incident(self, iid: str) -> Incident | None:
        """The incident as the operator should see it (with pending commands applied)."""
        return self.overlay.incidents.get(iid) or self.incidents.get(iid)

    def unit(self, uid: str) -> Unit | None:
        """The unit as the operator should see it."""
        return self.overlay.units.get(uid) or self.units.get(uid)

    def all_incidents(self) -> list[Incident]:
        """Every incident in its viewed form."""
        return [self.incident(i) for i in self.incidents.keys() | self.overlay.incidents.keys()]

    def all_units(self) -> list[Unit]:
        """Every unit in its viewed form."""
        return [self.unit(u) for u in self.units.keys() | self.overlay.units.keys()]

    def case_of_incident(self, iid: str) -> Case | None:
        """Her case for an incident: the one its history names, else a case that lists
        the incident (linked or opened from it after the history was computed)."""
        history = self.histories.get(iid)
        if history is not None and history.case_id and history.case_id in self.cases:
            return self.cases[history.case_id]
        cid = self._case_by_incident.get(iid)
        case = self.cases.get(cid) if cid else None
        if case is not None and iid in case.incident_ids:
            return case
        return self.cases.get(self.linked_here.get(iid, ""))

    def pending_count(self, iid: str | None = None) -> int:
        """Commands not yet confirmed, overall or for one incident."""
        if iid is None:
            return len(self._unconfirmed)
        return self.overlay.pending_by_incident.get(iid, 0)

    def timeline(self, iid: str) -> list[TimelineEvent]:
        """The incident's timeline, with pending entries (ids starting 'pending-') last."""
        pending = [e for e in self.overlay.events if e.incident_id == iid]
        return sorted(self.events.get(iid, []), key=lambda e: e.at) + pending
