"""A throw-away PostgreSQL server for the tests: initdb into a temporary folder,
listen on a free loopback port, stop and delete it at the end.

initdb and postgres refuse to run as root, so as root they run as the
``postgres`` OS user (created by Debian's package) with the folder chowned to it.
Durability is switched off (fsync, synchronous_commit): the data is thrown away.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin with initdb, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[4]) if Path(p).parts[4].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    """A running server; :meth:`database` gives a fresh database for one test."""

    bin_dir: Path
    folder: Path
    port: int

    @property
    def admin_url(self) -> str:
        """SQLAlchemy URL of the ``postgres`` database as the superuser."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def url(self, name: str) -> str:
        """SQLAlchemy URL of database ``name``."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    @contextlib.contextmanager
    def database(self) -> Iterator[str]:
        """Create an empty database, yield its URL, drop it (closing what still uses it)."""
        import psycopg

        name = f"c4test_{uuid.uuid4().hex[:12]}"
        dsn = f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        try:
            yield self.url(name)
        finally:
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _as_owner(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", SUPERUSER, "--", *args]


@contextlib.contextmanager
def running_postgres(*, durable: bool = False) -> Iterator[PostgresServer]:
    """Start a server (raises RuntimeError with its log if it cannot), stop and delete it after.

    ``durable=True`` keeps PostgreSQL's default fsync and synchronous commit (the
    benchmarks measure a commit that is on disk, like SQLite's ``synchronous=FULL``).
    """
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    # Not under pytest's tmp folder: its parents are mode 0700 and the postgres user
    # could not reach the data folder.
    folder = Path(tempfile.mkdtemp(prefix="c4pg-"))
    data, log = folder / "data", folder / "server.log"
    if os.geteuid() == 0:
        user = pwd.getpwnam(SUPERUSER)
        os.chown(folder, user.pw_uid, user.pw_gid)
    port = _free_port()
    try:
        made = subprocess.run(_as_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER,
                                         "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
                              capture_output=True, text=True, timeout=120)
        if made.returncode != 0:
            raise RuntimeError(f"initdb failed: {made.stderr}")
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        started = subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log),
                                            "-o", options, "-w", "-t", "60", "start"]),
                                 capture_output=True, text=True, timeout=90)
        if started.returncode != 0:
            raise RuntimeError(f"PostgreSQL did not start: {started.stderr}\n"
                               f"{log.read_text(errors='replace')[-2000:] if log.exists() else ''}")
        try:
            yield PostgresServer(bin_dir, folder, port)
        finally:
            subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                      "-w", "stop"]), capture_output=True, timeout=60)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
