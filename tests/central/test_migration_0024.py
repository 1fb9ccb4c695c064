"""Migration 0024 (issue 14) on SQLite and PostgreSQL: ``incidents.cuadrante`` added and
backfilled from each incident's JSON snapshot (more rows than one batch: a cuadrante, none,
an empty one), the observatory's three partial indexes created; the database's own plan
for the observatory's read uses them, two from the index alone (EXPLAIN), while the
period report's read of the range alone keeps ``ix_incidents_created_at``; down and up
again."""

from __future__ import annotations

import importlib

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select, text

from c4console.central import schema as t
from c4console.central.db import MIGRATIONS, create_db_engine, migrate
from c4console.central.reports.observatory_reads import observatory_statement
from c4console.central.reports.reads import created_in
from c4console.core.statistics.observatory_filter import observatory_filter

M0024 = importlib.import_module("c4console.central.migrations.versions.0024_incidents_cuadrante")
INDEXES = {"ix_incidents_observatory", "ix_incidents_observatory_devices", "ix_incidents_tests"}
ROWS = M0024.BATCH + 7  # the backfill's keyset crosses a batch
CODES = ("S6-C3", "S1-C2", None, "")


def _downgrade(engine, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _state(engine) -> tuple[set[str], set[str]]:
    """The incidents table's column names and index names."""
    inspector = inspect(engine)
    return ({c["name"] for c in inspector.get_columns("incidents")},
            {i["name"] for i in inspector.get_indexes("incidents")})


def _insert_at_0023(engine) -> dict[str, str | None]:
    """ROWS incidents as 0023 stored them (the cuadrante only in the snapshot, or none; one
    in three a device's); returns the cuadrante each should get."""
    rows, expected = [], {}
    for n in range(ROWS):
        code = CODES[n % len(CODES)]
        data = {"id": f"I{n:05d}", "created_at": 1_772_000_000.0 + n}
        if code is not None:
            data["cuadrante"] = code
        rows.append({"id": data["id"], "folio": f"F{n}", "status": "closed",
                     "device_id": f"D{n}" if n % 3 == 0 else None,
                     "updated_at": data["created_at"], "created_at": data["created_at"],
                     "data": data})
        expected[data["id"]] = code or None
    with engine.begin() as conn:  # the rows' keys only: 0023's table has no cuadrante
        conn.execute(t.incidents.insert(), rows)
    return expected


def _stored(engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        return dict(conn.execute(select(t.incidents.c.id, t.incidents.c.cuadrante)).all())


def _plan(engine, stmt) -> str:
    sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # A test table is small: make the planner price it as a large one's would be
            # (a bitmap scan reads the rows; on a year's table the index alone wins).
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            conn.execute(text("SET LOCAL enable_bitmapscan = off"))
            return "\n".join(r[0] for r in conn.execute(text(f"EXPLAIN {sql}")))
        return "\n".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))


def test_0024_backfills_the_cuadrante_indexes_the_read_and_goes_down_and_up(db_url):
    engine = create_db_engine(db_url)
    try:
        migrate(engine, "0023")
        assert "cuadrante" not in _state(engine)[0]
        expected = _insert_at_0023(engine)
        migrate(engine)
        columns, indexes = _state(engine)
        assert "cuadrante" in columns and indexes >= INDEXES
        assert "ix_incidents_created_at" in indexes
        assert _stored(engine) == expected
        assert sum(code is not None for code in expected.values()) == ROWS // 2 + 1

        if engine.dialect.name == "postgresql":  # as autovacuum would: the visibility map
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE incidents"))
        flt = observatory_filter("2026-03-01", "2026-03-31", "America/Tijuana")
        plan = _plan(engine, observatory_statement(engine.dialect.name, flt))
        # The incidents without a device and a device's, each from its index alone (no
        # row read), less a device's test activations from theirs.
        scan = "COVERING INDEX" if engine.dialect.name == "sqlite" else "Index Only Scan using"
        for index in ("ix_incidents_observatory", "ix_incidents_observatory_devices"):
            assert f"{scan} {index} " in plan, plan
        assert "ix_incidents_tests" in plan, plan
        # The period report's read of the range alone keeps 0020's narrower index.
        c = t.incidents.c
        report = created_in(select(c.id, c.created_at), 1_772_000_000.0, 1_772_000_100.0)
        assert "ix_incidents_created_at" in _plan(engine, report)

        _downgrade(engine, "0023")
        columns, indexes = _state(engine)
        assert "cuadrante" not in columns and not INDEXES & indexes
        assert "ix_incidents_created_at" in indexes
        migrate(engine)
        assert _state(engine)[1] >= INDEXES and _stored(engine) == expected
    finally:
        engine.dispose()
