"""An in-process central with audio sessions on real loopback sockets, for the audio tests."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from c4console.central.audio.manager import AudioConfig, AudioManager
from c4console.central.audio.routes import add_audio_routes
from c4console.central.crypto.keys import MediaKeys
from tests.central.helpers import (
    GATEWAY_ACCOUNT,
    TEST_ACCOUNTS,
    client,
    login,
    panic_alarm,
    running_central,
)

_CENTRALS: dict[str, AudioCentral] = {}  # by audio_api: where open_session sends her alarm


@dataclass
class AudioCentral:
    """Where the test central listens and its audio manager."""

    api: str
    osmand: str
    audio_api: str  # base URL serving /api/v1/audio-sessions
    manager: AudioManager
    recordings: Path
    db_url: str
    central: Any


@contextlib.asynccontextmanager
async def audio_central(tmp_path: Path, **audio: Any) -> AsyncIterator[AudioCentral]:
    """A seeded central plus audio; the audio endpoints on the central's API if it mounts
    them, else on a site of their own behind the same login."""
    db_url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    recordings = tmp_path / "recordings"
    async with running_central(tmp_path, db_url, accounts=[*TEST_ACCOUNTS, GATEWAY_ACCOUNT]
                               ) as central:
        manager = getattr(central, "audio", None)
        runner = None
        if manager is None:
            from c4console.central.api import json_errors
            from c4console.central.api_auth import auth_middleware

            # Sealed at rest with a key file beside the recordings (as the central's default).
            keys, _ = MediaKeys.load_or_create(tmp_path / "media.key")
            cfg = AudioConfig(recordings=recordings, keys=keys, **audio)
            manager = AudioManager(central.service, central.reader, cfg, central.config.server_id)
            await manager.start()
            app = web.Application(middlewares=[json_errors, auth_middleware(central.authenticator)])
            add_audio_routes(app, manager)
            runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            audio_api = f"http://127.0.0.1:{runner.addresses[0][1]}"
        else:
            audio_api = central.api_url
            recordings = manager.config.recordings
        found = AudioCentral(central.api_url, central.osmand_url, audio_api, manager, recordings,
                             db_url, central)
        _CENTRALS[audio_api] = found
        try:
            yield found
        finally:
            _CENTRALS.pop(audio_api, None)
            if runner is not None:
                await manager.stop()
                await runner.cleanup()


@contextlib.contextmanager
def registered(central: AudioCentral) -> Iterator[AudioCentral]:
    """Let :func:`open_session` reach a central a test started itself (with GATEWAY_ACCOUNT)."""
    _CENTRALS[central.audio_api] = central
    try:
        yield central
    finally:
        _CENTRALS.pop(central.audio_api, None)


async def gateway_headers(base: str) -> dict[str, str]:
    """The Authorization header of the gateway's service account on the central at ``base``."""
    central = _CENTRALS[base]
    token = (await login(central.api, GATEWAY_ACCOUNT.name, GATEWAY_ACCOUNT.password))["token"]
    return {"Authorization": f"Bearer {token}"}


async def open_session(s: aiohttp.ClientSession | None, base: str, device: str, codec: str = "PCMU",
                       status: int = 201, *, alarm: bool = True, **extra: Any) -> dict[str, Any]:
    """What the gateway does: her alarm first (when a session is expected and ``alarm``),
    then POST /audio-sessions as the gateway's service account, asserting the status; the
    answer. With ``alarm=False`` her call comes first: the session waits for her alarm.
    ``s`` (a logged-in session of the test) is not used: kept for the callers."""
    del s
    if status == 201 and alarm:
        await panic_alarm(_CENTRALS[base].osmand, device)
    async with aiohttp.ClientSession(headers=await gateway_headers(base)) as gw, gw.post(
            f"{base}/api/v1/audio-sessions", json={"device_id": device, "codec": codec,
                                                   **extra}) as r:
        body = await r.json()
        assert r.status == status, body
        return body


async def end_session(base: str, session_id: str, status: int = 200) -> dict[str, Any]:
    """POST /audio-sessions/{id}/end as the gateway, asserting the status; the answer."""
    async with aiohttp.ClientSession(headers=await gateway_headers(base)) as gw, gw.post(
            f"{base}/api/v1/audio-sessions/{session_id}/end") as r:
        body = await r.json()
        assert r.status == status, body
        return body


async def until(condition: Callable[[], Any], what: str, timeout: float = 60.0) -> Any:
    """Wait until ``condition()`` is truthy (polled on the loop); its value. The timeout only
    bounds a failure: a loaded machine is slow, not wrong."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, f"not within {timeout:.0f} s: {what}"
        await asyncio.sleep(0.02)
    return value


async def until_taken_in(c: AudioCentral, session_id: str, packets: int, dropped: int = 0,
                         timeout: float = 60.0) -> dict[str, Any]:
    """Wait until the live session has taken in ``packets`` packets (and dropped ``dropped``):
    what a sender sent has left the socket's queue, so ending the session now records all
    of it; the session's live description."""
    def taken_in() -> dict[str, Any] | None:
        live = c.manager.describe_id(session_id)
        assert live is not None, f"session {session_id} is not live"
        done = live["packets"] >= packets and sum(live["dropped"].values()) >= dropped
        return live if done else None

    return await until(taken_in, f"{packets} packet(s) and {dropped} drop(s) in {session_id}",
                       timeout)


__all__ = ["AudioCentral", "audio_central", "client", "end_session", "open_session", "registered",
           "until", "until_taken_in"]
