"""Migration 0017 (issue 13): the follow-up tables up and down; her case timeline (0014's)
is left as it was."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from c4console.central.db import MIGRATIONS, create_db_engine, migrate

FOLLOW_UP = {"follow_plans", "patrol_visits", "interviews", "follow_calls"}


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _downgrade(engine, revision: str) -> None:
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_0017_up_down_up(db_url):
    engine = create_db_engine(db_url)
    try:
        migrate(engine)
        assert _tables(engine) >= FOLLOW_UP | {"case_timeline"}
        columns = {c["name"] for c in inspect(engine).get_columns("case_timeline")}
        assert columns == {"id", "case_id", "kind", "at", "data"}
        _downgrade(engine, ScriptDirectory.from_config(_config()).get_revision("0017").down_revision)
        left = _tables(engine)
        assert not left & FOLLOW_UP
        assert "case_timeline" in left
        migrate(engine)
        assert _tables(engine) >= FOLLOW_UP | {"case_timeline"}
    finally:
        engine.dispose()
