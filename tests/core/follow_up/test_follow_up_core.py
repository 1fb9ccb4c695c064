"""The follow-up's pure rules: the plan table, her default plan by risk level, the
schedule, assignment to units, the GPS proof detector (a stay proves, a drive-by or a
silent unit does not), the overdue list's order and the month's counts."""

from __future__ import annotations

import pytest

from c4console.core.cases.records import Address, Case, PersonProfile, ProtectionOrder, RiskAssessment
from c4console.core.cases.vocabulary import AddressKind, RiskLevel
from c4console.core.catalogue import CatalogueError
from c4console.core.enums import UnitStatus
from c4console.core.follow_up.defaults import PlanDefaults, check_radius
from c4console.core.follow_up.planning import assign, default_plan, schedule, with_intervals
from c4console.core.follow_up.proof import VisitProof
from c4console.core.follow_up.records import FollowCall, FollowPlan, Interview, PatrolVisit
from c4console.core.follow_up.reports import month_counts, overdue
from c4console.core.models import Unit
from c4console.core.refused import Refused
from c4console.resources import RESOURCES

H = 3600.0
HOME = (32.6245, -115.4523)
NEAR = (32.6249, -115.4521)  # ≈ 50 m
FAR = (32.6245, -115.4400)


def _defaults() -> PlanDefaults:
    return PlanDefaults.parse((RESOURCES / "follow_up" / "plan_defaults.toml").read_text())


def _case(level: str | None) -> Case:
    assessments = (RiskAssessment("r1", {}, RiskLevel(level), 30, "sup", 1.0),) if level else ()
    return Case(id="c1", person=PersonProfile("María"), created_at=0.0, phones=("6861234567",),
                addresses=(Address(AddressKind.HOME, "Calle Uno 12", "", *HOME),
                           Address(AddressKind.WORK, "Fábrica", "", 32.63, -115.46)),
                orders=(ProtectionOrder("OP-1", "Juzgado 3"),), risk_assessments=assessments)


def _visit(vid: str = "v1", unit: str = "P09", due: float = 1000.0, **kw) -> PatrolVisit:
    return PatrolVisit(id=vid, plan_id="p1", case_id="c1", unit_id=unit, due_at=due,
                       lat=HOME[0], lon=HOME[1], **kw)


def test_plan_table_by_risk_level_and_refusals():
    d = _defaults()
    extremo = default_plan(_case("extremo"), "OP-1", d, plan_id="p1", now=0, set_by="sup")
    assert (extremo.visit_every_h, extremo.call_every_h) == (8, 24)
    bajo = default_plan(_case("bajo"), "OP-1", d, plan_id="p1", now=0, set_by="sup",
                        places_asked=["work"])
    assert bajo.visit_every_h == 168 and [p.kind for p in bajo.places] == ["home", "work"]
    assert default_plan(_case(None), "OP-1", d, plan_id="p1", now=0, set_by="s").risk_level == "no_apreciado"
    with pytest.raises(Refused, match="more than zero"):
        with_intervals(extremo, 0, 24, 7, by="sup", reason="x", now=1)
    with pytest.raises(Refused, match="reason"):
        with_intervals(extremo, 4, 24, 7, by="sup", reason=" ", now=1)
    for bad in (19.9, 1000.1, float("nan"), True):
        with pytest.raises(Refused, match="20–1000 m"):
            check_radius(bad)
    with pytest.raises(CatalogueError, match="radius"):
        PlanDefaults.parse((RESOURCES / "follow_up" / "plan_defaults.toml").read_text()
                           .replace("radius_m = 100", "radius_m = 5"))
    with pytest.raises(CatalogueError, match="more than zero"):
        PlanDefaults.parse((RESOURCES / "follow_up" / "plan_defaults.toml").read_text()
                           .replace("visit_every_h = 8", "visit_every_h = -8"))


def test_schedule_and_assignment():
    plan = default_plan(_case("extremo"), "OP-1", _defaults(), plan_id="p1", now=0, set_by="s",
                        sector="S3")
    due = [p.due_at for p in schedule(plan, [], 0.0, 24 * H)]
    assert due == [0.0, 8 * H, 16 * H, 24 * H]
    made = _visit(status="proven", proven_at=5 * H, proof="gps")
    assert [p.due_at for p in schedule(plan, [made], 6 * H, 10 * H)] == [13 * H]
    units = [Unit("G1", "G-1", UnitStatus.AVAILABLE, "S3"),
             Unit("F1", "FR-1", UnitStatus.OUT_OF_SERVICE, "S3", kind="fuerza_rosa"),
             Unit("F2", "FR-2", UnitStatus.AVAILABLE, "S1", kind="fuerza_rosa"),
             Unit("F3", "FR-3", UnitStatus.EN_ROUTE, "S3", kind="fuerza_rosa")]
    planned = schedule(plan, [], 0.0, 8 * H)
    assert [u.id for _, u in assign(planned, {"p1": plan}, units)] == ["F3", "F3"]
    without = [u for u in units if u.id != "F3"]
    assert [u.id for _, u in assign(planned, {"p1": plan}, without)] == ["F2", "F2"]
    assert assign(planned, {"p1": plan}, [units[1]]) == [(planned[0], None), (planned[1], None)]
    # The visits a unit already has count: a second Fuerza Rosa unit of her sector with none
    # planned takes hers before the one that has three (not only within one planning).
    f4 = Unit("F4", "FR-4", UnitStatus.AVAILABLE, "S3", kind="fuerza_rosa")
    assert [u.id for _, u in assign(planned, {"p1": plan}, [units[3], f4], {"F3": 3})] == [
        "F4", "F4"]
    assert [u.id for _, u in assign(planned, {"p1": plan}, [units[3], f4], {"F3": 0, "F4": 1})
            ] == ["F3", "F3"]


def test_a_stay_proves_a_visit_a_drive_by_does_not():
    proof = VisitProof()
    proof.put(_visit())
    # Drive-by: 20 s inside.
    assert [proof.feed("P09", *p, t) for t, p in ((0, FAR), (10, NEAR), (30, NEAR), (40, FAR))] == [[]] * 4
    # Another unit staying there proves nothing: the visit is P09's.
    assert [proof.feed("P07", *NEAR, t) for t in range(0, 300, 10)] == [[]] * 30
    # An older fix is ignored; then a stay of 120 s proves it, once.
    assert proof.feed("P09", *NEAR, 35) == []
    out = [proof.feed("P09", *NEAR, t) for t in range(100, 260, 10)]
    proven = [p for batch in out for p in batch]
    assert len(proven) == 1 and (proven[0].proven_at, proven[0].arrived_at) == (220, 100)
    assert len(proof) == 0


def test_silence_and_early_fixes_restart_the_stay():
    proof = VisitProof()
    proof.put(_visit(due=10 * H))
    assert proof.feed("P09", *NEAR, 1000) == [] and proof.feed("P09", *NEAR, 1200) == []  # too early
    t = 10 * H
    assert proof.feed("P09", *NEAR, t) == [] and proof.feed("P09", *NEAR, t + 500) == []  # silent
    assert [p.visit_id for p in proof.feed("P09", *NEAR, t + 620)] == ["v1"]
    # A visit moved to another unit: the old unit no longer proves it.
    proof.put(_visit("v2", due=t))
    proof.put(_visit("v2", unit="P07", due=t, updated_at=1.0))
    assert proof.feed("P09", *NEAR, t + 700) == [] and proof.feed("P09", *NEAR, t + 900) == []
    assert proof.watched_of("P07") == ["v2"]


def test_one_stay_proves_one_visit_at_a_place():
    proof = VisitProof()
    day = 24 * H
    proof.put(_visit("yesterday", due=day))  # missed yesterday
    proof.put(_visit("today", due=2 * day))
    t = 2 * day
    out = [p for s in range(0, 300, 10) for p in proof.feed("P09", *NEAR, t + s)]
    assert [p.visit_id for p in out] == ["today"]  # the one due nearest the stay, once
    assert proof.watched_of("P09") == ["yesterday"]
    # The unit leaves and comes back: that second stay proves the other one.
    assert proof.feed("P09", *FAR, t + 400) == []
    out = [p for s in range(500, 700, 10) for p in proof.feed("P09", *NEAR, t + s)]
    assert [p.visit_id for p in out] == ["yesterday"]
    # Two women at the same place (one building): one stay visits both.
    proof.put(_visit("hers", due=3 * day))
    proof.put(PatrolVisit(id="neighbour", plan_id="p2", case_id="c2", unit_id="P09",
                          due_at=3 * day, lat=HOME[0], lon=HOME[1]))
    t = 3 * day
    out = [p for s in range(0, 300, 10) for p in proof.feed("P09", *NEAR, t + s)]
    assert sorted(p.visit_id for p in out) == ["hers", "neighbour"]


def test_overdue_highest_risk_first_and_month_counts():
    plans = [FollowPlan("low", "c1", "OP-1", visit_every_h=168, call_every_h=168,
                        interview_every_days=60, risk_level="bajo", set_at=0.0),
             FollowPlan("high", "c2", "OP-2", visit_every_h=8, call_every_h=24,
                        interview_every_days=7, risk_level="extremo", set_at=0.0)]
    visits = [_visit("v-low", due=0.0).evolve(plan_id="low"),
              _visit("v-high", due=0.0).evolve(plan_id="high"),
              _visit("v-soon", due=20 * H).evolve(plan_id="high")]
    calls = [FollowCall("k1", "c2", "high", 10 * H, "op", "686", "not_reached")]
    late = overdue(plans, visits, calls, 200 * H)
    # Her extremo plan's late visits and call first (the longest late first), then bajo's.
    assert [(o.kind, o.plan_id, o.visit_id) for o in late][:3] == [
        ("visit", "high", "v-high"), ("visit", "high", "v-soon"), ("call", "high", "")]
    assert late[-1].plan_id == "low" and ("call", "low") in [(o.kind, o.plan_id) for o in late]
    reached = [*calls, FollowCall("k2", "c2", "high", 199 * H, "op", "686", "reached")]
    assert ("call", "high") not in [(o.kind, o.plan_id) for o in overdue(plans, visits, reached, 200 * H)]
    done = [_visit("a", status="proven", proven_at=10.0, proof="gps"),
            _visit("b", status="manual", proven_at=20.0, proof="manual", manual_reason="GPS sin señal"),
            _visit("c", status="proven", proven_at=99_999.0, proof="gps"), _visit("d")]
    interviews = [Interview("i1", "c1", "p1", 15.0, "domicilio", "Oficial R.")]
    counts = month_counts(done, interviews, reached, 0.0, 1000 * H).to_wire()
    assert counts == {"visits": 3, "visits_gps": 2, "visits_manual": 1, "interviews": 1,
                      "calls": 2, "calls_reached": 1}
