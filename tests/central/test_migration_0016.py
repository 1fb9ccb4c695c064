"""Migration 0016 (BANAVIM registrations): the table starts empty, a BANAVIM folio is
unique at the database too (many unregistered rows, no folio twice), and downgrading
drops it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import insert

from c4console.central import schema as t
from c4console.central.db import MIGRATIONS, create_db_engine, migrate
from c4console.core.banavim.registration import BanavimRegistration, registration_id


def _row(case_id: str, folio: str | None) -> dict:
    reg = BanavimRegistration(registration_id(case_id, None), case_id, "sup1", 1.0,
                              folio=folio or "")
    return {"id": reg.id, "case_id": case_id, "incident_id": None, "folio": folio,
            "registered_on": None, "data": reg.to_wire()}


def test_0016_keeps_folios_unique_and_downgrades(db_url):
    engine = create_db_engine(db_url)
    try:
        migrate(engine, "0016")
        with engine.begin() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(
                t.banavim_registrations)).scalar_one() == 0
            for case_id, folio in (("C1", None), ("C2", None), ("C3", "BNV-1")):
                conn.execute(insert(t.banavim_registrations).values(**_row(case_id, folio)))
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
            conn.execute(insert(t.banavim_registrations).values(**_row("C4", "BNV-1")))
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "-1")
        assert "banavim_registrations" not in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()
