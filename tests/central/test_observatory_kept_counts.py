"""The observatory's kept counts (migration 0025) answer exactly as the grouped read of
the incidents does, on SQLite and PostgreSQL: incidents created by the central's commands
at C4 midnights, across Tijuana's two DST changes of 2025 and the turn of the year, with a
point in a cuadrante, outside every cuadrante, or none; then reclassified, placed later
(the write path), marked as a device's test activation (through the write path and
written straight to the table, as tests/central/test_observatory.py does) and one
deleted. For periods of years, months and days the kept counts' answer is the incidents'
answer, and the counts are what counting every incident again gives."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from c4console.central import schema as t
from c4console.central.db import open_database
from c4console.central.observatory_rollup import backfill
from c4console.central.reports.observatory_reads import kept_counts_answer, read_observatory
from c4console.central.service import Service
from c4console.core.statistics.observatory_filter import observatory_filter
from c4console.resources import load_catalogue, load_jurisdiction
from tests.central import report_seeds as seeds

TZ = "America/Tijuana"
MEXICALI = load_jurisdiction()
IN = {"S6-C3": (32.5948, -115.4157), "S1-C2": (32.6547, -115.4897)}
OUTSIDE = (32.40, -115.90)  # in no cuadrante: counted by its cell, unplaced
# (local moment, point) — fold=1: the second 01:30 of 2 November 2025 (after DST ends).
INCIDENTS = [
    (datetime(2024, 12, 31, 23, 30), IN["S6-C3"]),
    (datetime(2025, 1, 1, 0, 30), IN["S1-C2"]),
    (datetime(2025, 1, 31, 23, 59), None),
    (datetime(2025, 2, 1, 0, 0), OUTSIDE),
    (datetime(2025, 3, 8, 23, 30), IN["S6-C3"]),
    (datetime(2025, 3, 9, 1, 30), IN["S6-C3"]),   # before the spring change (02:00 → 03:00)
    (datetime(2025, 3, 9, 3, 30), IN["S1-C2"]),   # after it
    (datetime(2025, 3, 9, 23, 45), OUTSIDE),
    (datetime(2025, 6, 30, 23, 59, 59, 999600), IN["S1-C2"]),  # a millisecond rounds up
    (datetime(2025, 11, 1, 23, 30), IN["S1-C2"]),
    (datetime(2025, 11, 2, 1, 30), IN["S6-C3"]),
    (datetime(2025, 11, 2, 1, 30, fold=1), IN["S6-C3"]),
    (datetime(2025, 11, 2, 23, 30), None),
    (datetime(2025, 12, 31, 23, 59), IN["S1-C2"]),
    (datetime(2026, 1, 1, 0, 1), IN["S6-C3"]),
]
PERIODS = [("2025-01-01", "2025-12-31"), ("2024-12-01", "2026-01-31"),
           ("2025-01-15", "2025-11-02"), ("2025-03-09", "2025-03-09"),
           ("2025-03-08", "2025-03-10"), ("2025-11-01", "2025-11-30"),
           ("2024-12-31", "2025-01-01"), ("2025-02-01", "2025-03-31"),
           ("2025-06-01", "2025-06-30"), ("2025-07-01", "2025-07-31")]


def _at(local: datetime) -> float:
    return local.replace(tzinfo=ZoneInfo(TZ)).timestamp()


async def _build(service: Service) -> list[str]:
    clock = seeds.Clock(0.0)
    service.clock = clock
    ids = []
    for n, (local, point) in enumerate(INCIDENTS):
        iid = f"kc-{n}"
        where = dict(zip(("lat", "lon"), point, strict=True)) if point else {}
        await seeds.submit(service, clock, _at(local), "operadora1", "operator", [
            {"type": "create_incident", "incident_id": iid, "channel": "whatsapp",
             "type_code": "30502", **where}])
        ids.append(iid)
    # Reclassified (not a counted attribute: the counts stay), through a command.
    await seeds.submit(service, clock, _at(datetime(2025, 3, 10, 9)), "operadora1", "operator",
                       [{"type": "classify", "incident_id": ids[5], "type_code": "30503"}])

    def place_later(tx, iid: str, point: tuple[float, float]) -> None:
        inc = tx.get("incident", iid)
        found = MEXICALI.locate(*point)
        tx.put(inc.evolve(lat=point[0], lon=point[1], cuadrante=found.cuadrante if found else "",
                          sector=found.sector if found else "",
                          colonia=found.colonia if found else ""))

    def mark_test(tx, iid: str) -> None:
        tx.put(tx.get("incident", iid).evolve(test=True, device_id="861234560000042"))

    await service.write(lambda tx: place_later(tx, ids[2], IN["S1-C2"]))   # had no point
    await service.write(lambda tx: place_later(tx, ids[7], IN["S6-C3"]))   # was outside
    await service.write(lambda tx: mark_test(tx, ids[10]))
    # Several puts of one incident in one transaction: placed, then placed elsewhere.
    await service.write(lambda tx: (place_later(tx, ids[12], OUTSIDE),
                                    place_later(tx, ids[12], IN["S6-C3"])))
    table = t.incidents
    with service.engine.begin() as conn:  # marked straight in the table, then deleted
        data = conn.execute(select(table.c.data).where(table.c.id == ids[4])).scalar_one()
        conn.execute(table.update().where(table.c.id == ids[4]).values(
            data={**data, "test": True, "device_id": "861234560000043"},
            device_id="861234560000043"))
        conn.execute(delete(table).where(table.c.id == ids[13]))
    return ids


def _counts(conn) -> tuple[set, set]:
    p, h = t.observatory_places.c, t.observatory_hours.c
    return (set(conn.execute(select(p.tz, p.grain, p.period, p.cuadrante, p.cell, p.n)
                             .where(p.n != 0)).all()),
            set(conn.execute(select(h.hour, h.n).where(h.n != 0)).all()))


def test_the_kept_counts_answer_as_the_incidents_do(db_url):
    engine = open_database(db_url)
    try:
        service = Service(engine, load_catalogue(), MEXICALI, timezone=TZ)
        asyncio.run(_build(service))
        with engine.connect() as conn:
            for first, last in PERIODS:
                flt = observatory_filter(first, last, TZ)
                assert kept_counts_answer(conn, flt), (first, last)
                kept = read_observatory(conn, flt, MEXICALI)
                rows = read_observatory(conn, flt, MEXICALI, kept_counts=False)
                assert kept.to_wire() == rows.to_wire(), (first, last)
            year = read_observatory(conn, observatory_filter("2025-01-01", "2025-12-31", TZ),
                                    MEXICALI)
            # 13 incidents of 2025, less a test activation of each kind and the deleted one.
            assert (year.total, year.unplaced) == (10, 1)
            # Filters the counts do not hold, another zone: the incidents are read.
            for flt in (observatory_filter("2025-01-01", "2025-12-31", TZ, types="30503",
                                           known_types={"30503"}),
                        observatory_filter("2025-01-01", "2025-12-31", TZ, channels="whatsapp"),
                        observatory_filter("2025-01-01", "2025-12-31", "America/Mexico_City")):
                assert not kept_counts_answer(conn, flt)
            kept = _counts(conn)
        with engine.begin() as conn:  # counting every incident again gives the same counts
            backfill(conn, TZ)
            assert _counts(conn) == kept
            conn.rollback()
    finally:
        engine.dispose()


def test_a_central_in_another_zone_counts_its_own_days(db_url):
    engine = open_database(db_url)
    try:
        service = Service(engine, load_catalogue(), MEXICALI, timezone=TZ)
        asyncio.run(_build(service))
        # The same database opened by a central in Mexico City's zone: its days are kept.
        Service(engine, load_catalogue(), MEXICALI, timezone="America/Mexico_City")
        with engine.connect() as conn:
            for first, last in PERIODS:
                flt = observatory_filter(first, last, "America/Mexico_City")
                assert kept_counts_answer(conn, flt)
                assert (read_observatory(conn, flt, MEXICALI).to_wire()
                        == read_observatory(conn, flt, MEXICALI, kept_counts=False).to_wire())
            assert not kept_counts_answer(conn, observatory_filter("2025-01-01", "2025-12-31", TZ))
    finally:
        engine.dispose()
