"""The observatory's pure parts with exact numbers: counts per cuadrante and colonia (a
colonia spread over two cuadrantes of two sectors), the ranking with shared ranks,
incidents placed by their point when filed without a cuadrante, heat points on the
~110 m grid (never the exact point), hour × weekday and months in C4 time (not UTC),
each filter, and the refusals."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from c4console.core.geo import Jurisdiction
from c4console.core.statistics.observatory import IncidentRow, heat_points, observatory
from c4console.core.statistics.observatory_filter import observatory_filter
from c4console.core.statistics.period import ReportRefused

TZ = "America/Tijuana"
KNOWN = ("30502", "30503", "30702")


def _square(sector: str, cuadrante: str, colonia: str, south: float, west: float) -> dict:
    ring = [[west, south], [west + 0.01, south], [west + 0.01, south + 0.01],
            [west, south + 0.01], [west, south]]
    return {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": {"sector": sector, "cuadrante": cuadrante, "colonia": colonia}}


# Q1 (sector A) and Q2 (sector B) are both colonia Alfa; Q3 (sector B) is Beta; Q4 empty.
JURISDICTION = Jurisdiction.from_geojson({"type": "FeatureCollection", "features": [
    _square("A", "A-Q1", "Alfa", 32.60, -115.50), _square("B", "B-Q2", "Alfa", 32.60, -115.49),
    _square("B", "B-Q3", "Beta", 32.61, -115.50), _square("C", "C-Q4", "Gama", 32.61, -115.49)]})
Q1, Q2, Q3 = (32.6052, -115.4951), (32.6049, -115.4849), (32.6155, -115.4951)


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> float:
    """Epoch seconds of a C4 wall-clock time in 2026."""
    return datetime(2026, month, day, hour, minute, tzinfo=ZoneInfo(TZ)).timestamp()


def rows() -> list[IncidentRow]:
    out = []
    # Q1: 4 (2 WhatsApp, 2 calls); Q2: 3; Q3: 2; one with no place; one in April.
    for n, (ch, code) in enumerate((("whatsapp", "30502"), ("whatsapp", "30502"),
                                    ("call_911", "30503"), ("call_911", "30503"))):
        out.append(IncidentRow(at(2 + n, 10), ch, code, "alto" if n == 0 else None, *Q1, "A-Q1"))
    for n in range(3):
        out.append(IncidentRow(at(10 + n, 22), "panic_button", "30502", "medio", *Q2, "B-Q2"))
    # Q3's are filed with no cuadrante: the core places their points.
    out.append(IncidentRow(at(31, 23, 30), "phone", "30702", None, *Q3, ""))
    out.append(IncidentRow(at(20, 8), "phone", "30702", None, 32.6151, -115.4952, ""))
    out.append(IncidentRow(at(15, 12), "walk_in", "30503", None))  # no place at all
    out.append(IncidentRow(at(1, 0, 30, month=4), "whatsapp", "30502", "alto", *Q1, "A-Q1"))
    return out


def test_counts_ranking_heat_hours_and_months_are_exact():
    flt = observatory_filter("2026-03-01", "2026-03-31", TZ, known_types=KNOWN)
    obs = observatory(rows(), flt, JURISDICTION)
    assert obs.total == 10 and obs.unplaced == 1
    assert [(c["cuadrante"], c["sector"], c["colonia"], c["count"]) for c in obs.cuadrantes] == [
        ("A-Q1", "A", "Alfa", 4), ("B-Q2", "B", "Alfa", 3), ("B-Q3", "B", "Beta", 2),
        ("C-Q4", "C", "Gama", 0)]
    # Alfa: 7 over two sectors — its poster goes to A, where 4 of the 7 fell.
    assert [dict(c) for c in obs.colonias] == [
        {"colonia": "Alfa", "sector": "A", "count": 7, "rank": 1},
        {"colonia": "Beta", "sector": "B", "count": 2, "rank": 2}]
    # Heat: the cells' centres, never the points; Q3's two points share one cell.
    assert {(lat, lon): w for lat, lon, w in obs.heat} == {
        (32.6055, -115.4955): 4, (32.6045, -115.4845): 3, (32.6155, -115.4955): 2}
    assert all((lat, lon) not in (Q1, Q2, Q3) for lat, lon, _ in obs.heat)
    grid = obs.hour_weekday
    assert len(grid) == 7 and all(len(r) == 24 for r in grid) and sum(map(sum, grid)) == 10
    # 31 March 23:30 in Mexicali is 1 April 06:30 UTC: counted Tuesday 23 h, in March.
    assert datetime(2026, 3, 31).weekday() == 1 and grid[1][23] == 1
    assert grid[0][10] == 1  # 2 March 2026, a Monday, 10 h
    assert [dict(m) for m in obs.months] == [{"month": "2026-03", "count": 10}]


def test_months_span_the_period_with_zeros_and_the_wire_shape():
    flt = observatory_filter("2026-02-01", "2026-04-30", TZ, known_types=KNOWN)
    wire = observatory(rows(), flt, JURISDICTION).to_wire()
    assert wire["months"] == [{"month": "2026-02", "count": 0}, {"month": "2026-03", "count": 10},
                              {"month": "2026-04", "count": 1}]
    assert wire["period"] == {"from": "2026-02-01", "to": "2026-04-30", "tz": TZ}
    assert wire["total"] == 11 and wire["filters"] == {"types": [], "channels": [], "risks": []}
    assert all(len(h) == 3 for h in wire["heat"])


@pytest.mark.parametrize(("kwargs", "total", "by_cuadrante"), [
    ({"types": "30503"}, 3, {"A-Q1": 2}),
    ({"channels": ["whatsapp", "panic_button"]}, 5, {"A-Q1": 2, "B-Q2": 3}),
    ({"channels": "phone,walk_in"}, 3, {"B-Q3": 2}),
    ({"risks": "alto"}, 1, {"A-Q1": 1}),
    ({"risks": ["alto", "medio"], "types": "30502"}, 4, {"A-Q1": 1, "B-Q2": 3}),
])
def test_each_filter(kwargs, total, by_cuadrante):
    flt = observatory_filter("2026-03-01", "2026-03-31", TZ, known_types=KNOWN, **kwargs)
    obs = observatory(rows(), flt, JURISDICTION)
    assert obs.total == total
    assert {c["cuadrante"]: c["count"] for c in obs.cuadrantes if c["count"]} == by_cuadrante


def test_equal_counts_share_a_rank():
    flt = observatory_filter("2026-03-01", "2026-03-31", TZ, known_types=KNOWN)
    tied = [IncidentRow(at(5, 9), "phone", "30502", None, *Q1, "A-Q1") for _ in range(2)]
    tied += [IncidentRow(at(5, 9), "phone", "30502", None, *Q3, "B-Q3") for _ in range(2)]
    tied += [IncidentRow(at(5, 9), "phone", "30502", None, 32.6151, -115.4851, "C-Q4")]
    ranks = [(c["colonia"], c["rank"]) for c in observatory(tied, flt, JURISDICTION).colonias]
    assert ranks == [("Alfa", 1), ("Beta", 1), ("Gama", 3)]


def test_heat_points_merge_by_cell():
    assert heat_points([(32.60051, -115.49949, 1), (32.60099, -115.49901, 2)]) == (
        (32.6005, -115.4995, 3),)


@pytest.mark.parametrize(("args", "kwargs", "reason", "words"), [
    (("2026-03-31", "2026-03-01"), {}, "bad_period", "before it starts"),
    (("2020-01-01", "2025-06-01"), {}, "bad_period", "over 5 years"),
    (("2026-02-30", "2026-03-01"), {}, "bad_period", "not a date"),
    (("2026-03-01", "2026-03-31"), {"types": "30502,99999"}, "bad_type", "'99999'"),
    (("2026-03-01", "2026-03-31"), {"channels": "fax"}, "bad_channel", "'fax'"),
    (("2026-03-01", "2026-03-31"), {"risks": ["alto", "altisimo"]}, "bad_risk", "'altisimo'"),
])
def test_bad_filters_are_refused_naming_what_was_wrong(args, kwargs, reason, words):
    with pytest.raises(ReportRefused) as e:
        observatory_filter(*args, TZ, known_types=KNOWN, **kwargs)
    assert e.value.reason == reason and words in str(e.value)
