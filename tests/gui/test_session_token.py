"""The console keeps no password (issue 16 point 6), on a real central: after the login it
works on a token (renewed by POST /auth/refresh), the idle lock checks a hash, quitting
logs out (the token is refused after), and when the central ends the token (here
``c4central users revoke-tokens``) the window locks and asks for the password, which
logs in again."""

from __future__ import annotations

import asyncio
import subprocess
import urllib.error
import urllib.request

from tests.central.nodes import c4central
from tests.gui.console_harness import start_session, stop_session, until


def _status(api: str, token: str) -> int:
    request = urllib.request.Request(f"{api}/api/v1/units",
                                     headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as e:
        return e.code


def _holds_password(obj: object, password: str) -> list[str]:
    """The attributes of ``obj`` (one level into tuples) that hold ``password``."""
    found = []
    for name, value in vars(obj).items():
        values = value if isinstance(value, tuple) else (value,)
        if any(v == password for v in values if isinstance(v, str)):
            found.append(name)
    return found


def test_the_console_works_on_a_token_and_logs_out_on_quit(qapp, qloop, central, tmp_path):
    async def scenario():
        session = await start_session(qapp, central.api, tmp_path / "console",
                                      user=central.username, password=central.password)
        try:
            engine = session.engine
            await until(lambda: engine.connected, 15, "engine connected")
            client = engine.client
            assert _holds_password(client, central.password) == []
            assert _holds_password(engine, central.password) == []
            assert _holds_password(session, central.password) == []
            token = client.info.token
            assert await asyncio.to_thread(_status, central.api, token) == 200
        finally:
            await stop_session(session)
        assert await asyncio.to_thread(_status, central.api, token) == 401  # logged out on quit

    qloop.run_until_complete(scenario())


def test_a_revoked_token_locks_the_window_and_the_password_logs_in_again(qapp, qloop, central,
                                                                        tmp_path):
    db = f"sqlite:///{tmp_path / 'central-data' / 'central.sqlite'}"

    async def scenario():
        session = await start_session(qapp, central.api, tmp_path / "console",
                                      user=central.username, password=central.password)
        try:
            engine, cover = session.engine, session.window.lock_cover
            await until(lambda: engine.connected, 15, "engine connected")
            first = engine.client.info.token
            done = await asyncio.to_thread(subprocess.run, c4central(
                "users", "revoke-tokens", central.username, "--db", db),
                capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            await until(lambda: cover.locked, 15, "window locked when the token ended")
            assert "contraseña" in cover.error.text()
            cover.password.setText("otra-cosa-123")
            assert not cover.try_unlock() and cover.locked  # the hash decides
            cover.password.setText(central.password)
            assert cover.try_unlock()
            await until(lambda: engine.connected and engine.client.info is not None
                        and engine.client.info.token != first, 15, "logged in again")
            assert engine.auth_error is None
            assert _holds_password(engine.client, central.password) == []
        finally:
            await stop_session(session)

    qloop.run_until_complete(scenario())
