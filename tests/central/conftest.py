"""Fixtures of the central's tests: the database backends they run on.

``db_url`` is parametrized: every test that takes it runs once on a SQLite file
and once on a real PostgreSQL server started for the session (see
tests/central/postgres.py); without PostgreSQL installed the second is skipped
with the reason.
"""

from __future__ import annotations

import pytest

from tests.central.postgres import find_bin_dir, running_postgres
from tests.system_tools import report_missing


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server on a free loopback port for the whole session."""
    # initdb and postgres live outside PATH (/usr/lib/postgresql/N/bin): find_bin_dir looks there.
    report_missing([] if find_bin_dir() else ["initdb/postgres"], package="postgresql")
    with running_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty database for one test: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.sqlite'}"
        return
    server = request.getfixturevalue("postgres")
    with server.database() as url:
        yield url
