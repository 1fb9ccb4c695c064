"""Follow-up commands (pure; registered in :func:`c4console.core.commands.decide`).

- ``set_follow_plan``: her plan for one order — the default of her risk level, or
  intervals a supervisor sets with a reason; ``places`` her work/school if she asks;
  ``radius_m`` / ``dwell_s`` her visits' GPS proof (radius 20–1,000 m).
- ``plan_visits``: the visits due within ``horizon_h`` hours, each assigned to a unit
  (Fuerza Rosa of her sector first, never a unit out of service).
- ``move_visit``: a planned visit to another unit and/or time.
- ``record_visit``: a visit made without GPS proof, recorded by hand with a reason.
- ``visit_outcome``: what the crew found, only for a visit that happened.
- ``record_interview`` and ``record_follow_call``.

Each recorded visit, interview and call also writes her case timeline entry
(``case_timeline``: kinds ``patrol_visit``, ``interview``, ``follow_up_call``; group
``history``; ids and times only, never notes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from c4console.core.cases.records import CaseTimelineEntry
from c4console.core.command_kit import Context, Decision, Handler, Refused, number, text_field
from c4console.core.follow_up.defaults import PlanDefaults, check_dwell, check_radius
from c4console.core.follow_up.planning import (
    HOUR_S,
    assign,
    check_unit_in_service,
    default_plan,
    schedule,
    with_intervals,
)
from c4console.core.follow_up.records import (
    CALL_ENTITY,
    CALL_RESULTS,
    INTERVIEW_ENTITY,
    MANUAL,
    OUTCOMES,
    PLAN_ENTITY,
    PLANNED,
    PROOF_MANUAL,
    VISIT_ENTITY,
    FollowCall,
    FollowPlan,
    Interview,
    PatrolVisit,
)

MAX_HORIZON_H = 14 * 24.0
TIMELINE_GROUP = "history"


def _defaults(ctx: Context) -> PlanDefaults:
    if ctx.follow_up_defaults is None:
        raise Refused("not_configured", "the follow-up plan defaults are not loaded")
    return ctx.follow_up_defaults


def _plan(cmd: Mapping[str, Any], ctx: Context) -> FollowPlan:
    plan_id = text_field(cmd, "plan_id", limit=120)
    plan = ctx.record(PLAN_ENTITY, plan_id)
    if plan is None:
        raise Refused("not_found", f"follow-up plan {plan_id} does not exist")
    return plan


def _visit(cmd: Mapping[str, Any], ctx: Context) -> PatrolVisit:
    visit_id = text_field(cmd, "visit_id", limit=120)
    visit = ctx.record(VISIT_ENTITY, visit_id)
    if visit is None:
        raise Refused("not_found", f"patrol visit {visit_id} does not exist")
    return visit


def timeline_entry(ctx: Context, case_id: str, kind: str, at: float, **data: Any) -> CaseTimelineEntry:
    """Her case's timeline entry for a follow-up contact (ids and times, never notes)."""
    return CaseTimelineEntry(id=ctx.new_id(), case_id=case_id, at=at, kind=kind, actor=ctx.actor,
                             group=TIMELINE_GROUP, data=data)


def _set_follow_plan(cmd: Mapping[str, Any], incidents, units, ctx: Context) -> Decision:
    plan_id = text_field(cmd, "id", limit=120)
    case_id = text_field(cmd, "case_id", limit=120)
    order = text_field(cmd, "order_number", limit=120)
    case = ctx.case(case_id)
    if case is None:
        raise Refused("not_found", f"case {case_id} does not exist")
    if not any(o.number == order for o in case.orders):
        raise Refused("unknown_order", f"case {case_id} has no protection order {order}")
    before: FollowPlan | None = ctx.record(PLAN_ENTITY, plan_id)
    if before is not None and (before.case_id, before.order_number) != (case_id, order):
        raise Refused("exists", f"plan {plan_id} belongs to order {before.order_number} of case "
                                f"{before.case_id}")
    places = cmd.get("places", [])
    if not isinstance(places, list) or not all(isinstance(p, str) for p in places):
        raise Refused("bad_command", "field 'places' must be a list of address kinds (work, school)")
    reason = text_field(cmd, "reason", required=False, limit=500)
    home = next((a for a in case.addresses if a.kind.value == "home" and a.has_point), None)
    cuadrante = ctx.locate(home.lat, home.lon) if home is not None else None
    plan = default_plan(case, order, _defaults(ctx), plan_id=plan_id, now=ctx.now, set_by=ctx.actor,
                        places_asked=places, sector=cuadrante.sector if cuadrante else "",
                        reason=reason)
    given = [cmd.get(k) for k in ("visit_every_h", "call_every_h", "interview_every_days")]
    if any(v is not None for v in given):
        base = before or plan
        values = [v if v is not None else getattr(base, k) for v, k in
                  zip(given, ("visit_every_h", "call_every_h", "interview_every_days"), strict=True)]
        plan = with_intervals(plan, *values, by=ctx.actor, reason=reason, now=ctx.now)
    elif before is not None:
        if not reason:
            raise Refused("reason_required", "a change to her follow-up plan needs a reason")
        plan = plan.evolve(visit_every_h=before.visit_every_h, call_every_h=before.call_every_h,
                           interview_every_days=before.interview_every_days)
    radius, dwell = cmd.get("radius_m"), cmd.get("dwell_s")
    plan = plan.evolve(radius_m=check_radius(radius) if radius is not None else
                       (before.radius_m if before else 0.0),
                       dwell_s=check_dwell(dwell) if dwell is not None else
                       (before.dwell_s if before else 0.0))
    active = cmd.get("active", True)
    if not isinstance(active, bool):
        raise Refused("bad_command", "field 'active' must be true or false")
    return Decision(True, records=[plan.evolve(active=active)])


def _plan_visits(cmd: Mapping[str, Any], incidents, units, ctx: Context) -> Decision:
    plan = _plan(cmd, ctx)
    if not plan.active:
        raise Refused("plan_inactive", f"plan {plan.id} is no longer active")
    given = number(cmd, "horizon_h")
    horizon_h = 24.0 if given is None else given
    if not 0 < horizon_h <= MAX_HORIZON_H:
        raise Refused("bad_command", f"horizon_h must be within 0–{MAX_HORIZON_H:g} hours")
    proof = _defaults(ctx).proof
    existing = list(ctx.visits_of_plan(plan.id))
    every = plan.visit_every_h * HOUR_S
    wanted = [p for p in schedule(plan, existing, ctx.now, horizon_h * HOUR_S)
              if not any(v.status == PLANNED and (v.lat, v.lon) == (p.place.lat, p.place.lon)
                         and abs(v.due_at - p.due_at) < every / 2 for v in existing)]
    visits = []
    for planned, unit in assign(wanted, {plan.id: plan}, units.values(), ctx.planned_load()):
        if unit is None:
            raise Refused("no_unit", "no unit is in service to take her visits")
        visits.append(PatrolVisit(
            id=ctx.new_id(), plan_id=plan.id, case_id=plan.case_id, unit_id=unit.id,
            due_at=planned.due_at, place_kind=planned.place.kind, lat=planned.place.lat,
            lon=planned.place.lon, radius_m=plan.radius_m or proof.radius_m,
            dwell_s=plan.dwell_s or proof.dwell_s, updated_at=ctx.now, updated_by=ctx.actor))
    return Decision(True, records=visits, message=f"{len(visits)} visit(s) planned")


def _move_visit(cmd: Mapping[str, Any], incidents, units, ctx: Context) -> Decision:
    visit = _visit(cmd, ctx)
    if visit.status != PLANNED:
        raise Refused("visit_done", f"visit {visit.id} was already made: it cannot be moved")
    unit_id = text_field(cmd, "unit_id", required=False, limit=64) or visit.unit_id
    unit = units.get(unit_id)
    if unit is None:
        raise Refused("not_found", f"unit {unit_id} does not exist")
    check_unit_in_service(unit)
    due = number(cmd, "due_at")
    if due is not None and due <= 0:
        raise Refused("bad_command", "due_at must be a time (epoch seconds)")
    moved = visit.evolve(unit_id=unit.id, due_at=due if due is not None else visit.due_at,
                         updated_at=ctx.now, updated_by=ctx.actor)
    return Decision(True, records=[moved])


def _record_visit(cmd: Mapping[str, Any], incidents, units, ctx: Context) -> Decision:
    visit = _visit(cmd, ctx)
    if visit.happened:
        raise Refused("visit_done", f"visit {visit.id} is already recorded ({visit.proof})")
    reason = text_field(cmd, "reason", limit=500)  # why there is no GPS proof
    at = number(cmd, "at") or ctx.now
    if at > ctx.now + 300:
        raise Refused("bad_command", "a visit cannot be recorded in the future")
    made = visit.evolve(status=MANUAL, proven_at=at, proof=PROOF_MANUAL, manual_reason=reason,
                        updated_at=ctx.now, updated_by=ctx.actor)
    entry = timeline_entry(ctx, visit.case_id, "patrol_visit", at, visit_id=visit.id,
                           plan_id=visit.plan_id, unit_id=visit.unit_id, due_at=visit.due_at,
                           proven_at=at, proof=PROOF_MANUAL)
    return Decision(True, records=[made, entry])


def _visit_outcome(cmd: Mapping[str, Any], incidents, units, ctx: Context) -> Decision:
    visit = _visit(cmd, ctx)
    outcome = text_field(cmd, "outcome", limit=40)
    if outcome not in OUTCOMES:
        raise Refused("bad_outcome", f"outcome must be one of {', '.join(OUTCOMES)}")
    if not visit.happened:
        raise Refused("visit_not_made", f"visit {visit.id} did not happen (no GPS proof and no "
                                        "record by hand): it has no outcome")
    incident_id = text_field(cmd, "incident_id", required=False, limit=120) or None
    if outcome == "incidente":
        if incident_id is None or incident_id not in incidents:
            raise Refused("incident_required", "an incident found on a visit is recorded with the "
                                               "incident opened for it (incident_id)")
    elif incident_id is not None:
        raise Refused("bad_command", "incident_id goes only with the outcome incidente")
    return Decision(True, records=[visit.evolve(outcome=outcome, incident_id=incident_id,
                                                outcome_by=ctx.actor, updated_at=ctx.now,
                                                updated_by=ctx.actor)])


def _record_interview(cmd: Mapping[str, Any], incidents, units, ctx: Context) -> Decision:
    plan = _plan(cmd, ctx)
    rid = text_field(cmd, "id", limit=120)
    if ctx.record(INTERVIEW_ENTITY, rid) is not None:
        raise Refused("exists", f"interview {rid} is already recorded")
    held_at = number(cmd, "held_at") or ctx.now
    interview = Interview(id=rid, case_id=plan.case_id, plan_id=plan.id, held_at=held_at,
                          place=text_field(cmd, "place", limit=300),
                          who=text_field(cmd, "who", limit=300),
                          notes=text_field(cmd, "notes", required=False, limit=5000),
                          agreements=text_field(cmd, "agreements", required=False, limit=5000),
                          recorded_by=ctx.actor)
    entry = timeline_entry(ctx, plan.case_id, "interview", held_at, interview_id=rid, plan_id=plan.id)
    return Decision(True, records=[interview, entry])


def _record_follow_call(cmd: Mapping[str, Any], incidents, units, ctx: Context) -> Decision:
    plan = _plan(cmd, ctx)
    rid = text_field(cmd, "id", limit=120)
    if ctx.record(CALL_ENTITY, rid) is not None:
        raise Refused("exists", f"follow-up call {rid} is already recorded")
    result = text_field(cmd, "result", limit=20)
    if result not in CALL_RESULTS:
        raise Refused("bad_result", f"result must be one of {', '.join(CALL_RESULTS)}")
    duration = number(cmd, "duration_s") or 0.0
    if duration < 0:
        raise Refused("bad_command", "duration_s must not be negative")
    incident_id = text_field(cmd, "incident_id", required=False, limit=120) or None
    referral_id = text_field(cmd, "referral_id", required=False, limit=120) or None
    if result == "asks_help":
        if incident_id is None and referral_id is None:
            raise Refused("help_not_routed", "she asked for help: give the incident opened for it "
                                             "(incident_id) or the referral to the specialist desk "
                                             "(referral_id)")
        if incident_id is not None and incident_id not in incidents:
            raise Refused("not_found", f"incident {incident_id} does not exist")
        if referral_id is not None and ctx.record("referral", referral_id) is None:
            raise Refused("not_found", f"referral {referral_id} does not exist")
    placed_at = number(cmd, "placed_at") or ctx.now
    call = FollowCall(id=rid, case_id=plan.case_id, plan_id=plan.id, placed_at=placed_at,
                      by=ctx.actor, number=text_field(cmd, "number", required=False, limit=40)
                      or plan.phone, result=result, duration_s=duration,
                      notes=text_field(cmd, "notes", required=False, limit=5000),
                      incident_id=incident_id, referral_id=referral_id)
    entry = timeline_entry(ctx, plan.case_id, "follow_up_call", placed_at, call_id=rid,
                           plan_id=plan.id, result=result, duration_s=duration)
    return Decision(True, records=[call, entry])


HANDLERS: dict[str, Handler] = {
    "set_follow_plan": _set_follow_plan,
    "plan_visits": _plan_visits,
    "move_visit": _move_visit,
    "record_visit": _record_visit,
    "visit_outcome": _visit_outcome,
    "record_interview": _record_interview,
    "record_follow_call": _record_follow_call,
}
