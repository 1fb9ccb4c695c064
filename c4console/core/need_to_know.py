"""Need-to-know on the change feed: which personal records a reader receives (pure).

The central passes every change it sends (stream, backlog, ``GET /changes``) through
:func:`feed_view` for the reader's role. A personal record (her beneficiary file, her
panic device and its last position) reaches a role only as far as the policy allows:
in full, projected to the fields the role's work needs, or not at all. A record a
reader may not hold goes out as a ``delete`` of that record at the same seq, so the
console's cursor stays gap-free and its cache drops whatever it held of her — the
same message takes the data out when the reason ends (her incident closed, a role
changed).

Whether she has an open incident is judged on :class:`OpenCases`, kept from the
incident snapshots in feed order; the central re-publishes her beneficiary record in
the transaction that opens or closes an incident of hers, so the change that grants or
withdraws it follows the incident change in the feed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Protocol

from c4console.core.changes import Change
from c4console.core.enums import OPEN_STATUSES
from c4console.core.zones.access import is_aggressor_device, is_closed_proximity

PERSONAL_ENTITIES = frozenset({"beneficiary", "device", "case", "history",
                               "device_health", "health_task", "call", "referral",
                               "exclusion_order", "device_lifecycle",
                               "intervention", "desk_follow_up", "case_timeline",
                               "banavim_registration", "institution_referral",
                               # Follow-up of her protection orders (issue 13, core/follow_up).
                               "follow_plan", "patrol_visit", "interview", "follow_call",
                               # Her case shared with another agency (issue 15, core/agencies).
                               "case_share",
                               # Coordination meetings and their tasks (issue 15).
                               "meeting", "coordination_task"})
# Personal records whose readers the access table decides on no ground (never her open
# incident: they are not re-published when her incidents open or close).
_NO_GROUND = frozenset({"follow_plan", "patrol_visit", "interview", "follow_call", "case_timeline",
                        "case_share", "meeting", "coordination_task"})


class RecordPolicy(Protocol):
    """What a role may receive of one personal record: the record itself (unchanged), a
    projection of it, or None (see :class:`c4console.core.cases.record_access.RecordAccess`,
    which applies ``resources/cases/access.toml``)."""

    def project(self, role: str, entity: str, data: Mapping[str, Any], *, open_incident: bool,
                today: date | None = None) -> Mapping[str, Any] | None: ...


class OpenCases:
    """Which beneficiaries have an open incident, from incident snapshots in feed order."""

    def __init__(self) -> None:
        self._of_incident: dict[str, str] = {}  # open incident id → beneficiary id
        self._count: dict[str, int] = {}  # beneficiary id → open incidents
        self._open: set[str] = set()  # every open incident, hers or not
        # Open proximity incidents → (his tracker, the exclusion_order record).
        self._proximity: dict[str, tuple[str, str]] = {}
        # Case id → (her beneficiary id, her incidents): an intervention's ground is her
        # case's (the specialist desk, core/specialists/access.py).
        self._cases: dict[str, tuple[str, tuple[str, ...]]] = {}

    def see_case(self, case: Mapping[str, Any]) -> None:
        """Take one case snapshot (wire form, whole) into account."""
        self._cases[str(case.get("id", ""))] = (str(case.get("beneficiary_id") or ""),
                                                tuple(case.get("incident_ids") or ()))

    def case_open(self, case_id: str | None) -> bool:
        """True while her case has the open ground: she has an open incident, or an
        incident linked to the case is open (as :func:`open_ground` judges a case)."""
        known = self._cases.get(case_id or "")
        if known is None:
            return False
        bid, incident_ids = known
        return self.has_open(bid) or any(self.is_open(i) for i in incident_ids)

    def see(self, incident: Mapping[str, Any]) -> None:
        """Take one incident snapshot (wire form) into account."""
        iid = str(incident.get("id", ""))
        if incident.get("status") in OPEN_STATUSES:
            self._open.add(iid)
            proximity = incident.get("proximity")
            if proximity:
                self._proximity[iid] = (str(incident.get("device_id") or ""),
                                        str(proximity.get("order_id") or ""))
        else:
            self._open.discard(iid)
            self._proximity.pop(iid, None)
        bid = incident.get("beneficiary_id") or ""
        is_open = incident.get("status") in OPEN_STATUSES and bool(bid)
        before = self._of_incident.get(iid)
        if before is not None and (not is_open or before != bid):
            del self._of_incident[iid]
            left = self._count[before] - 1
            if left:
                self._count[before] = left
            else:
                del self._count[before]
        if is_open and before != bid:
            self._of_incident[iid] = bid
            self._count[bid] = self._count.get(bid, 0) + 1

    def see_changes(self, changes: Iterable[Change]) -> None:
        """Take the incident changes of a batch into account, in order."""
        for ch in changes:
            if ch.entity == "incident" and ch.op == "upsert":
                self.see(ch.data)
            elif ch.entity == "case" and ch.op == "upsert":
                self.see_case(ch.data)

    def has_open(self, beneficiary_id: str | None) -> bool:
        """True while she has at least one open incident."""
        return bool(beneficiary_id) and beneficiary_id in self._count

    def is_open(self, incident_id: str) -> bool:
        """True while that incident is open."""
        return incident_id in self._open

    def proximity_open(self, *, device_id: str = "", order_id: str = "") -> bool:
        """True while a proximity incident of that tracker or exclusion order is open."""
        return any((device_id and d == device_id) or (order_id and o == order_id)
                   for d, o in self._proximity.values())

    def copy(self) -> OpenCases:
        """An independent copy (to look ahead through a page without changing this one)."""
        other = OpenCases()
        other._of_incident = dict(self._of_incident)
        other._count = dict(self._count)
        other._open = set(self._open)
        other._proximity = dict(self._proximity)
        other._cases = dict(self._cases)
        return other


def open_ground(entity: str, data: Mapping[str, Any], record_id: str, open_cases: OpenCases
                ) -> bool | None:
    """Whether the reader has the open-incident ground for a personal record, or None for
    a record that is not personal (a patrol's tracker). A call: it is open or its incident is
    (``open_call``); a referral: never (its rule has no ground). Her beneficiary record and device:
    she has an open incident. Her case: she has one, or an incident linked to the case is
    open. A history record: its incident is open."""
    if entity == "history":
        return open_cases.is_open(record_id)
    if entity in _NO_GROUND:  # follow-up records, her case timeline: the table decides
        return False
    if entity == "exclusion_order":
        return open_cases.proximity_open(order_id=record_id)
    if is_aggressor_device(entity, data):
        return open_cases.proximity_open(device_id=record_id)
    if entity == "incident":
        return False  # a closed proximity incident (the only incidents asked about)
    if entity == "health_task":
        return False  # her call task: the access table decides (an open task for callers)
    if entity == "device_health":
        return None if data.get("kind") == "unit" else False  # a patrol's tracker: not hers
    if entity == "call":  # the ground open_call: the call, or the incident it became, is open
        return data.get("status") == "open" or open_cases.is_open(data.get("incident_id") or "")
    if entity == "referral":  # the specialist desk's: no ground needed, the rule decides
        return False
    if entity == "device_lifecycle":  # names her (even back in stock, in its history): the
        return False  # table decides, never on her open incident (not re-published then)
    if entity == "intervention":  # her case's ground (the specialist desk)
        return open_cases.case_open(data.get("case_id"))
    if entity in ("desk_follow_up", "case_timeline", "banavim_registration",
                  "institution_referral"):  # the table decides
        return False
    if entity == "case":
        return (open_cases.has_open(data.get("beneficiary_id"))
                or any(open_cases.is_open(i) for i in data.get("incident_ids") or ()))
    bid = beneficiary_of(entity, data, record_id)
    return None if bid is None else open_cases.has_open(bid)


def beneficiary_of(entity: str, data: Mapping[str, Any], record_id: str) -> str | None:
    """The beneficiary a personal record belongs to (None: not personal, e.g. a patrol's
    tracker)."""
    if entity == "beneficiary":
        return record_id
    if entity == "device" and data.get("kind") == "panic":
        return data.get("beneficiary_id") or ""
    return None


def feed_view(changes: list[Change], role: str, open_cases: OpenCases, policy: RecordPolicy,
              *, looked_ahead_to: int | None = None, today: date | None = None) -> list[Change]:
    """The changes as ``role`` may receive them (same seqs, same order).

    ``looked_ahead_to``: the last seq ``open_cases`` has seen; incident changes after it in
    ``changes`` are applied to a copy first, in order, so a page read from the database
    ahead of the live feed judges her records on the incidents it carries.
    """
    if not any(ch.entity in PERSONAL_ENTITIES or _closed_proximity(ch) for ch in changes):
        return changes
    state = open_cases
    ahead = looked_ahead_to if looked_ahead_to is not None else float("inf")
    out: list[Change] = []
    append = out.append
    for ch in changes:  # the stream's hot path: most changes are not personal records
        entity = ch.entity
        if entity not in PERSONAL_ENTITIES:
            if entity == "incident" and ch.seq > ahead:
                if state is open_cases:
                    state = open_cases.copy()
                state.see(ch.data)
            append(_view(ch, role, state, policy, today) if _closed_proximity(ch) else ch)
        else:
            if entity == "case" and ch.seq > ahead and ch.op == "upsert":
                if state is open_cases:
                    state = open_cases.copy()
                state.see_case(ch.data)
            append(_view(ch, role, state, policy, today))
    return out


def _closed_proximity(ch: Change) -> bool:
    """A closed proximity incident: his positions go only to the zones' readers."""
    return ch.entity == "incident" and ch.op == "upsert" and is_closed_proximity(
        ch.entity, ch.data, OPEN_STATUSES)


def _view(ch: Change, role: str, open_cases: OpenCases, policy: RecordPolicy,
          today: date | None) -> Change:
    if ch.op != "upsert":
        return ch
    ground = open_ground(ch.entity, ch.data, ch.id, open_cases)
    if ground is None:
        return ch
    shown = policy.project(role, ch.entity, ch.data, open_incident=ground, today=today)
    if shown is None:
        return Change(ch.seq, ch.at, ch.entity, ch.id, "delete", {})
    if shown is ch.data:
        return ch
    # A projection is a new dict already (record_access, case_view): no copy.
    return Change(ch.seq, ch.at, ch.entity, ch.id, ch.op,
                  shown if isinstance(shown, dict) else dict(shown))


def view_records(entity: str, records: Iterable[dict[str, Any]], role: str,
                 open_cases: OpenCases, policy: RecordPolicy, today: date | None = None
                 ) -> list[dict[str, Any]]:
    """A read endpoint's records as ``role`` may see them (hidden ones left out)."""
    out = []
    for data in records:
        if entity == "incident" and not is_closed_proximity(entity, data, OPEN_STATUSES):
            out.append(data)  # incidents go to every role; a closed proximity one is projected
            continue
        ground = open_ground(entity, data, str(data.get("id", "")), open_cases)
        if ground is None:
            out.append(data)
            continue
        shown = policy.project(role, entity, data, open_incident=ground, today=today)
        if shown is not None:
            out.append(dict(shown))
    return out
