"""The commands that move a panic device along its life (pure; the graph and the record
are core/device_lifecycle.py; who may send each: core/access.py).

=========================  ============================  ==================================
command                    step                          fields (besides ``device_id``)
=========================  ============================  ==================================
``request_device``         in_stock → requested          ``beneficiary_id``, ``note``
``approve_device``         requested → approved          ``case_id`` (her case), ``note``
``withdraw_device_request`` requested/approved → in_stock ``note`` (why; required)
``deliver_device``         approved → delivered          ``delivered_on`` (YYYY-MM-DD),
                                                         ``delivered_by``, ``training_given``
                                                         (bool), ``trained_by``, ``note``
``record_device_test``     delivered → tested            ``incident_id`` (her TEST incident)
``put_device_in_use``      tested → in_use               ``note``
``end_device_use``         → returned / lost / broken    ``outcome``, ``note``
``restock_device``         returned → in_stock           ``note``
=========================  ============================  ==================================

Every step is dated (the central's clock and the C4's calendar day) and signed by the
sender. Refusals: ``not_found`` (no such device, woman or incident), ``not_panic_device``,
``out_of_order`` (a step the graph does not allow from the device's state), ``no_case``
(approving without her case), ``not_her_case``, ``no_risk_level`` (her case has no risk
assessment yet), ``bad_date`` (not a date, in the future), ``delivery_before_request``,
``no_trainer``, ``not_a_test`` / ``not_this_device`` / ``test_before_request`` (the
incident is not this device's test call of this cycle), ``bad_outcome``, ``bad_command``.

Delivery also writes her panic device record (``beneficiary_id``, ``delivered_on``): from
that moment her alarms are hers. A returned device is unlinked from her.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from c4console.core.command_kit import Context, Decision, Handler, Refused, text_field
from c4console.core.device_lifecycle import (
    DeviceLifecycle,
    LifecycleRefused,
    LifeState,
    advance,
    implied_lifecycle,
    restocked,
)
from c4console.core.models import Device, Incident
from c4console.core.registry_commands import delivery_date_problem

MAX_NOTE = 1000
MAX_PERSON = 120
END_OUTCOMES = (LifeState.RETURNED, LifeState.LOST, LifeState.BROKEN)


def _day(ctx: Context) -> str:
    """The C4's calendar day (UTC's if the central did not say)."""
    if ctx.today is not None:
        return ctx.today.isoformat()
    return _dt.datetime.fromtimestamp(ctx.now, _dt.UTC).date().isoformat()


def _device_and_life(cmd: Mapping[str, Any], ctx: Context) -> tuple[Device, DeviceLifecycle]:
    device_id = text_field(cmd, "device_id", limit=64)
    device = ctx.device(device_id)
    if device is None:
        raise Refused("not_found", f"device {device_id} is not registered")
    if device.kind != "panic":
        raise Refused("not_panic_device", f"device {device_id} is a {device.kind} tracker, "
                                          "not a panic device")
    life = ctx.record("device_lifecycle", device_id)
    return device, life if life is not None else implied_lifecycle(device, ctx.now)


def _note(cmd: Mapping[str, Any], *, required: bool = False) -> str:
    return text_field(cmd, "note", required=required, limit=MAX_NOTE)


def _step(ctx: Context, life: DeviceLifecycle, to: LifeState, note: str,
          data: Mapping[str, Any] | None = None, **facts: Any) -> DeviceLifecycle:
    return advance(life, to, at=ctx.now, by=ctx.actor, day=_day(ctx), note=note, data=data,
                   **facts)


def _request(cmd, incidents, units, ctx: Context) -> Decision:
    """A device asked for one woman (``beneficiary_id``)."""
    _, life = _device_and_life(cmd, ctx)
    bid = text_field(cmd, "beneficiary_id", limit=64)
    if ctx.beneficiary(bid) is None:
        raise Refused("not_found", f"beneficiary {bid} is not registered")
    new = _step(ctx, life, LifeState.REQUESTED, _note(cmd), {"beneficiary_id": bid},
                beneficiary_id=bid, requested_on=_day(ctx), requested_at=ctx.now)
    return Decision(True, records=[new])


def _approve(cmd, incidents, units, ctx: Context) -> Decision:
    """Approved after the case analysis: her case (``case_id``) and its risk level."""
    _, life = _device_and_life(cmd, ctx)
    if life.life_state is not LifeState.REQUESTED:
        _step(ctx, life, LifeState.APPROVED, "")  # refuses out_of_order with the graph's words
    case_id = cmd.get("case_id")
    if not isinstance(case_id, str) or not case_id.strip():
        raise Refused("no_case", "a device is approved after her case analysis: give her case "
                                 "(case_id); open her case first if she has none")
    case = ctx.case(case_id.strip())
    if case is None:
        raise Refused("no_case", f"case {case_id.strip()} does not exist; a device is approved "
                                 "after her case analysis")
    if case.beneficiary_id != life.beneficiary_id:
        raise Refused("not_her_case", f"case {case.id} is not the case of beneficiary "
                                      f"{life.beneficiary_id}, for whom the device was requested")
    level = case.risk_level
    if level is None:
        raise Refused("no_risk_level", f"case {case.id} has no risk assessment; assess her "
                                       "risk before approving her device")
    new = _step(ctx, life, LifeState.APPROVED, _note(cmd),
                {"case_id": case.id, "risk_level": level.value},
                case_id=case.id, risk_level=level.value)
    return Decision(True, records=[new])


def _withdraw(cmd, incidents, units, ctx: Context) -> Decision:
    """A request or approval withdrawn (say why): the device is back in stock."""
    _, life = _device_and_life(cmd, ctx)
    if life.life_state not in (LifeState.REQUESTED, LifeState.APPROVED):
        raise LifecycleRefused("out_of_order", f"the device is {life.state}; only a requested "
                                               "or approved device can be withdrawn")
    note = _note(cmd, required=True)
    new = restocked(life, at=ctx.now, by=ctx.actor, day=_day(ctx), note=note)
    last = new.steps[-1].evolve(data={"withdrawn_for": life.beneficiary_id})
    return Decision(True, records=[new.evolve(steps=(*new.steps[:-1], last))])


def _deliver(cmd, incidents, units, ctx: Context) -> Decision:
    """Handed to her: the date, who handed it over, the training (given? by whom?)."""
    device, life = _device_and_life(cmd, ctx)
    if life.life_state is not LifeState.APPROVED:
        _step(ctx, life, LifeState.DELIVERED, "")  # out_of_order
    day = cmd.get("delivered_on")
    problem = (delivery_date_problem(day, ctx.now) if isinstance(day, str) and day.strip()
               else "field 'delivered_on' must be a date YYYY-MM-DD")
    if problem:
        raise Refused("bad_date", problem)
    day = day.strip()
    if life.requested_on and day < life.requested_on:
        raise Refused("delivery_before_request", f"delivery date {day} is before the device "
                                                 f"was requested ({life.requested_on})")
    by = text_field(cmd, "delivered_by", required=False, limit=MAX_PERSON) or ctx.actor
    trained = cmd.get("training_given")
    if not isinstance(trained, bool):
        raise Refused("bad_command", "field 'training_given' must be true or false")
    trainer = text_field(cmd, "trained_by", required=False, limit=MAX_PERSON)
    if trained and not trainer:
        raise Refused("no_trainer", "training was given: say who gave it (trained_by)")
    if not trained:
        trainer = ""
    facts = {"delivered_on": day, "delivered_by": by, "training_given": trained,
             "trained_by": trainer}
    new = _step(ctx, life, LifeState.DELIVERED, _note(cmd), facts, **facts)
    her_device = device.evolve(beneficiary_id=life.beneficiary_id, delivered_on=day)
    return Decision(True, records=[new],
                    devices=[her_device] if her_device != device else [])


def _record_test(cmd, incidents: Mapping[str, Incident], units, ctx: Context) -> Decision:
    """Her test call at delivery: the TEST incident it opened and its recorded audio."""
    device, life = _device_and_life(cmd, ctx)
    if life.life_state is not LifeState.DELIVERED:
        _step(ctx, life, LifeState.TESTED, "")  # out_of_order
    iid = text_field(cmd, "incident_id", limit=64)
    inc = incidents.get(iid)
    if inc is None:
        raise Refused("not_found", f"incident {iid} does not exist")
    if not inc.test:
        raise Refused("not_a_test", f"incident {inc.folio} is not a test activation (arm the "
                                    "device with start_device_test, then she presses it)")
    if inc.device_id != device.id:
        raise Refused("not_this_device", f"incident {inc.folio} is the test of device "
                                         f"{inc.device_id}, not of {device.id}")
    if life.requested_at is not None and inc.created_at < life.requested_at:
        raise Refused("test_before_request", f"incident {inc.folio} opened before this device "
                                             "was requested for her: not this delivery's test")
    sessions = tuple(ctx.audio_sessions_of(inc.id))
    facts = {"test_incident_id": inc.id, "test_folio": inc.folio,
             "test_audio_sessions": sessions}
    new = _step(ctx, life, LifeState.TESTED, _note(cmd),
                {**facts, "test_audio_sessions": list(sessions), "status": inc.status.value},
                **facts)
    return Decision(True, records=[new])


def _in_use(cmd, incidents, units, ctx: Context) -> Decision:
    """The device protects her from now on."""
    _, life = _device_and_life(cmd, ctx)
    return Decision(True, records=[_step(ctx, life, LifeState.IN_USE, _note(cmd))])


def _end_use(cmd, incidents, units, ctx: Context) -> Decision:
    """Returned, lost or broken (``outcome``). A returned device is unlinked from her."""
    device, life = _device_and_life(cmd, ctx)
    outcome = cmd.get("outcome")
    if outcome not in {s.value for s in END_OUTCOMES}:
        raise Refused("bad_outcome", f"outcome {outcome!r} is not one of "
                                     f"{', '.join(s.value for s in END_OUTCOMES)}")
    to = LifeState(outcome)
    new = _step(ctx, life, to, _note(cmd), {"beneficiary_id": life.beneficiary_id})
    devices = []
    if to is LifeState.RETURNED and device.beneficiary_id:
        devices.append(device.evolve(beneficiary_id=None, delivered_on=""))
    return Decision(True, records=[new], devices=devices)


def _restock(cmd, incidents, units, ctx: Context) -> Decision:
    """A returned device back in stock, ready for another woman."""
    _, life = _device_and_life(cmd, ctx)
    if life.life_state is not LifeState.RETURNED:
        raise LifecycleRefused("out_of_order", f"the device is {life.state}; only a returned "
                                               "device goes back to stock")
    return Decision(True, records=[restocked(life, at=ctx.now, by=ctx.actor, day=_day(ctx),
                                             note=_note(cmd))])


HANDLERS: dict[str, Handler] = {
    "request_device": _request,
    "approve_device": _approve,
    "withdraw_device_request": _withdraw,
    "deliver_device": _deliver,
    "record_device_test": _record_test,
    "put_device_in_use": _in_use,
    "end_device_use": _end_use,
    "restock_device": _restock,
}
