"""Migration 0025 (issue 14) on SQLite and PostgreSQL: the observatory's kept counts
created and filled from the incidents 0024 stored (in a cuadrante, with only a cell,
with neither, a device's test activation, a device's incident that is not one, one with
no creation time, either side of a C4 midnight), in the default zone; the triggers then
keep them for rows written afterwards; the read answers from them as from the incidents;
down (the tables and triggers gone, incidents still writable) and up again."""

from __future__ import annotations

import importlib

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select

from c4console.central import schema as t
from c4console.central.db import MIGRATIONS, create_db_engine, migrate
from c4console.central.reports.observatory_reads import kept_counts_answer, read_observatory
from c4console.core.statistics.observatory_filter import observatory_filter
from c4console.resources import load_jurisdiction

M0025 = importlib.import_module("c4console.central.migrations.versions.0025_observatory_rollup")
TABLES = {"observatory_hours", "observatory_places", "observatory_rollup_zones",
          "observatory_zone_offsets"}
TZ = M0025.DEFAULT_ZONE
MEXICALI = load_jurisdiction()
MIDNIGHT = 1_772_006_400.0  # 2026-02-25 00:00 in Tijuana (UTC-8)


def _downgrade(engine, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _row(n: int, created_at: float | None, *, cuadrante: str | None = None,
         cell: str | None = None, device: str | None = None, test: bool = False) -> dict:
    data = {"id": f"I{n:03d}", "created_at": created_at, "device_id": device}
    if test:
        data["test"] = True
    return {"id": data["id"], "folio": f"F{n}", "status": "closed", "device_id": device,
            "updated_at": created_at or 0.0, "created_at": created_at, "cuadrante": cuadrante,
            "cell": cell, "data": data}


ROWS = [
    _row(0, MIDNIGHT - 60, cuadrante="S6-C3", cell="32594:-115416"),
    _row(1, MIDNIGHT + 60, cuadrante="S6-C3", cell="32594:-115416"),
    _row(2, MIDNIGHT + 3600, cell="32400:-115900"),          # a cell in no cuadrante
    _row(3, MIDNIGHT + 7200),                                  # no place
    _row(4, MIDNIGHT + 7300, cuadrante="S1-C2", cell="32654:-115490", device="D1", test=True),
    _row(5, MIDNIGHT + 7400, cuadrante="S1-C2", cell="32654:-115490", device="D2"),
    _row(6, None, cuadrante="S1-C2", cell="32654:-115490"),   # no creation time
]


def _observatories(engine):
    flt = observatory_filter("2026-02-24", "2026-02-25", TZ)
    with engine.connect() as conn:
        assert kept_counts_answer(conn, flt)
        return (read_observatory(conn, flt, MEXICALI).to_wire(),
                read_observatory(conn, flt, MEXICALI, kept_counts=False).to_wire())


def test_0025_counts_the_incidents_keeps_them_and_goes_down_and_up(db_url):
    engine = create_db_engine(db_url)
    try:
        migrate(engine, "0024")
        with engine.begin() as conn:
            conn.execute(t.incidents.insert(), ROWS)
        migrate(engine)
        assert set(inspect(engine).get_table_names()) >= TABLES
        with engine.connect() as conn:
            assert conn.execute(select(t.observatory_rollup_zones.c.tz)).scalars().all() == [TZ]
            hours = dict(conn.execute(select(t.observatory_hours.c.hour, t.observatory_hours.c.n)).all())
            days = {(q, c): n for q, c, n in conn.execute(
                select(t.observatory_places.c.cuadrante, t.observatory_places.c.cell,
                       t.observatory_places.c.n).where(t.observatory_places.c.grain == "d",
                                                       t.observatory_places.c.period == 20260225))}
        h0 = int(MIDNIGHT) // 3600
        assert hours == {h0 - 1: 1, h0: 1, h0 + 1: 1, h0 + 2: 2}
        assert days == {("S6-C3", "32594:-115416"): 1, ("", "32400:-115900"): 1, ("", ""): 1,
                        ("S1-C2", "32654:-115490"): 1}
        kept, rows = _observatories(engine)
        assert kept == rows and kept["total"] == 5 and kept["unplaced"] == 2

        # Written after the migration: the triggers count it (and a changed place moves).
        with engine.begin() as conn:
            conn.execute(t.incidents.insert(), [_row(7, MIDNIGHT + 120, cuadrante="S1-C2",
                                                     cell="32654:-115490")])
            conn.execute(t.incidents.update().where(t.incidents.c.id == "I003")
                         .values(cuadrante="S6-C3", cell="32594:-115416"))
        kept, rows = _observatories(engine)
        assert kept == rows and kept["total"] == 6 and kept["unplaced"] == 1

        _downgrade(engine, "0024")
        assert not TABLES & set(inspect(engine).get_table_names())
        with engine.begin() as conn:  # no trigger left behind
            conn.execute(t.incidents.insert(), [_row(8, MIDNIGHT + 180)])
        migrate(engine)
        kept, rows = _observatories(engine)
        assert kept == rows and kept["total"] == 7
    finally:
        engine.dispose()
