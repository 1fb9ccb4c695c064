"""Migration 0021 (issue 15): the coordination meetings and their tasks — ``meetings`` and
``coordination_tasks`` with their lookup indexes; up, down and up again, keeping what 0019
made."""

from __future__ import annotations

from sqlalchemy import inspect, text

from c4console.central.db import create_db_engine, migrate
from tests.central.test_migration_0019 import _move

TABLES = {"meetings", "coordination_tasks"}


def _indexes(engine, table: str) -> set[str]:
    return {i["name"] for i in inspect(engine).get_indexes(table)}


def test_0021_adds_meetings_and_tasks_and_goes_back(db_url):
    engine = create_db_engine(db_url)
    try:
        _move(engine, "0020", up=True)
        assert not TABLES & set(inspect(engine).get_table_names())
        _move(engine, "0021", up=True)
        assert set(inspect(engine).get_table_names()) >= TABLES
        assert _indexes(engine, "meetings") == {"ix_meetings_date"}
        assert _indexes(engine, "coordination_tasks") == {
            "ix_coordination_tasks_meeting_id", "ix_coordination_tasks_case_id",
            "ix_coordination_tasks_agency_id"}
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO meetings (id, date, data) VALUES ('m1', '2026-03-02', "
                              "'{}')"))
            conn.execute(text("INSERT INTO coordination_tasks (id, meeting_id, case_id, "
                              "agency_id, status, due_on, data) VALUES ('t1', 'm1', 'case-1', "
                              "'dif', 'abierta', '2026-03-09', '{}')"))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT meeting_id, agency_id, due_on FROM "
                                     "coordination_tasks")).all() == [("m1", "dif", "2026-03-09")]
        _move(engine, "0020", up=False)
        tables = set(inspect(engine).get_table_names())
        assert not TABLES & tables and {"agencies", "case_shares"} <= tables
        migrate(engine)
        assert set(inspect(engine).get_table_names()) >= TABLES
    finally:
        engine.dispose()
