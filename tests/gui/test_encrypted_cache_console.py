"""The console's cache on a real central and a real window (issue 16 point 9): she logs in,
it syncs, she quits; the file on disk is not SQLite; she logs in again and what was
synced is there before any sync (and with the central down: an offline start opens it
with her password, and a wrong one leaves it alone); her password changed at the central
→ the cache is set aside, rebuilt from the central, and the status bar says so."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sqlite3
import subprocess

import pytest

from c4console.store.cache_key import key_file
from tests.cache_files import connect_cache, key_for_login
from tests.central.nodes import c4central
from tests.gui.console_harness import start_session, stop_session, until

NEW_PASSWORD = "clave-cambiada-2026"


def _closed_port() -> str:
    """A loopback URL nothing listens on: the central is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def _unreadable_without_key(path) -> None:
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(path).execute("SELECT count(*) FROM records").fetchone()


def test_log_in_sync_quit_log_in_again_then_a_changed_password(qapp, qloop, demo_central,
                                                                tmp_path):
    data = tmp_path / "console"
    path = data / "cache.sqlite"
    user, password = demo_central.username, demo_central.password
    db = f"sqlite:///{tmp_path / 'central-data' / 'central.sqlite'}"

    async def scenario():
        session = await start_session(qapp, demo_central.api, data, user=user, password=password)
        try:
            await until(lambda: len(session.window.state.units) >= 12, 20, "units synced")
        finally:
            await stop_session(session)
        _unreadable_without_key(path)
        assert oct(key_file(path).stat().st_mode & 0o777) == "0o600"
        # What she had when she quit, read with the key her login unwraps.
        with contextlib.closing(connect_cache(path, key_for_login(path, user, password))) as kept:
            units = {i for (i,) in kept.execute("SELECT id FROM records WHERE entity = 'unit'")}
        assert len(units) >= 12

        # Again, on the live central: the window opens with the units from the cache,
        # before the sync engine has run at all.
        session = await start_session(qapp, demo_central.api, data, user=user, password=password)
        try:
            assert set(session.window.state.units) == units
            assert "copia local" not in session.window.status.currentMessage()
        finally:
            await stop_session(session)

        # The central down: an offline start opens the cache with her password...
        offline = _closed_port()
        session = await start_session(qapp, offline, data, user=user, password=password)
        try:
            assert session.window is not None and set(session.window.state.units) == units
        finally:
            await stop_session(session)
        # ... and a wrong password (nobody can check it) opens nothing and changes nothing.
        before = path.read_bytes()
        session = await start_session(qapp, offline, data, user=user, password="no-es-la-clave")
        assert session.window is None and session.cache is None
        await stop_session(session)
        assert path.read_bytes() == before

        # Her password changed at the central: the old wrap cannot be opened; the cache is
        # set aside, rebuilt from the central, and the operator is told.
        done = await asyncio.to_thread(subprocess.run, c4central(
            "users", "add", user, "--role", "operator", "--password-stdin", "--update",
            "--db", db), input=NEW_PASSWORD + "\n", capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        session = await start_session(qapp, demo_central.api, data, user=user,
                                      password=NEW_PASSWORD)
        try:
            message = session.window.status.currentMessage()
            assert "copia local cifrada no se pudo abrir" in message, message
            assert "contraseña cambió" in message, message
            assert session.window.state.units == {}  # nothing mixed in from the old cache
            await until(lambda: set(session.window.state.units) == units, 20, "rebuilt")
        finally:
            await stop_session(session)
        assert (data / "cache.sqlite.set-aside").exists()
        _unreadable_without_key(path)

    qloop.run_until_complete(scenario())
