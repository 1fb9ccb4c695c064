"""The observatory's read (issue 14). Without a type, channel or risk filter it sums the
counts kept ahead of time (central/observatory_rollup.py, migration 0025): the period's
whole years, whole months and remaining days per (cuadrante filed, grid cell), and its
hours — a year is about one row per cell, not one per incident.

Otherwise the database groups the period's incidents by the cuadrante they were filed in
and their grid cell (about 110 m), and by the hour they were created in. Only columns
are read — the creation time, the device, the stored cuadrante and grid cell, from
partial indexes alone (migration 0024: the database counts without reading a row) — and
the snapshot only for a device's test activations (few; their index's predicate is the
flag) and, when filtered, for the type and channel: never a name, an address or a
narrative. The risk filter reads the cases' assessments and the ``incident`` keys that
link an incident to her case, joined in the same statement.

Either way the pure core (core/statistics/observatory.py) assembles the answer from the
grouped counts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    String,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    null,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY

from c4console.central import schema as t
from c4console.central.lookup_columns import TEST_FLAG_SQL
from c4console.central.observatory_rollup import kept_zone
from c4console.core.cases.grid import CELL_DEG
from c4console.core.cases.vocabulary import RiskLevel
from c4console.core.geo import Jurisdiction
from c4console.core.statistics.observatory import (
    Observatory,
    PlaceCount,
    assemble,
)
from c4console.core.statistics.observatory_filter import ObservatoryFilter


def _bucket_seconds(flt: ObservatoryFilter) -> int:
    """Group by the hour when every offset of the zone in the period is whole hours (all
    of Mexico's are): each hour's instants share their local hour, day and month. A zone
    with half-hour offsets is grouped by quarter hour."""
    zone = ZoneInfo(flt.period.tz)
    day = datetime.fromtimestamp(flt.period.starts_at, zone)
    end = datetime.fromtimestamp(flt.period.ends_at, zone)
    while day <= end:
        offset = day.utcoffset() or timedelta(0)
        if offset.total_seconds() % 3600:
            return 900
        day += timedelta(days=30)
    return 3600


def _floor_div(engine_name: str, column: Any, seconds: int) -> Any:
    # PostgreSQL rounds a cast to integer; SQLite truncates (times are positive).
    if engine_name == "postgresql":
        return func.floor(column / seconds)
    return cast(column / seconds, Integer)


def _risk_levels(conn: Connection) -> dict[str, str]:
    """Each case's current risk level (its latest assessment's), a merged case's being
    the level of the case it was merged into."""
    c = t.cases.c
    levels: dict[str, str] = {}
    merged: dict[str, str] = {}
    for cid, assessments, into in conn.execute(select(c.id, c.data["risk_assessments"],
                                                      c.data["merged_into"].as_string())):
        if into:
            merged[cid] = into
        latest = max((a for a in assessments or () if isinstance(a, dict)),
                     key=lambda a: float(a.get("assessed_at") or 0.0), default=None)
        if latest is not None and latest.get("level") in RiskLevel.__members__.values():
            levels[cid] = str(latest["level"])
    for cid, into in merged.items():
        seen = {cid}
        while into in merged and into not in seen:
            seen.add(into)
            into = merged[into]
        if into in levels:
            levels[cid] = levels[into]
    return levels


def _one_list(conn: Connection, values: list[str]) -> Any:
    """``values`` as one bound parameter the database reads as a set of rows: a
    PostgreSQL array, a SQLite JSON array — however many cases, one statement and no
    limit on the number of parameters."""
    if conn.dialect.name == "postgresql":
        return select(func.unnest(cast(bindparam("wanted", values), ARRAY(String))))
    each = func.json_each(bindparam("wanted", json.dumps(values))).table_valued("value")
    return select(each.c.value)


def _incidents_at_risk(conn: Connection, risks: tuple[str, ...]) -> Any:
    """The ids of the incidents linked to a case whose current level is one of ``risks``,
    as a subquery for the grouped read (the database joins them, one scan of the year)."""
    wanted = sorted(cid for cid, level in _risk_levels(conn).items() if level in risks)
    k = t.case_keys.c
    return select(k.key).where(k.kind == "incident", k.case_id.in_(_one_list(conn, wanted)))


def _conditions(flt: ObservatoryFilter, ids: Any) -> list[Any]:
    """The filter's conditions, beside the period: the type, channel and risk."""
    c = t.incidents.c
    where: list[Any] = [c.created_at >= flt.period.starts_at, c.created_at < flt.period.ends_at]
    if flt.types:
        where.append(c.data["type_code"].as_string().in_(flt.types))
    if flt.channels:
        where.append(c.data["channel"].as_string().in_(flt.channels))
    if ids is not None:
        where.append(c.id.in_(ids))
    return where


def _parts(dialect: str) -> tuple[tuple[Any, int], ...]:
    """The period in parts, each with its weight, each read from its own partial index
    alone (migration 0024): the incidents without a device, a device's, less a device's
    test activations at delivery (not incidents; only a device's incident can be one:
    device_test_mode.py) — the flag's term written as that index's predicate is."""
    c = t.incidents.c
    without, with_ = c.device_id.is_(None), c.device_id.is_not(None)
    if dialect == "sqlite":
        # likely(): the embedded central's SQLite has no statistics (no ANALYZE), and
        # without them its planner takes "device_id IS NULL" for a selective term and
        # reads the device_id index — every incident of every year, row by row. Marked
        # likely, the term leaves the choice to the period's range (the partial index
        # still matches: likely() is transparent to it).
        without, with_ = func.likely(without), func.likely(with_)
    return ((without, 1), (with_, 1), (and_(with_, text(TEST_FLAG_SQL[dialect])), -1))


def _cell_centre(cell: str) -> tuple[float, float] | None:
    """The centre of a stored grid cell ("i:j", core/cases/grid.py: about 110 m)."""
    try:
        i, j = (int(x) for x in cell.split(":"))
    except (ValueError, AttributeError):
        return None
    return (i + 0.5) * CELL_DEG, (j + 0.5) * CELL_DEG


def _statement(dialect: str, flt: ObservatoryFilter, ids: Any, bucket_s: int) -> Any:
    """The one grouped read of the period: its parts' rows (cuadrante filed, grid cell,
    hour, weight) together, summed by (cuadrante, cell) — the choropleth and the heat, the
    cell being the stored ~110 m square, never the point — and by hour. A place row has
    no hour; an hour row no cuadrante (an incident always has an hour).

    PostgreSQL groups both at once (grouping sets); SQLite has none: the parts' rows are
    a common table expression, materialized once (it is read twice), grouped twice."""
    c = t.incidents.c
    conditions = _conditions(flt, ids)
    rows = union_all(*(select(func.coalesce(c.cuadrante, "").label("q"), c.cell.label("cell"),
                              _floor_div(dialect, c.created_at, bucket_s).label("h"),
                              literal_column(str(weight)).label("w"))
                       .where(*conditions, part) for part, weight in _parts(dialect)))
    if dialect == "postgresql":
        kept = rows.subquery("kept")
        return select(kept.c.q, kept.c.cell, kept.c.h, func.sum(kept.c.w)).group_by(
            func.grouping_sets(tuple_(kept.c.q, kept.c.cell), tuple_(kept.c.h)))
    kept = rows.cte("kept")
    n = func.sum(kept.c.w)
    return union_all(select(kept.c.q, kept.c.cell, null().label("h"), n)
                     .group_by(kept.c.q, kept.c.cell),
                     select(null(), null(), kept.c.h, n).group_by(kept.c.h))


def observatory_statement(dialect: str, flt: ObservatoryFilter) -> Any:
    """The grouped statement the read of ``flt`` (without its risk filter) runs on
    ``dialect``: what the indexes are chosen for (EXPLAIN, tests/central/test_migration_0024.py)."""
    return _statement(dialect, flt, None, _bucket_seconds(flt))


def _counts(conn: Connection, flt: ObservatoryFilter, ids: Any, bucket_s: int
            ) -> tuple[list[PlaceCount], list[tuple[float, float, int]], list[tuple[float, int]]]:
    """The period's places, heat cells and times, from the incidents' grouped rows."""
    return _summed(conn.execute(_statement(conn.dialect.name, flt, ids, bucket_s)).all(), bucket_s)


def _summed(rows: Iterable[Any], bucket_s: int
            ) -> tuple[list[PlaceCount], list[tuple[float, float, int]], list[tuple[float, int]]]:
    """The period's places, heat cells and times, from grouped rows (cuadrante filed,
    cell, bucket, count): the counts per cuadrante filed, per cell (its centre) and per
    hour are summed here, so the core gets a few dozen places and one entry per cell and
    per hour. A group whose sum is nought held only test activations (or, in the kept
    counts, incidents moved away): it is not there."""
    by_code: Counter[str] = Counter()
    unfiled: Counter[str | None] = Counter()  # no cuadrante on the record: by its cell
    cells: Counter[str] = Counter()
    hours: Counter[float] = Counter()
    for code, cell, hour, count in rows:
        if not count:  # only test activations there: +1 and -1
            continue
        if hour is not None:
            hours[float(hour) * bucket_s] += int(count)
        elif code:
            by_code[code] += int(count)
        else:
            unfiled[cell] += int(count)
        if cell:
            cells[cell] += int(count)
    places = [PlaceCount(code, None, None, count) for code, count in by_code.items()]
    for cell, count in unfiled.items():
        # Its point was outside every cuadrante when it was filed, or came later: the core
        # places its cell's centre, if it has a point.
        centre = _cell_centre(cell) if cell else None
        places.append(PlaceCount("", *(centre or (None, None)), count))
    points = []
    for cell, count in cells.items():
        centre = _cell_centre(cell)
        if centre is not None:
            points.append((*centre, count))
    return places, points, list(hours.items())


def kept_counts_answer(conn: Connection, flt: ObservatoryFilter) -> bool:
    """True if the kept counts (central/observatory_rollup.py) answer ``flt`` exactly:
    no type, channel or risk filter (they are not in the counts' keys), hours whole in
    the zone, the period's bounds its days' local midnights, and the zone's days kept."""
    if flt.types or flt.channels or flt.risks or _bucket_seconds(flt) != 3600:
        return False
    p = flt.period
    zone = ZoneInfo(p.tz)
    bounds = ((p.starts_at, p.first), (p.ends_at, p.last + timedelta(days=1)))
    if any(at % 3600 or datetime.fromtimestamp(at, zone).replace(tzinfo=None)
           != datetime.combine(day, time(0)) for at, day in bounds):
        return False
    return kept_zone(conn) == p.tz


def _spans(first: date, last: date) -> list[tuple[str, int, int]]:
    """The days ``first``..``last`` as the kept counts' periods: whole years, whole
    months, single days — each run of one grain as an integer range (2025..2025,
    202502..202512, 20250101..20250131: every integer in it that is a period is in the
    run)."""
    blocks: list[tuple[str, int]] = []
    day = first
    while day <= last:
        next_month = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        if day.month == 1 and day.day == 1 and date(day.year, 12, 31) <= last:
            blocks.append(("y", day.year))
            day = date(day.year + 1, 1, 1)
        elif day.day == 1 and next_month - timedelta(days=1) <= last:
            blocks.append(("m", day.year * 100 + day.month))
            day = next_month
        else:
            blocks.append(("d", (day.year * 100 + day.month) * 100 + day.day))
            day += timedelta(days=1)
    spans: list[tuple[str, int, int]] = []
    for grain, period in blocks:
        if spans and spans[-1][0] == grain:
            spans[-1] = (grain, spans[-1][1], period)
        else:
            spans.append((grain, period, period))
    return spans


def _kept_rows(conn: Connection, flt: ObservatoryFilter) -> list[Any]:
    """The period's rows from the kept counts, shaped as the grouped read's: (cuadrante,
    cell, None, n) per place summed over the period's years, months and days, and (None,
    None, hour, n) per hour."""
    p, h = t.observatory_places.c, t.observatory_hours.c
    period = flt.period
    spans = _spans(period.first, period.last)
    places = conn.execute(
        select(p.cuadrante, p.cell, null(), func.sum(p.n))
        .where(p.tz == period.tz,
               or_(*(and_(p.grain == g, p.period.between(lo, hi)) for g, lo, hi in spans)))
        .group_by(p.cuadrante, p.cell)).all()
    hours = conn.execute(select(null(), null(), h.hour, h.n).where(
        h.hour >= int(period.starts_at) // 3600, h.hour < int(period.ends_at) // 3600)).all()
    return [(q, cell or None, None, n) for q, cell, _, n in places] + list(hours)


def read_observatory(conn: Connection, flt: ObservatoryFilter, jurisdiction: Jurisdiction,
                     *, kept_counts: bool = True) -> Observatory:
    """The observatory of ``flt`` from ``conn``: from the kept counts when they answer it
    (:func:`kept_counts_answer`; not with ``kept_counts`` False), else from the incidents."""
    bucket_s = _bucket_seconds(flt)
    if kept_counts and kept_counts_answer(conn, flt):
        places, points, times = _summed(_kept_rows(conn, flt), bucket_s)
    else:
        ids = _incidents_at_risk(conn, flt.risks) if flt.risks else None
        places, points, times = _counts(conn, flt, ids, bucket_s)
    return assemble(flt, jurisdiction, places, points, times)


def build_observatory(engine: Engine, flt: ObservatoryFilter, jurisdiction: Jurisdiction
                      ) -> Observatory:
    """:func:`read_observatory` in one read transaction (REPEATABLE READ on PostgreSQL,
    an explicit deferred one on SQLite), run on a reader thread."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="REPEATABLE READ",
                                                postgresql_readonly=True) as conn, conn.begin():
            return read_observatory(conn, flt, jurisdiction)
    with engine.connect() as conn:
        conn.exec_driver_sql("BEGIN")
        try:
            return read_observatory(conn, flt, jurisdiction)
        finally:
            conn.rollback()


def cuadrante_geojson(observatory: Observatory, collection: dict[str, Any]) -> dict[str, Any]:
    """The jurisdiction's cuadrante polygons with the observatory's counts as properties
    (``count``, and the colonia's ``rank``) — the ``geojson`` export."""
    counts = {c["cuadrante"]: c["count"] for c in observatory.cuadrantes}
    ranks = {c["colonia"]: c["rank"] for c in observatory.colonias}
    features = []
    for f in collection.get("features", []):
        props = dict(f.get("properties") or {})
        props["count"] = counts.get(str(props.get("cuadrante", "")), 0)
        props["rank"] = ranks.get(str(props.get("colonia", "")))
        features.append({"type": "Feature", "geometry": f.get("geometry"), "properties": props})
    p = observatory.filter.period
    return {"type": "FeatureCollection", "features": features,
            "properties": {"from": p.first.isoformat(), "to": p.last.isoformat(), "tz": p.tz,
                           "filters": observatory.filter.to_wire(), "total": observatory.total}}


def observatory_csv_rows(observatory: Observatory) -> Iterable[list[Any]]:
    """The ``csv`` export: one row per cuadrante (the colonia's rank beside it)."""
    ranks = {c["colonia"]: c["rank"] for c in observatory.colonias}
    yield ["cuadrante", "sector", "colonia", "incidentes", "rango_colonia"]
    for c in observatory.cuadrantes:
        yield [c["cuadrante"], c["sector"], c["colonia"], c["count"], ranks.get(c["colonia"], "")]
