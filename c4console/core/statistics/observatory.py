"""The observatory (issue 14, pure): where and when incidents happen — counts per
cuadrante and colonia (the choropleth), heat points on a grid of about 100 m (never an
exact address), counts by hour of day × day of week and by month in the C4's time zone,
and the colonias ranked by incidence with their sector (where the WhatsApp QR posters
should go).

Every aggregate is a sum of counts, so the inputs may be one row per incident
(:func:`observatory`, the tests and small sets) or rows the database already grouped
(:func:`assemble`, c4console/central/reports/observatory_reads.py): a place with a
count, a rounded point with a count, an hour with a count."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from c4console.core.cases.grid import CELL_DEG, cell_of
from c4console.core.geo import Jurisdiction
from c4console.core.statistics.observatory_filter import ObservatoryFilter

# Heat points are the centres of the stored grid cells (core/cases/grid.py, 0.001°:
# 111 m of latitude, about 94 m of longitude at Mexicali) — a block, never her door.
HEAT_DECIMALS = 4  # a cell centre (i + 0.5) × 0.001° written exactly
WEEKDAYS_ES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """What the observatory reads of one incident: when, how it came, its type, the
    current risk level of her case (None: no case or never assessed), where."""

    created_at: float
    channel: str
    type_code: str
    risk: str | None = None
    lat: float | None = None
    lon: float | None = None
    cuadrante: str = ""


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """``count`` incidents filed in ``cuadrante``; with no cuadrante, at (lat, lon)."""

    cuadrante: str
    lat: float | None
    lon: float | None
    count: int


@dataclass(frozen=True, slots=True)
class Observatory:
    """The observatory's answer (JSON shape in docs/protocol.md)."""

    filter: ObservatoryFilter
    cuadrantes: tuple[dict[str, Any], ...]   # {cuadrante, sector, colonia, count}
    colonias: tuple[dict[str, Any], ...]     # {colonia, sector, count, rank}, rank order
    heat: tuple[tuple[float, float, int], ...]
    hour_weekday: tuple[tuple[int, ...], ...]  # 7 rows (Monday first) × 24 hours
    months: tuple[dict[str, Any], ...]       # {month: "YYYY-MM", count}
    total: int
    unplaced: int  # counted in total, but with no cuadrante and no point inside one

    def to_wire(self) -> dict[str, Any]:
        """The JSON answer of ``GET /observatory``."""
        p = self.filter.period
        return {"period": {"from": p.first.isoformat(), "to": p.last.isoformat(), "tz": p.tz},
                "filters": self.filter.to_wire(),
                "cuadrantes": [dict(c) for c in self.cuadrantes],
                "colonias": [dict(c) for c in self.colonias],
                "heat": [list(h) for h in self.heat],
                "hour_weekday": [list(r) for r in self.hour_weekday],
                "months": [dict(m) for m in self.months],
                "total": self.total, "unplaced": self.unplaced}


def place_counts(places: Iterable[PlaceCount], jurisdiction: Jurisdiction) -> tuple[Counter[str], int]:
    """Incidents per cuadrante code, and how many could not be placed. An incident keeps
    the cuadrante it was filed in; one with only a point is placed by the jurisdiction's
    own point-in-polygon (:meth:`Jurisdiction.locate`)."""
    counts: Counter[str] = Counter()
    unplaced = 0
    for p in places:
        code = p.cuadrante
        if not code and p.lat is not None and p.lon is not None:
            found = jurisdiction.locate(p.lat, p.lon)
            code = found.cuadrante if found else ""
        if code:
            counts[code] += p.count
        else:
            unplaced += p.count
    return counts, unplaced


def cuadrante_rows(counts: Counter[str], jurisdiction: Jurisdiction) -> tuple[dict[str, Any], ...]:
    """Every cuadrante of the jurisdiction (zeros included: the choropleth colours them
    all), then any code seen that the jurisdiction does not have; by code."""
    known = {c.cuadrante: c for c in jurisdiction.cuadrantes}
    codes = sorted(set(known) | set(counts))
    return tuple({"cuadrante": code, "sector": known[code].sector if code in known else "",
                  "colonia": known[code].colonia if code in known else "",
                  "count": counts.get(code, 0)} for code in codes)


def colonia_ranking(cuadrantes: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """Colonias with incidents, most first (then by name), ranked 1, 2, 2, 4… (equal
    counts share a rank). A colonia's sector is the one where most of its incidents
    fell (the poster goes to that sector)."""
    by_colonia: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cuadrantes:
        if c["count"] and c["colonia"]:
            by_colonia[c["colonia"]][c["sector"]] += c["count"]
    rows = sorted(((sum(s.values()), name, min(s, key=lambda k: (-s[k], k)))
                   for name, s in by_colonia.items()), key=lambda r: (-r[0], r[1]))
    out: list[dict[str, Any]] = []
    for n, (count, name, sector) in enumerate(rows):
        rank = out[-1]["rank"] if out and out[-1]["count"] == count else n + 1
        out.append({"colonia": name, "sector": sector, "count": count, "rank": rank})
    return tuple(out)


def heat_points(points: Iterable[tuple[float, float, int]]) -> tuple[tuple[float, float, int], ...]:
    """Each point moved to the centre of its grid cell, merged, weight = incidents there."""
    cells: Counter[tuple[int, int]] = Counter()
    for lat, lon, count in points:
        cells[cell_of(lat, lon)] += count
    return tuple((round((i + 0.5) * CELL_DEG, HEAT_DECIMALS),
                  round((j + 0.5) * CELL_DEG, HEAT_DECIMALS), n)
                 for (i, j), n in sorted(cells.items()))


def hour_weekday(times: Iterable[tuple[float, int]], tz: str) -> tuple[tuple[int, ...], ...]:
    """Counts by day of week (rows, Monday first) × hour of day (columns), C4 time."""
    zone = ZoneInfo(tz)
    grid = [[0] * 24 for _ in range(7)]
    for at, count in times:
        local = datetime.fromtimestamp(at, zone)
        grid[local.weekday()][local.hour] += count
    return tuple(tuple(r) for r in grid)


def month_counts(times: Iterable[tuple[float, int]], flt: ObservatoryFilter) -> tuple[dict[str, Any], ...]:
    """Every month the period touches (zeros included), with its incidents, C4 time."""
    p = flt.period
    counts: Counter[tuple[int, int]] = Counter()
    for at, count in times:  # one per hour of a year: (year, month), formatted once below
        local = p.day_of(at)
        counts[(local.year, local.month)] += count
    out, day = [], date(p.first.year, p.first.month, 1)
    while day <= p.last:
        out.append({"month": day.strftime("%Y-%m"), "count": counts.get((day.year, day.month), 0)})
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return tuple(out)


def assemble(flt: ObservatoryFilter, jurisdiction: Jurisdiction, places: Iterable[PlaceCount],
             points: Iterable[tuple[float, float, int]],
             times: Iterable[tuple[float, int]]) -> Observatory:
    """The observatory from counts already filtered by ``flt``: ``places`` (where each
    was filed), ``points`` (where each was, for the heat), ``times`` (when; an instant
    may stand for its whole hour when the zone's offsets are whole hours)."""
    times = list(times)
    counts, unplaced = place_counts(places, jurisdiction)
    cuadrantes = cuadrante_rows(counts, jurisdiction)
    return Observatory(flt, cuadrantes, colonia_ranking(cuadrantes), heat_points(points),
                       hour_weekday(times, flt.period.tz), month_counts(times, flt),
                       sum(n for _, n in times), unplaced)


def observatory(rows: Iterable[IncidentRow], flt: ObservatoryFilter,
                jurisdiction: Jurisdiction) -> Observatory:
    """The observatory of the incidents ``flt`` admits, one row per incident."""
    kept = [r for r in rows if flt.admits(r.created_at, r.type_code, r.channel, r.risk)]
    return assemble(flt, jurisdiction,
                    (PlaceCount(r.cuadrante, r.lat, r.lon, 1) for r in kept),
                    ((r.lat, r.lon, 1) for r in kept if r.lat is not None and r.lon is not None),
                    ((r.created_at, 1) for r in kept))
