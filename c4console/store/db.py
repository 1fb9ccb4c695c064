"""The local cache's engine: SQLCipher (encrypted with the cache's key), WAL journal,
synchronous=FULL, migrated to head."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

from c4console.platform_support import create_private_file, private_dir

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
KEY_BYTES = 32


def connect_cache(path: Path, key: bytes, **kwargs: Any) -> sqlcipher3.Connection:
    """A DB-API connection (sqlcipher3, the ``sqlite3`` interface) to the encrypted cache at
    ``path``, its key given before anything else is read. ``kwargs`` go to ``connect``
    (``timeout``, ``isolation_level``…). A wrong key raises
    ``sqlcipher3.DatabaseError: file is not a database`` here.

    Tests and tools that look into a cache file use this, not the stdlib ``sqlite3``
    (which cannot read it)."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"a cache key has {KEY_BYTES} bytes")
    conn = sqlcipher3.connect(str(path), **kwargs)
    try:
        # The raw 256-bit key (x'…'): SQLCipher derives nothing from it, so a new connection
        # costs no key derivation. Its own per-page HMAC tells a wrong key from a right one.
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # Read page 1 now: a wrong key fails here, and the connection is closed, so no
        # handle keeps the file open (Windows could not set it aside).
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


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


def open_engine(path: Path, key: bytes) -> Engine:
    """An engine on the cache file at ``path`` encrypted with ``key`` (32 bytes), its
    schema upgraded to the newest revision. A wrong key raises
    :class:`sqlalchemy.exc.DatabaseError` ("file is not a database")."""
    # Victims' data: folder 0700, file 0600 (SQLite gives its WAL and shared-memory files
    # the database file's mode).
    private_dir(path.parent, tighten=False)  # the data folder, made private at start
    create_private_file(path)
    # The key is set inside the creator, so no statement (the dialect's own first ones
    # included) runs on a connection before it; module=sqlcipher3 makes SQLAlchemy wrap
    # sqlcipher3's exceptions (IntegrityError…) as it does sqlite3's.
    # hide_parameters: a failed write's error (logged by the GUI's task runner) would quote
    # the record or the note it carried; personal data never goes to logs.
    engine = create_engine(f"sqlite:///{path}", module=sqlcipher3, hide_parameters=True,
                           creator=lambda: connect_cache(path, key, check_same_thread=False))
    event.listen(engine, "connect", _pragmas)
    try:
        migrate(engine)
    except Exception:
        engine.dispose()
        raise
    return engine


def migrate(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to ``revision`` on this engine."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
