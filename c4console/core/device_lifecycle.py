"""A panic device's life, from the stock to her hands and back (pure; issue 17).

::

    in_stock → requested → approved → delivered → tested → in_use ─┬→ returned → in_stock
                   (for her)  (her case,  (date, who,   (her TEST    └→ lost | broken
                               her risk)   training)     incident)

- *requested*: someone asked for a device for one woman (``beneficiary_id``);
- *approved*: a supervisor approved it after the case analysis — her case and her risk
  level at that moment are kept;
- *delivered*: handed over on a date (not before the request), by someone, with or
  without training (and by whom);
- *tested*: her test call at delivery was made: the TEST incident the test activation
  opened (``start_device_test``, core/device_testing.py) and its recorded audio sessions;
- *in use*: the device protects her;
- *returned* (it goes back to the stock with ``restock``), *lost* or *broken* (final).

A device in stock, requested or approved may also be found lost or broken. Nothing goes
back a step; two paths start the device's next cycle in stock, the history kept: a
request or approval *withdrawn* (the case analysis said no, she left the programme),
and a returned device put back in stock.

Each record (entity ``device_lifecycle``, id = the device id) keeps its whole history,
one :class:`LifecycleStep` per transition, dated and signed. :func:`stock_counts` counts
devices per state for the registry's stock line and for statistics (not personal data);
the records themselves name her and follow need-to-know (``resources/cases/
record_fields.toml`` [device_lifecycle]).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from c4console.core.refused import Refused
from c4console.core.wire import _Wire

if TYPE_CHECKING:  # core.models registers this module's record (imports it at its end)
    from c4console.core.models import Device


class LifeState(StrEnum):
    """Where a device is in its life (stable wire values)."""

    IN_STOCK = "in_stock"
    REQUESTED = "requested"
    APPROVED = "approved"
    DELIVERED = "delivered"
    TESTED = "tested"
    IN_USE = "in_use"
    RETURNED = "returned"
    LOST = "lost"
    BROKEN = "broken"


S = LifeState
# The allowed graph: state → the states it may go to. Only forward; back to in_stock
# (a withdrawn request, a returned device) starts the device's next cycle.
TRANSITIONS: Mapping[LifeState, frozenset[LifeState]] = {
    S.IN_STOCK: frozenset({S.REQUESTED, S.LOST, S.BROKEN}),
    S.REQUESTED: frozenset({S.APPROVED, S.IN_STOCK, S.LOST, S.BROKEN}),
    S.APPROVED: frozenset({S.DELIVERED, S.IN_STOCK, S.LOST, S.BROKEN}),
    S.DELIVERED: frozenset({S.TESTED, S.RETURNED, S.LOST, S.BROKEN}),
    S.TESTED: frozenset({S.IN_USE, S.RETURNED, S.LOST, S.BROKEN}),
    S.IN_USE: frozenset({S.RETURNED, S.LOST, S.BROKEN}),
    S.RETURNED: frozenset({S.IN_STOCK}),
    S.LOST: frozenset(),
    S.BROKEN: frozenset(),
}
# The states in which she has the device (it is "delivered" in the stock's sense).
WITH_HER = frozenset({S.DELIVERED, S.TESTED, S.IN_USE})
# The states in which the device is tied to one woman (requested for her onwards).
FOR_HER = frozenset({S.REQUESTED, S.APPROVED}) | WITH_HER
FINAL = frozenset({S.LOST, S.BROKEN})
# The usual next state (the registry's "next step" action); None for final states.
NEXT: Mapping[LifeState, LifeState | None] = {
    S.IN_STOCK: S.REQUESTED, S.REQUESTED: S.APPROVED, S.APPROVED: S.DELIVERED,
    S.DELIVERED: S.TESTED, S.TESTED: S.IN_USE, S.IN_USE: None, S.RETURNED: S.IN_STOCK,
    S.LOST: None, S.BROKEN: None,
}


class LifecycleRefused(Refused):
    """A transition the graph or the step's data does not allow."""


@dataclass(frozen=True, slots=True)
class LifecycleStep(_Wire):
    """One transition: to which state, when (epoch s), by whom, the C4 calendar day, and
    what the step records (``data``: her id, the case and risk, delivery and training,
    the test incident…). ``note`` is free text."""

    state: str
    at: float
    by: str
    day: str = ""
    note: str = ""
    data: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class DeviceLifecycle(_Wire):
    """A panic device's life (id = the device id): its state, the woman it is for (from
    the request until it is returned; kept when lost or broken, so its history says
    whose it was), the current cycle's facts, and every step."""

    id: str
    state: str = S.IN_STOCK.value
    beneficiary_id: str | None = None
    requested_on: str = ""  # C4 day of the current cycle's request (delivery not before)
    requested_at: float | None = None
    case_id: str = ""
    risk_level: str = ""  # her level when approved (from her case)
    delivered_on: str = ""
    delivered_by: str = ""
    training_given: bool | None = None
    trained_by: str = ""
    test_incident_id: str = ""
    test_folio: str = ""
    test_audio_sessions: tuple[str, ...] = ()
    steps: tuple[LifecycleStep, ...] = ()
    updated_at: float = 0.0

    def _coerce(self) -> DeviceLifecycle:
        return replace(self, test_audio_sessions=tuple(self.test_audio_sessions),
                       steps=tuple(s if isinstance(s, LifecycleStep) else LifecycleStep.from_wire(s)
                                   for s in self.steps))

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (lists, as they come back from JSON)."""
        return {"id": self.id, "state": self.state, "beneficiary_id": self.beneficiary_id,
                "requested_on": self.requested_on, "requested_at": self.requested_at,
                "case_id": self.case_id, "risk_level": self.risk_level,
                "delivered_on": self.delivered_on, "delivered_by": self.delivered_by,
                "training_given": self.training_given, "trained_by": self.trained_by,
                "test_incident_id": self.test_incident_id, "test_folio": self.test_folio,
                "test_audio_sessions": list(self.test_audio_sessions),
                "steps": [s.to_wire() for s in self.steps], "updated_at": self.updated_at}

    @property
    def life_state(self) -> LifeState:
        """The state as an enum value."""
        return LifeState(self.state)

    @property
    def next_state(self) -> LifeState | None:
        """The usual next step (None when the device is in use or its life ended)."""
        return NEXT[self.life_state]


def check_transition(current: LifeState, to: LifeState) -> None:
    """Refuse ``out_of_order`` unless the graph allows ``current`` → ``to``."""
    if to not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[current])) or "none: its life ended"
        raise LifecycleRefused("out_of_order", f"the device is {current.value}; it cannot go to "
                                               f"{to.value} (from {current.value}: {allowed})")


def advance(record: DeviceLifecycle, to: LifeState, *, at: float, by: str, day: str = "",
            note: str = "", data: Mapping[str, Any] | None = None, **facts: Any
            ) -> DeviceLifecycle:
    """The record after one step to ``to`` (checked against the graph), with its step
    appended and the current cycle's ``facts`` (record fields) set. Refused
    ``out_of_order`` for a transition the graph does not allow."""
    check_transition(record.life_state, to)
    step = LifecycleStep(to.value, at, by, day, note, dict(data) if data else None)
    return record.evolve(state=to.value, steps=(*record.steps, step), updated_at=at, **facts)


# The current cycle's facts a new cycle (restock) starts without.
_CYCLE_FACTS = {"beneficiary_id": None, "requested_on": "", "requested_at": None, "case_id": "",
                "risk_level": "", "delivered_on": "", "delivered_by": "", "training_given": None,
                "trained_by": "", "test_incident_id": "", "test_folio": "",
                "test_audio_sessions": ()}


def restocked(record: DeviceLifecycle, *, at: float, by: str, day: str = "", note: str = ""
              ) -> DeviceLifecycle:
    """Back in stock (a returned device, a withdrawn request): a new cycle, the history
    kept. Refused ``out_of_order`` from any other state."""
    return advance(record, S.IN_STOCK, at=at, by=by, day=day, note=note, **_CYCLE_FACTS)


IMPLIED_BY = "registro"  # who "signed" the step of a record derived from the registry


def implied_lifecycle(device: Device, at: float) -> DeviceLifecycle:
    """The lifecycle a panic device registered before lifecycles existed (or imported
    from a CSV) starts with: *in use* if it has a woman and a delivery date — it is in
    her hands and has been protecting her; the test call was never recorded, so the
    step says so rather than claim one — else *in stock*. Used by the migration, the
    import and the commands alike."""
    if device.beneficiary_id and device.delivered_on:
        step = LifecycleStep(S.IN_USE.value, at, IMPLIED_BY, device.delivered_on,
                             data={"from_registry": True, "test_recorded": False})
        return DeviceLifecycle(id=device.id, state=S.IN_USE.value,
                               beneficiary_id=device.beneficiary_id,
                               delivered_on=device.delivered_on, steps=(step,), updated_at=at)
    step = LifecycleStep(S.IN_STOCK.value, at, IMPLIED_BY, data={"from_registry": True})
    return DeviceLifecycle(id=device.id, steps=(step,), updated_at=at)


@dataclass(frozen=True, slots=True)
class StockCounts:
    """How many panic devices are in each state (not personal data)."""

    by_state: Mapping[LifeState, int]

    @property
    def total(self) -> int:
        """Every device counted (lost and broken included: the programme bought them)."""
        return sum(self.by_state.values())

    @property
    def delivered(self) -> int:
        """Devices in women's hands: delivered, tested or in use."""
        return sum(self.by_state.get(s, 0) for s in WITH_HER)

    def __getitem__(self, state: LifeState) -> int:
        return self.by_state.get(state, 0)


def stock_counts(records: Iterable[DeviceLifecycle], devices: Iterable[Device] = ()
                 ) -> StockCounts:
    """Count panic devices per state, e.g. "144 of 200 delivered" is
    ``counts.delivered`` of ``counts.total``.

    ``records`` are the lifecycle records; ``devices`` (optional) are the registered
    devices, so a panic device with no lifecycle record yet counts in the state
    :func:`implied_lifecycle` gives it. For the registry's stock line and for the
    statistics (pure, O(n)).
    """
    seen: set[str] = set()
    counts: Counter[LifeState] = Counter()
    for r in records:
        seen.add(r.id)
        counts[r.life_state] += 1
    for d in devices:
        if d.kind == "panic" and d.id not in seen:
            counts[implied_lifecycle(d, 0.0).life_state] += 1
    return StockCounts({s: counts[s] for s in LifeState})
