"""Migration 0020 (issue 14): the index on ``incidents.created_at`` up, down and up again;
and the database's own plan for the period's incidents (the reads of the period report and
the open-data export) uses it — EXPLAIN on SQLite and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect, select, text

from c4console.central import schema as t
from c4console.central.db import create_db_engine, migrate
from c4console.central.reports.reads import created_in
from tests.central.test_migration_0019 import _move

INDEX = "ix_incidents_created_at"


def _indexes(engine) -> set[str]:
    return {i["name"] for i in inspect(engine).get_indexes("incidents")}


def _plan(engine) -> str:
    """The database's plan for a month of incidents by creation time (the report's read)."""
    c = t.incidents.c
    stmt = created_in(select(c.id, c.created_at), 1_772_000_000.0, 1_774_600_000.0)
    sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # A test table is small: make the planner price it as a large one's would be.
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            return "\n".join(r[0] for r in conn.execute(text(f"EXPLAIN {sql}")))
        return "\n".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))


def test_0020_up_down_up_and_the_period_read_uses_it(db_url):
    engine = create_db_engine(db_url)
    try:
        migrate(engine)
        assert INDEX in _indexes(engine)
        assert INDEX in _plan(engine), _plan(engine)
        _move(engine, "0019", up=False)
        assert INDEX not in _indexes(engine)
        assert "ix_incidents_status_created" in _indexes(engine)
        migrate(engine)
        assert INDEX in _indexes(engine)
    finally:
        engine.dispose()
