"""Fixtures of the central's tests: the database backends they run on.

``db_url`` is parametrized: every test that takes it runs once on a SQLite file
and once on a real PostgreSQL server started for the session (see
tests/central/postgres.py); without PostgreSQL installed the second is skipped
with the reason.
"""

from __future__ import annotations

import os

import pytest

from tests.central.postgres import find_bin_dir, running_postgres


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server on a free loopback port for the whole session."""
    if find_bin_dir() is None:
        if os.environ.get("CI"):  # make test installs it: in CI its absence is a failure
            pytest.fail("PostgreSQL is not installed although make test installs it")
        pytest.skip("PostgreSQL is not installed (make test installs it: apt-get install postgresql)")
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
