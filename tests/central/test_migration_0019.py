"""Migration 0019 (issue 15): the agencies, the C4's own (``c4``), every existing account moved
to it, and the case shares; up, down and up again."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from c4console.central.db import MIGRATIONS, create_db_engine, migrate


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _move(engine, revision: str, up: bool) -> None:
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.upgrade if up else command.downgrade)(cfg, revision)


def test_0019_moves_every_existing_account_to_the_c4s_agency(db_url):
    engine = create_db_engine(db_url)
    try:
        _move(engine, "0018", up=True)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO users (name, role, password_hash, failed_logins, "
                              "created_at, updated_at) VALUES ('operadora1', 'operator', 'x', 0, "
                              "1, 1)"))
        _move(engine, "0019", up=True)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT agency_id FROM users")).scalar_one() == "c4"
            assert conn.execute(text("SELECT id, kind FROM agencies")).all() == [("c4", "c4")]
        tables = set(inspect(engine).get_table_names())
        assert {"agencies", "case_shares"} <= tables
        _move(engine, "0018", up=False)
        assert not {"agencies", "case_shares"} & set(inspect(engine).get_table_names())
        assert "agency_id" not in {c["name"] for c in inspect(engine).get_columns("users")}
        migrate(engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT agency_id FROM users")).scalar_one() == "c4"
    finally:
        engine.dispose()
