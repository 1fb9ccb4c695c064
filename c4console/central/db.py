"""The central's database engine: SQLite (embedded) or PostgreSQL, migrated to head."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

from c4console.platform_support import create_private_file, private_dir

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

log = logging.getLogger(__name__)

# Any constant works; all nodes must agree. Serialises migrations of nodes starting at once.
MIGRATION_LOCK = 0x43344345  # "C4CE"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers (the API) never wait for the writer. FULL: a commit is on disk
    # before we answer "accepted" or 200 to a panic device. busy_timeout: another
    # process (a migration, a second central) makes us wait instead of failing.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def normalize_url(url: str) -> URL:
    """Parse a database URL; plain ``postgresql://`` means the psycopg (3) driver we ship."""
    try:
        parsed = make_url(url)
    except Exception as e:
        raise ValueError(f"{url!r} is not a database URL (sqlite:///PATH or "
                         "postgresql://USER:PASSWORD@HOST:PORT/DB)") from e
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise ValueError(f"database {backend!r} is not supported; use sqlite:///PATH or postgresql://…")
    return parsed


def create_db_engine(url: str) -> Engine:
    """An engine for ``url`` (``sqlite:///PATH`` or ``postgresql://…``), not yet migrated.

    For SQLite the parent folder is created and the WAL/FULL/busy_timeout pragmas
    are set on every connection.
    """
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            # Each pooled connection would get its own empty database.
            raise ValueError("the central needs a SQLite file (sqlite:///PATH), not an in-memory database")
        # Victims' data: the folder 0700 and the file 0600 (SQLite's WAL and shared-memory
        # files take the database file's mode).
        database = Path(parsed.database).expanduser().resolve()
        private_dir(database.parent, tighten=False)  # may be a shared folder: only if new
        create_private_file(database)
        # hide_parameters: a failed statement's error (logged) would quote her name, her
        # phone or a note's text; personal data never goes to logs.
        engine = create_engine(parsed, pool_size=8, max_overflow=4, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # pre_ping: a connection the server dropped (restart, failover) is replaced, not used.
    return create_engine(parsed, pool_pre_ping=True, pool_size=8, max_overflow=4,
                         hide_parameters=True)


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` (Alembic, configured in code: no alembic.ini)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two nodes starting at once: the second waits, then finds the schema at head.
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def open_database(url: str) -> Engine:
    """An engine on ``url`` with its schema upgraded to the newest revision."""
    engine = create_db_engine(url)
    try:
        migrate(engine)
    except Exception:
        engine.dispose()
        raise
    log.info("database %s at revision %s", engine.url.render_as_string(hide_password=True),
             current_revision(engine))
    return engine
