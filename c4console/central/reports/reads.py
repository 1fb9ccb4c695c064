"""What a period report needs from the database, read in one read transaction (one
snapshot: a report never mixes two moments), each table narrowed on its indexed time
column; then the pure report (core/statistics/report.py)."""

from __future__ import annotations

import time
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, select

from c4console.central import schema as t
from c4console.core.banavim.registration import BanavimRegistration
from c4console.core.cases.age import AgeGroups
from c4console.core.cases.records import Case
from c4console.core.catalogue import Catalogue
from c4console.core.device_lifecycle import DeviceLifecycle
from c4console.core.follow_up.records import PLANNED, FollowCall, Interview, PatrolVisit
from c4console.core.models import Device, Incident
from c4console.core.referrals.records import InstitutionReferral
from c4console.core.specialists.records import Intervention
from c4console.core.statistics.period import ReportPeriod
from c4console.core.statistics.report import ReportInputs, period_report
from c4console.core.statistics.tables import PeriodReport
from c4console.resources import load_case_catalogues, load_institutions, load_nt911_targets

# A patrol visit is proven on its way to (or soon after) its due time; visits whose due
# time is further than this from the period are not read (the proof window is hours).
VISIT_SLACK_S = 7 * 86400.0


def _data(conn: Connection, stmt: Any) -> list[dict[str, Any]]:
    return [dict(d) for d in conn.execute(stmt).scalars()]


def _cases(conn: Connection, start: float, attended: set[str]) -> list[dict[str, Any]]:
    """The cases a count of the period can need: those changed since it started (an
    episode of the period was recorded then, so its case's ``updated_at`` is later), those
    attended by an intervention or the follow-up, and the cases they were merged into."""
    c = t.cases.c
    found = {d["id"]: d for d in _data(conn, select(c.data).where(c.updated_at >= start))}
    asked: set[str] = set()
    wanted = attended - found.keys()
    while wanted:
        asked |= wanted
        batch = sorted(wanted)
        for k in range(0, len(batch), 500):
            for d in _data(conn, select(c.data).where(c.id.in_(batch[k:k + 500]))):
                found[d["id"]] = d
        # Each id asked once: one that does not exist is not asked again.
        wanted = {d["merged_into"] for d in found.values() if d.get("merged_into")} - found.keys() - asked
    return list(found.values())


def read_inputs(conn: Connection, period: ReportPeriod, catalogue: Catalogue | None = None
                ) -> ReportInputs:
    """The records of the period on ``conn``: what happened in it, the cases it needs
    (:func:`_cases`), every device lifecycle (the stock is a count of all)."""
    start, end = period.starts_at, period.ends_at
    inc = t.incidents.c
    incidents = [Incident.from_wire(d) for d in _data(conn, select(inc.data).where(
        inc.created_at >= start, inc.created_at < end))]
    iv = t.interventions.c
    interventions = [Intervention.from_wire(d) for d in _data(conn, select(iv.data).where(
        iv.started_at >= start, iv.started_at < end))]
    pv = t.patrol_visits.c
    visits = [PatrolVisit.from_wire(d) for d in _data(conn, select(pv.data).where(
        pv.due_at >= start - VISIT_SLACK_S, pv.due_at < end + VISIT_SLACK_S, pv.status != PLANNED))]
    ih = t.interviews.c
    interviews = [Interview.from_wire(d) for d in _data(conn, select(ih.data).where(
        ih.held_at >= start, ih.held_at < end))]
    fc = t.follow_calls.c
    calls = [FollowCall.from_wire(d) for d in _data(conn, select(fc.data).where(
        fc.placed_at >= start, fc.placed_at < end))]
    ir = t.institution_referrals.c
    referrals = [InstitutionReferral.from_wire(d) for d in _data(conn, select(ir.data).where(
        ir.created_at >= start, ir.created_at < end))]
    br = t.banavim_registrations.c
    banavim = [BanavimRegistration.from_wire(d) for d in _data(conn, select(br.data))]
    attended = {r.case_id for r in (*interventions, *visits, *interviews, *calls)}
    cases = [Case.from_wire(d) for d in _cases(conn, start, attended)]
    lifecycles = [DeviceLifecycle.from_wire(d) for d in _data(conn, select(t.device_lifecycles.c.data))]
    devices = [Device.from_wire(d) for d in _data(conn, select(t.devices.c.data).where(
        t.devices.c.kind == "panic"))]
    type_names = {code: ty.name for code, ty in catalogue.types.items()} if catalogue else {}
    institutions = {i.id: i.name for i in load_institutions()}
    return ReportInputs(incidents, cases, interventions, visits, interviews, calls, referrals,
                        banavim, lifecycles, devices, type_names, institutions)


def read_snapshot(engine: Engine, period: ReportPeriod, catalogue: Catalogue | None = None
                  ) -> ReportInputs:
    """:func:`read_inputs` in one read transaction: REPEATABLE READ on PostgreSQL, an
    explicit deferred transaction on SQLite (the driver would not open one for reads)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="REPEATABLE READ",
                                                postgresql_readonly=True) as conn, conn.begin():
            return read_inputs(conn, period, catalogue)
    with engine.connect() as conn:
        conn.exec_driver_sql("BEGIN")
        try:
            return read_inputs(conn, period, catalogue)
        finally:
            conn.rollback()


@cache
def _age_groups() -> AgeGroups:
    return load_case_catalogues().age_groups


def build_report(engine: Engine, period: ReportPeriod, catalogue: Catalogue | None = None,
                 *, now: float | None = None) -> PeriodReport:
    """The period report from the database (run on a reader thread)."""
    inputs = read_snapshot(engine, period, catalogue)
    return period_report(inputs, period, ages=_age_groups(),
                         targets=load_nt911_targets(),
                         generated_at=time.time() if now is None else now)
