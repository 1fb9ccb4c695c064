"""What a period report needs from the database, read in one read transaction (one
snapshot: a report never mixes two moments), each table narrowed on its indexed time
column; then the pure report (core/statistics/report.py)."""

from __future__ import annotations

import time
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, Select, select

from c4console.central import schema as t
from c4console.core.banavim.registration import BanavimRegistration
from c4console.core.cases.age import AgeGroups
from c4console.core.cases.records import Case, Episode, PersonProfile
from c4console.core.cases.vocabulary import Sex
from c4console.core.catalogue import Catalogue
from c4console.core.device_lifecycle import DeviceLifecycle
from c4console.core.enums import Channel, IncidentStatus, Priority
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


def _f(value: Any) -> float | None:
    return None if value is None else float(value)


# The report reads only the fields it counts, extracted by the database from each JSON
# snapshot (json_extract on SQLite, ->> on PostgreSQL): a month of a large C4 is tens of
# thousands of records, and parsing each whole snapshot in Python was most of the
# report's time. It never reads her notes, narratives or names.

def created_in(stmt: Select[Any], start: float, end: float) -> Select[Any]:
    """``stmt`` narrowed to incidents created in [start, end): the range the index
    ``ix_incidents_created_at`` (migration 0020) serves."""
    c = t.incidents.c
    return stmt.where(c.created_at >= start, c.created_at < end)


def _incidents(conn: Connection, start: float, end: float) -> list[Incident]:
    c = t.incidents.c
    d = c.data
    stmt = created_in(select(c.id, c.status, c.created_at, d["type_code"].as_string(),
                             d["priority"].as_string(), d["channel"].as_string(),
                             d["test"].as_boolean(), d["acknowledged_at"].as_float(),
                             d["dispatched_at"].as_float(), d["on_scene_at"].as_float()),
                      start, end)
    return [Incident(iid, "", type_code or "", Priority(prio), Channel(channel),
                     IncidentStatus(status), float(created), test=bool(test),
                     acknowledged_at=_f(ack), dispatched_at=_f(disp), on_scene_at=_f(scene))
            for iid, status, created, type_code, prio, channel, test, ack, disp, scene
            in conn.execute(stmt)]


def _case(cid: str, sex: str | None, born: str | None, merged: str | None,
          episodes: list[dict[str, Any]] | None) -> Case:
    return Case(cid, PersonProfile("", Sex(sex or ""), born or ""), 0.0,
                episodes=tuple(Episode(str(e["incident_id"]), float(e["occurred_at"]))
                               for e in episodes or ()), merged_into=merged)


def _cases(conn: Connection, start: float, attended: set[str]) -> list[Case]:
    """The cases a count of the period can need: those changed since it started (an
    episode of the period was recorded then, so its case's ``updated_at`` is later), those
    attended by an intervention or the follow-up, and the cases they were merged into;
    of each only what the count reads (sex, date of birth, episodes' times, merge)."""
    c = t.cases.c
    fields = select(c.id, c.data[("person", "sex")].as_string(),
                    c.data[("person", "date_of_birth")].as_string(),
                    c.data["merged_into"].as_string(), c.data["episodes"])
    found = {row[0]: _case(*row) for row in conn.execute(fields.where(c.updated_at >= start))}
    asked: set[str] = set()
    wanted = attended - found.keys()
    while wanted:
        asked |= wanted
        batch = sorted(wanted)
        for k in range(0, len(batch), 500):
            for row in conn.execute(fields.where(c.id.in_(batch[k:k + 500]))):
                found[row[0]] = _case(*row)
        # Each id asked once: one that does not exist is not asked again.
        wanted = {x.merged_into for x in found.values() if x.merged_into} - found.keys() - asked
    return list(found.values())


def _interventions(conn: Connection, start: float, end: float) -> list[Intervention]:
    c = t.interventions.c
    stmt = select(c.id, c.case_id, c.kind, c.data["channel"].as_string(),
                  c.data["timing"].as_string(), c.started_at).where(
        c.started_at >= start, c.started_at < end)
    return [Intervention(iid, case_id, kind, channel or "", timing or "", float(started), 0.0,
                         0.0, "", 0.0) for iid, case_id, kind, channel, timing, started
            in conn.execute(stmt)]


def _visits(conn: Connection, start: float, end: float) -> list[PatrolVisit]:
    c = t.patrol_visits.c
    stmt = select(c.id, c.plan_id, c.case_id, c.unit_id, c.due_at, c.status,
                  c.data["proven_at"].as_float(), c.data["proof"].as_string()).where(
        c.due_at >= start - VISIT_SLACK_S, c.due_at < end + VISIT_SLACK_S, c.status != PLANNED)
    return [PatrolVisit(vid, plan_id or "", case_id or "", unit_id, float(due), status=status,
                        proven_at=_f(proven), proof=proof or "")
            for vid, plan_id, case_id, unit_id, due, status, proven, proof in conn.execute(stmt)]


def read_inputs(conn: Connection, period: ReportPeriod, catalogue: Catalogue | None = None
                ) -> ReportInputs:
    """The records of the period on ``conn``: what happened in it, the cases it needs
    (:func:`_cases`), every device lifecycle (the stock is a count of all)."""
    start, end = period.starts_at, period.ends_at
    incidents = _incidents(conn, start, end)
    interventions = _interventions(conn, start, end)
    visits = _visits(conn, start, end)
    ih = t.interviews.c
    interviews = [Interview(iid, case_id or "", "", float(held), "", "") for iid, case_id, held
                  in conn.execute(select(ih.id, ih.case_id, ih.held_at).where(
                      ih.held_at >= start, ih.held_at < end))]
    fc = t.follow_calls.c
    calls = [FollowCall(cid, case_id or "", plan_id or "", float(placed), "", "", result or "")
             for cid, case_id, plan_id, placed, result in conn.execute(select(
                 fc.id, fc.case_id, fc.plan_id, fc.placed_at, fc.data["result"].as_string()).where(
                 fc.placed_at >= start, fc.placed_at < end))]
    ir = t.institution_referrals.c
    referrals = [InstitutionReferral.from_wire(d) for d in _data(conn, select(ir.data).where(
        ir.created_at >= start, ir.created_at < end))]
    br = t.banavim_registrations.c
    banavim = [BanavimRegistration.from_wire(d) for d in _data(conn, select(br.data))]
    attended = {r.case_id for r in (*interventions, *visits, *interviews, *calls)}
    cases = _cases(conn, start, attended)
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
