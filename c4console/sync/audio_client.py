"""Console side of live audio: the audio-session endpoints and the listen WebSocket.

:class:`AudioListener` connects to ``/api/v1/audio-sessions/{id}/listen``,
reads the ``audio_hello`` and then one binary frame per RTP packet
(:mod:`c4console.core.audio_frame`), and hands each to a sink — the
:class:`~c4console.sound.player.LivePlayer` in the console. It runs on the
event loop (the GUI's, through qasync) and reconnects while the session is live.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import aiohttp

from c4console.core.audio_frame import AudioFrame, BadFrame, decode_frame
from c4console.sync.backoff import Backoff

log = logging.getLogger(__name__)

Headers = Callable[[], Awaitable[dict[str, str]]]


class FrameSink(Protocol):
    """Where frames go (the live player)."""

    def start(self, rate: int) -> None: ...
    def feed(self, position: int, pcm_le16: bytes | memoryview) -> None: ...
    def end(self) -> None: ...


async def _no_headers() -> dict[str, str]:
    return {}


class AudioApiError(RuntimeError):
    """The central refused an audio request; the message says what it said."""


class AudioSessions:
    """The REST side: live sessions and one session's details."""

    def __init__(self, base_url: str, http: aiohttp.ClientSession, headers: Headers | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = http
        self.headers = headers or _no_headers

    async def _get(self, path: str, **params: str) -> dict[str, Any]:
        async with self.http.get(f"{self.base_url}{path}", params=params,
                                 headers=await self.headers()) as r:
            if r.status >= 400:
                raise AudioApiError(f"GET {path} → {r.status}: {(await r.text())[:300]}")
            return await r.json()

    async def live(self) -> list[dict[str, Any]]:
        """The live sessions, with their recording counters."""
        return list((await self._get("/api/v1/audio-sessions", status="live"))["sessions"])

    async def session(self, session_id: str) -> dict[str, Any]:
        """One session (live or recorded)."""
        return await self._get(f"/api/v1/audio-sessions/{session_id}")

    def listen_url(self, session_id: str) -> str:
        """WebSocket URL of a session's live audio."""
        ws = self.base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
        return f"{ws}/api/v1/audio-sessions/{session_id}/listen"


@dataclass
class ListenStats:
    """Counters of one listener."""

    frames: int = 0
    bad_frames: int = 0
    reconnects: int = 0
    connected: bool = False
    ended: bool = False
    last_error: str = ""
    session: dict[str, Any] = field(default_factory=dict)


class AudioListener:
    """Follows one session's live audio into a sink until the session ends or ``stop()``."""

    def __init__(self, sessions: AudioSessions, session_id: str, sink: FrameSink, *,
                 on_state: Callable[[ListenStats], None] | None = None) -> None:
        self.sessions = sessions
        self.session_id = session_id
        self.sink = sink
        self.on_state = on_state
        self.stats = ListenStats()
        self._task: asyncio.Task | None = None
        self._rate = 0

    def start(self) -> None:
        """Start listening on the running loop."""
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        """Stop listening."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def wait(self) -> None:
        """Until the session ends (or the listener is stopped)."""
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        backoff = Backoff()
        while not self.stats.ended:
            try:
                await self._listen_once(backoff)
            except asyncio.CancelledError:
                raise
            except aiohttp.WSServerHandshakeError as e:
                self.stats.last_error = f"refused: {e.status} {e.message}"
                if e.status in (404, 409):  # gone or no longer live: nothing to wait for
                    self.stats.ended = True
                log.info("listening to %s: %s", self.session_id, self.stats.last_error)
            except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as e:
                self.stats.last_error = f"{type(e).__name__}: {e}"
                log.info("listening to %s: %s", self.session_id, self.stats.last_error)
            self._set_connected(False)
            if self.stats.ended:
                break
            self.stats.reconnects += 1
            await asyncio.sleep(backoff.next())
        self.sink.end()

    async def _listen_once(self, backoff: Backoff) -> None:
        url = self.sessions.listen_url(self.session_id)
        async with self.sessions.http.ws_connect(url, headers=await self.sessions.headers(),
                                                  heartbeat=20) as ws:
            async for msg in ws:
                if msg.type is aiohttp.WSMsgType.BINARY:
                    self._on_frame(msg.data)
                    if self.stats.ended:
                        return
                elif msg.type is aiohttp.WSMsgType.TEXT:
                    self._on_hello(json.loads(msg.data))
                    backoff.reset()
            if ws.close_code in (aiohttp.WSCloseCode.OK, aiohttp.WSCloseCode.GOING_AWAY):
                self.stats.ended = True  # the session ended (or the central is going away)
            else:
                self.stats.last_error = f"closed ({ws.close_code})"

    def _on_hello(self, hello: dict[str, Any]) -> None:
        if hello.get("type") != "audio_hello":
            return
        self.stats.session = dict(hello.get("session") or {})
        rate = int(self.stats.session.get("sample_rate") or 8000)
        if rate != self._rate:
            self._rate = rate
            self.sink.start(rate)
        self._set_connected(True)

    def _on_frame(self, data: bytes) -> None:
        try:
            frame: AudioFrame = decode_frame(data)
        except BadFrame as e:
            self.stats.bad_frames += 1
            if self.stats.bad_frames == 1:
                log.warning("listening to %s: bad frame dropped (%s)", self.session_id, e)
            return
        if frame.end:
            self.stats.ended = True
            return
        if frame.rate != self._rate:
            self._rate = frame.rate
            self.sink.start(frame.rate)
        self.stats.frames += 1
        self.sink.feed(frame.position, frame.pcm)

    def _set_connected(self, connected: bool) -> None:
        if connected != self.stats.connected:
            self.stats.connected = connected
            if self.on_state is not None:
                self.on_state(self.stats)
