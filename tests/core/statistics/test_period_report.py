"""The period report's pure parts: the period's checks, NT911 times (median, 90th
percentile, share within target, tests left out), referrals by institution and status,
BANAVIM by registration day, device steps of the period, and the empty report."""

from __future__ import annotations

from datetime import date

import pytest

from c4console.core.banavim.registration import BanavimRegistration
from c4console.core.catalogue import CatalogueError
from c4console.core.device_lifecycle import DeviceLifecycle, LifecycleStep
from c4console.core.follow_up.records import FollowCall, Interview, PatrolVisit
from c4console.core.models import Incident
from c4console.core.referrals.records import InstitutionReferral
from c4console.core.statistics import (
    ReportInputs,
    ReportRefused,
    check_format,
    parse_targets,
    period_report,
    report_period,
)
from c4console.core.statistics.period import month_period, previous_month
from c4console.core.statistics.report import percentile
from c4console.resources import load_case_catalogues, load_nt911_targets

TZ = "America/Tijuana"
MARCH = report_period("2026-03-01", "2026-03-31", TZ)


def report(**records):
    return period_report(ReportInputs(**records), MARCH, ages=load_case_catalogues().age_groups,
                         targets=load_nt911_targets(), generated_at=MARCH.ends_at)


def incident(n: int, *, ack: float | None, disp: float | None, scene: float | None,
             test: bool = False, at: float | None = None, channel: str = "panic_button") -> Incident:
    t0 = MARCH.starts_at + 3600 * n if at is None else at
    return Incident.from_wire({
        "id": f"i{n}", "folio": f"F{n}", "type_code": "30503", "priority": "ALTA",
        "channel": channel, "status": "closed", "created_at": t0, "test": test,
        "acknowledged_at": None if ack is None else t0 + ack,
        "dispatched_at": None if disp is None else t0 + disp,
        "on_scene_at": None if scene is None else t0 + scene})


def test_the_period_is_whole_c4_days_and_bad_input_is_refused_clearly():
    assert MARCH.first == date(2026, 3, 1) and MARCH.last == date(2026, 3, 31)
    assert MARCH.ends_at - MARCH.starts_at == 31 * 86400 - 3600  # DST starts 8 March in Tijuana
    assert month_period(2026, 2, TZ).last == date(2026, 2, 28)
    assert previous_month(date(2026, 1, 15), TZ).first == date(2025, 12, 1)
    assert report_period("2026-03-01", "2026-03-01", TZ).ends_at - report_period(
        "2026-03-01", "2026-03-01", TZ).starts_at == 86400
    for first, last, words in (("2026-03-31", "2026-03-01", "before it starts"),
                               ("2021-01-01", "2026-01-01", "over 5 years"),
                               ("1/3/2026", "2026-03-31", "not a date"),
                               ("2026-03-01", "", "not a date")):
        with pytest.raises(ReportRefused) as e:
            report_period(first, last, TZ)
        assert e.value.reason == "bad_period" and words in str(e.value)
    assert report_period("2021-01-02", "2026-01-01", TZ).last == date(2026, 1, 1)  # 5 years exactly
    assert check_format(" PDF ") == "pdf"
    with pytest.raises(ReportRefused) as e:
        check_format("docx")
    assert e.value.reason == "bad_format" and "json, csv, xlsx, pdf" in str(e.value)


def test_targets_are_data_and_bad_files_are_refused():
    assert [(t.code, t.stamp, t.limit_s) for t in load_nt911_targets()] == [
        ("datos", "acknowledged_at", 90), ("unidad", "dispatched_at", 120), ("arribo", "on_scene_at", 600)]
    for text in ("", '[[target]]\ncode="x"\ntitle="x"\nstamp="nunca"\nlimit_s=5',
                 '[[target]]\ncode="x"\ntitle="x"\nstamp="closed_at"\nlimit_s=0'):
        with pytest.raises(CatalogueError):
            parse_targets(text)


def test_nt911_times_median_p90_and_share_within_target_leave_tests_out():
    assert percentile([], 50) is None
    assert percentile([4, 1, 3, 2], 50) == 2 and percentile(list(range(1, 11)), 90) == 9
    incs = [incident(n, ack=10.0 * (n + 1), disp=100.0 + n, scene=None if n >= 5 else 500.0 + 100 * n)
            for n in range(10)]
    incs += [incident(20, ack=1.0, disp=1.0, scene=1.0, test=True),  # a test activation
             incident(21, ack=1.0, disp=1.0, scene=1.0, at=MARCH.ends_at)]  # April: out
    r = report(incidents=incs)
    times = {row[0]: row[1:] for row in r.table("tiempos_nt911").rows}
    # data: 10, 20 … 100 s → median 50, p90 90, 9 of 10 within 90 s.
    assert times["Captura de datos mínimos"] == (10, 50.0, 90.0, 90, 9, 90.0)
    # unit: 100 … 109 s, all within 120 s.
    assert times["Asignación de unidad"] == (10, 104.0, 108.0, 120, 10, 100.0)
    # arrival: 5 measured (500 … 900 s): median 700, p90 900, 2 within 600 s.
    assert times["Arribo de la unidad"] == (5, 700.0, 900.0, 600, 2, 40.0)
    assert r.table("incidentes_canal").value("Botón de pánico") == 10
    assert r.table("incidentes_prioridad").value("Alta") == 10
    assert r.table("dispositivos").value("Activaciones de prueba en el periodo") == 1


def test_referrals_by_institution_and_status_banavim_by_day_device_steps():
    def referral(n: int, inst: str, status: str, at: float) -> InstitutionReferral:
        return InstitutionReferral(f"r{n}", "c1", inst, "motivo", (), "abogada1", at, status=status)

    t = MARCH.starts_at + 86400
    refs = [referral(1, "cjm", "enviada", t), referral(2, "cjm", "atendida", t),
            referral(3, "refugio", "rechazada", t), referral(4, "cjm", "enviada", MARCH.ends_at)]
    r = report(referrals=refs)
    table = r.table("canalizaciones")
    assert table.columns == ("Institución", "Enviada", "Recibida", "Atendida", "Cerrada",
                             "Rechazada", "Total")
    assert table.rows == (("cjm", 1, 0, 1, 0, 0, 2), ("refugio", 0, 0, 0, 0, 1, 1),
                          ("Total", 1, 0, 1, 0, 1, 3))
    regs = [BanavimRegistration("b1", "c1", "s", t, folio="F1", registered_on="2026-03-31"),
            BanavimRegistration("b2", "c2", "s", t, folio="F2", registered_on="2026-04-01"),
            BanavimRegistration("b3", "c3", "s", t)]
    assert report(banavim=regs).table("banavim").value("Expedientes registrados (folio BANAVIM)") == 1
    life = DeviceLifecycle("d1", state="in_use", steps=(
        LifecycleStep("requested", t, "s"), LifecycleStep("approved", t, "s"),
        LifecycleStep("delivered", t + 10, "s"), LifecycleStep("tested", t + 20, "s"),
        LifecycleStep("in_use", t + 30, "s")))
    old = DeviceLifecycle("d2", state="requested", steps=(LifecycleStep("requested", t - 86400 * 40, "s"),))
    devices = report(lifecycles=[life, old]).table("dispositivos")
    assert [row[1] for row in devices.rows] == [1, 1, 0, 1, 1, 2]


def test_an_empty_period_is_a_report_of_zeros():
    r = report()
    assert [t.key for t in r.tables] == [
        "personas", "incidentes_canal", "incidentes_tipo", "incidentes_prioridad", "tiempos_nt911",
        "seguimiento", "intervenciones_tipo", "intervenciones_momento", "intervenciones_medio",
        "canalizaciones", "banavim", "dispositivos"]
    assert r.table("personas").value("Personas únicas atendidas") == 0
    assert r.table("tiempos_nt911").rows[0][1:3] == (0, None)
    assert all(t.source for t in r.tables)


def test_follow_up_visits_with_and_without_gps_proof_and_the_persons_they_attend():
    t = MARCH.starts_at + 86400
    visits = [PatrolVisit("v1", "p1", "c1", "u1", t, status="proven", proven_at=t + 60, proof="gps"),
              PatrolVisit("v2", "p1", "c1", "u1", t, status="manual", proven_at=t + 90, proof="manual"),
              PatrolVisit("v3", "p1", "c1", "u1", t),  # planned, not made
              PatrolVisit("v4", "p1", "c1", "u1", t, status="proven", proven_at=MARCH.ends_at,
                          proof="gps")]  # made in April
    calls = [FollowCall("f1", "c2", "p2", t, "op", "686", "reached"),
             FollowCall("f2", "c3", "p3", t, "op", "686", "not_reached")]
    interviews = [Interview("i1", "c1", "p1", t, "domicilio", "UVI")]
    r = report(visits=visits, calls=calls, interviews=interviews)
    assert [row[1] for row in r.table("seguimiento").rows] == [2, 1, 1, 1, 2, 1]
    # c1 (visits, interview) and c2 (a call that reached her) would be attended, but no
    # case records exist for them here: persons are counted from cases only.
    assert r.table("personas").value("Personas únicas atendidas") == 0
