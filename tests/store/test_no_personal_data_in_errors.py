"""A failed statement's error — which the GUI's task runner and the central log — does not
quote the values it carried (her name, her phone, a note)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from c4console.central.db import open_database
from c4console.store.db import open_engine
from tests.cache_files import TEST_KEY


@pytest.mark.parametrize("make", ["console", "central"])
def test_statement_errors_hide_their_parameters(tmp_path, make):
    engine = (open_engine(tmp_path / "cache.sqlite", TEST_KEY) if make == "console"
              else open_database(f"sqlite:///{tmp_path / 'central.sqlite'}"))
    try:
        with engine.begin() as c:
            c.execute(text("CREATE TABLE t (id TEXT PRIMARY KEY, data TEXT)"))
            c.execute(text("INSERT INTO t VALUES ('B1', 'x')"))
        with pytest.raises(IntegrityError) as e, engine.begin() as c:
            c.execute(text("INSERT INTO t VALUES (:id, :data)"),
                      {"id": "B1", "data": "María López 686 123 4567"})
        assert "María López" not in str(e.value) and "686 123 4567" not in str(e.value)
    finally:
        engine.dispose()
