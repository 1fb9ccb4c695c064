"""SQLite engine for the local cache: WAL journal, synchronous=FULL, migrated to head."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

from c4console.platform_support import create_private_file, private_dir

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the GUI read while a write commits; FULL makes a commit durable
    # before we tell the operator "saved" (an fsync at each commit).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    # Need-to-know: a record the central withdraws (her file once her incident closed) must
    # not linger in free pages of the file; deleted content is overwritten with zeros.
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def open_engine(path: Path) -> Engine:
    """An engine on the cache file at ``path``, its schema upgraded to the newest revision."""
    # Victims' data: folder 0700, file 0600 (SQLite gives its WAL and shared-memory files
    # the database file's mode).
    private_dir(path.parent, tighten=False)  # the data folder, made private at start
    create_private_file(path)
    # hide_parameters: a failed write's error (logged by the GUI's task runner) would quote
    # the record or the note it carried; personal data never goes to logs.
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True)
    event.listen(engine, "connect", _pragmas)
    migrate(engine)
    return engine


def migrate(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to ``revision`` on this engine."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
