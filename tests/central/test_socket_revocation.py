"""A token's WebSockets end with it (issue 16 points 4 and 5): logout, a password or role
change, ``c4central users disable|revoke-tokens`` and expiry close the change stream and
the live-listen socket within 1 s; a disabled account's old token is refused at every
request. A lock after failed logins (point 7) refuses new logins only: her token and
sockets stay. Real central, real sockets, the real command line."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Awaitable, Callable

import aiohttp

from c4console.central import admin
from c4console.central.audio.manager import AudioConfig
from c4console.core.access import Role
from tests.central.helpers import IN_S3, PANIC_DEVICE, TEST_PASSWORD, login, running_central
from tests.central.nodes import c4central

WITHIN_S = 1.0


async def _alarm(c) -> None:
    """Her panic alarm: the incident an audio session belongs to."""
    params = {"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1], "alarm": "sos",
              "timestamp": "2026-01-10T10:00:00Z"}
    async with aiohttp.ClientSession() as s, s.get(f"{c.osmand_url}/", params=params) as r:
        assert r.status == 200


async def _closed_at(ws: aiohttp.ClientWebSocketResponse, timeout: float = 10.0
                     ) -> tuple[float, int]:
    """Wait (at most ``timeout``) for the server to close ``ws``; the monotonic time it did
    and the close code it sent."""
    while True:
        msg = await ws.receive(timeout=timeout)
        if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
            return time.monotonic(), msg.data


async def _sockets_close_after(c, session_id: str, user: str,
                               act: Callable[[str], Awaitable[None]]) -> None:
    """Open the stream and a listen socket as ``user``, run ``act(token)``; both must close
    within WITHIN_S of its end, with code 1008 (policy), and the token is refused after."""
    token = (await login(c.api_url, user))["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    ws_url = c.api_url.replace("http", "ws", 1)
    async with aiohttp.ClientSession(headers=bearer) as s, \
            s.ws_connect(f"{ws_url}/api/v1/stream?since=0") as stream, \
            s.ws_connect(f"{ws_url}/api/v1/audio-sessions/{session_id}/listen") as listen:
        assert (await stream.receive_json(timeout=5))["type"] == "hello"
        assert (await listen.receive_json(timeout=5))["type"] == "audio_hello"
        await act(token)
        done = time.monotonic()
        closes = await asyncio.gather(_closed_at(stream), _closed_at(listen))
        assert max(t for t, _ in closes) - done < WITHIN_S, [round(t - done, 2) for t, _ in closes]
        assert [code for _, code in closes] == [1008, 1008]
        async with s.get(f"{c.api_url}/api/v1/units") as r:
            assert r.status == 401


def test_logout_password_and_role_changes_close_the_stream_and_the_listen_socket(tmp_path, db_url):
    async def main():
        audio = AudioConfig(recordings=tmp_path / "recordings")
        async with running_central(tmp_path, db_url, audio=audio) as c:
            await _alarm(c)
            session = await c.audio.create(PANIC_DEVICE, "PCMU", source="127.0.0.1")

            async def logout(token: str) -> None:
                async with aiohttp.ClientSession() as s, s.post(
                        f"{c.api_url}/api/v1/auth/logout",
                        headers={"Authorization": f"Bearer {token}"}) as r:
                    assert r.status == 200

            async def new_password(_token: str) -> None:  # what `users add --update` does
                await admin.add_user(db_url, "operadora2", Role.OPERATOR, "otra-clave-larga-9",
                                     replace=True)

            async def new_role(_token: str) -> None:
                await admin.add_user(db_url, "jefe1", Role.OPERATOR, TEST_PASSWORD, replace=True)

            await _sockets_close_after(c, session["session_id"], "operadora1", logout)
            await _sockets_close_after(c, session["session_id"], "operadora2", new_password)
            await _sockets_close_after(c, session["session_id"], "jefe1", new_role)

    asyncio.run(main())


def test_expiry_closes_the_listen_socket(tmp_path):
    async def main():
        audio = AudioConfig(recordings=tmp_path / "recordings")
        async with running_central(tmp_path, audio=audio, token_hours=3 / 3600) as c:
            await _alarm(c)
            session = await c.audio.create(PANIC_DEVICE, "PCMU", source="127.0.0.1")
            token = (await login(c.api_url))["token"]
            expires_at = time.time() + 3  # at most: the token was issued before now
            ws_url = c.api_url.replace("http", "ws", 1)
            async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as s, \
                    s.ws_connect(f"{ws_url}/api/v1/audio-sessions/{session['session_id']}/listen"
                                 ) as listen:
                assert (await listen.receive_json(timeout=5))["type"] == "audio_hello"
                _, code = await _closed_at(listen)
                assert time.time() - expires_at < WITHIN_S
                assert code == 1008

    asyncio.run(main())


def _cli(db_url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(c4central("users", *args, "--db", db_url), capture_output=True, text=True,
                          timeout=60)


def test_users_disable_enable_and_revoke_tokens_from_the_command_line(tmp_path):
    async def main():
        db_url = f"sqlite:///{tmp_path / 'central.sqlite'}"
        audio = AudioConfig(recordings=tmp_path / "recordings")
        async with running_central(tmp_path, db_url, audio=audio) as c:
            await _alarm(c)
            session = await c.audio.create(PANIC_DEVICE, "PCMU", source="127.0.0.1")

            async def disable(_token: str) -> None:
                done = await asyncio.to_thread(_cli, db_url, "disable", "operadora1")
                assert done.returncode == 0 and "disabled" in done.stdout, done.stderr

            await _sockets_close_after(c, session["session_id"], "operadora1", disable)
            refused = await login(c.api_url, "operadora1", status=401)
            assert refused["reason"] == "disabled"
            listing = await asyncio.to_thread(_cli, db_url, "list")
            assert any(line.startswith("operadora1") and "disabled since" in line
                       for line in listing.stdout.splitlines()), listing.stdout
            enabled = await asyncio.to_thread(_cli, db_url, "enable", "operadora1")
            assert enabled.returncode == 0, enabled.stderr
            await login(c.api_url, "operadora1")

            async def revoke(_token: str) -> None:
                done = await asyncio.to_thread(_cli, db_url, "revoke-tokens", "operadora2")
                assert done.returncode == 0 and "revoked" in done.stdout, done.stderr

            await _sockets_close_after(c, session["session_id"], "operadora2", revoke)
            await login(c.api_url, "operadora2")  # revoking ends sessions, not the account
            assert (await asyncio.to_thread(_cli, db_url, "disable", "nadie")).returncode == 1

    asyncio.run(main())


def test_failed_logins_lock_new_logins_only_her_token_and_sockets_stay(tmp_path):
    """Issue 16 point 7: a lock after failed logins must not log her out (someone who
    knows her name could end her shift otherwise); it only refuses new logins."""
    async def main():
        async with running_central(tmp_path) as c:
            token = (await login(c.api_url, "operadora1"))["token"]
            ws_url = c.api_url.replace("http", "ws", 1)
            async with aiohttp.ClientSession(
                    headers={"Authorization": f"Bearer {token}"}) as s, \
                    s.ws_connect(f"{ws_url}/api/v1/stream?since=0") as stream:
                assert (await stream.receive_json(timeout=5))["type"] == "hello"
                for n in range(5):
                    await login(c.api_url, "operadora1", f"mal-{n}", status=401)
                assert (await login(c.api_url, "operadora1", status=401))["reason"] == "locked"
                assert c.authenticator is not None
                await c.authenticator.account_changed()  # the sockets' check, now
                await _alarm(c)  # a change: it still reaches her stream
                while (await stream.receive_json(timeout=5))["type"] != "changes":
                    pass
                async with s.get(f"{c.api_url}/api/v1/units") as r:
                    assert r.status == 200

    asyncio.run(main())
