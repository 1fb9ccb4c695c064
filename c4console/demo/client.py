"""A small aiohttp client for the three ways the simulator talks to a central.

- OsmAnd ``GET /?id=…&lat=…&lon=…`` on the device gateway (positions and alarms);
- ``POST /api/v1/commands`` (with idempotency keys, so a retry after a lost answer
  is harmless);
- the ``/api/v1/stream`` WebSocket, resumed from the last seq after a reconnect and
  backfilled from ``GET /api/v1/changes`` when a gap shows.

The API needs a login: the simulator logs in as its own account (``simulador``,
an operator, seeded by ``c4central serve --demo``) and logs in again when the
central answers 401 (token expired or revoked).
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

log = logging.getLogger(__name__)

KMH_PER_KNOT = 1.852  # OsmAnd/Traccar Client report speed in knots
REQUEST_TIMEOUT_S = 10.0
STREAM_HEARTBEAT_S = 30.0

ChangeHandler = Callable[[list[dict[str, Any]]], Awaitable[None]]


class CentralUnavailable(ConnectionError):
    """The central could not be reached (or answered with a server error)."""


class LoginRefused(ValueError):
    """The central refused the simulator's user name and password."""


@dataclass
class Backoff:
    """Reconnect delays that double from ``base`` to ``cap``, with jitter."""

    base: float = 0.5
    cap: float = 10.0
    attempt: int = 0

    def next(self) -> float:
        """The next delay in seconds."""
        ceiling = min(self.cap, self.base * 2 ** self.attempt)
        self.attempt += 1
        return random.uniform(ceiling / 2, ceiling)

    def reset(self) -> None:
        """Back to the shortest delay after a success."""
        self.attempt = 0


@dataclass(frozen=True, slots=True)
class Result:
    """One command's outcome; a ``duplicate`` is unwrapped to the original outcome."""

    outcome: str
    reason: str = ""
    message: str = ""

    @property
    def accepted(self) -> bool:
        """True if the central applied the command (now or the first time it saw the key)."""
        return self.outcome == "accepted"

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Result:
        """From one entry of the ``results`` list."""
        if data.get("outcome") == "duplicate" and isinstance(data.get("original"), dict):
            data = data["original"]
        return cls(str(data.get("outcome", "")), str(data.get("reason", "")), str(data.get("message", "")))


class CentralClient:
    """HTTP and WebSocket access to one central (``api`` and ``osmand`` base URLs)."""

    def __init__(self, session: aiohttp.ClientSession, api: str, osmand: str, *,
                 workstation: str = "simulador", username: str = "simulador",
                 password: str = "") -> None:
        self.session = session
        self.api = api.rstrip("/") + "/api/v1"
        self.osmand = osmand.rstrip("/") + "/"
        self.workstation = workstation
        self.username = username
        self.password = password
        self._token: str | None = None
        self._timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)

    # -- login ----------------------------------------------------------------

    async def login(self) -> str:
        """Log in; returns the role. Raises :class:`LoginRefused` or :class:`CentralUnavailable`."""
        try:
            async with self.session.post(self.api + "/auth/login", timeout=self._timeout,
                                         json={"username": self.username,
                                               "password": self.password}) as resp:
                if resp.status >= 500:
                    raise CentralUnavailable(f"login: HTTP {resp.status}")
                text = await resp.text()
                try:
                    body = json.loads(text)
                except ValueError:
                    body = None
                if resp.status != 200 or not isinstance(body, dict) or "token" not in body:
                    said = body.get("error") if isinstance(body, dict) else text[:200]
                    raise LoginRefused(f"login as {self.username} refused (HTTP {resp.status}): {said}")
        except (aiohttp.ClientError, TimeoutError) as e:
            raise CentralUnavailable(f"login: {e or type(e).__name__}") from e
        self._token = str(body["token"])
        log.info("logged in as %s (%s)", body.get("user", self.username), body.get("role", "?"))
        return str(body.get("role", ""))

    async def auth_headers(self) -> dict[str, str]:
        """The Authorization header (logging in first if needed), for other API users."""
        return await self._headers()

    async def _headers(self) -> dict[str, str]:
        if self._token is None:
            await self.login()
        return {"Authorization": f"Bearer {self._token}"}

    def _expired(self, headers: dict[str, str]) -> None:
        """The central refused this token: the next request logs in again."""
        if headers.get("Authorization") == f"Bearer {self._token}":
            self._token = None

    # -- device gateway -------------------------------------------------------

    async def position(self, device_id: str, lat: float, lon: float, *, speed_kmh: float | None = None,
                       bearing: float | None = None, alarm: str | None = None) -> int:
        """Send one OsmAnd report; returns the HTTP status (200, 400 or 403).

        Raises :class:`CentralUnavailable` if the gateway cannot be reached.
        """
        # Millisecond timestamps: the central ignores a fix not newer than the last one.
        params = {"id": device_id, "lat": f"{lat:.6f}", "lon": f"{lon:.6f}",
                  "timestamp": f"{time.time():.3f}"}
        if speed_kmh is not None:
            params["speed"] = f"{speed_kmh / KMH_PER_KNOT:.1f}"
        if bearing is not None:
            params["bearing"] = f"{bearing:.0f}"
        if alarm:
            params["alarm"] = alarm
        try:
            async with self.session.get(self.osmand, params=params, timeout=self._timeout) as resp:
                if resp.status >= 400:
                    log.warning("OsmAnd report from %s answered %d: %s", device_id, resp.status,
                                (await resp.text()).strip()[:200])
                return resp.status
        except (aiohttp.ClientError, TimeoutError) as e:
            raise CentralUnavailable(f"OsmAnd gateway {self.osmand}: {e or type(e).__name__}") from e

    # -- commands -------------------------------------------------------------

    async def command(self, actor: str, command: dict[str, Any], *, retry_for: float = 30.0) -> Result:
        """Send one command as ``actor``; retried with the same key while the central is away."""
        cmd = {"key": str(uuid.uuid4()), **command}
        body = {"workstation": self.workstation, "actor": actor, "commands": [cmd]}
        deadline = time.monotonic() + retry_for
        backoff = Backoff()
        while True:
            try:
                answer = await self._post_json("/commands", body)
                return Result.from_wire(answer["results"][0])
            except CentralUnavailable as e:
                if time.monotonic() >= deadline:
                    raise
                delay = backoff.next()
                log.info("command %s as %s not delivered (%s); retrying in %.1f s",
                         cmd["type"], actor, e, delay)
                await asyncio.sleep(delay)

    async def _post_json(self, path: str, body: dict[str, Any]) -> Any:
        for attempt in (1, 2):
            headers = await self._headers()
            try:
                async with self.session.post(self.api + path, json=body, headers=headers,
                                             timeout=self._timeout) as resp:
                    if resp.status == 401 and attempt == 1:
                        self._expired(headers)
                        continue
                    if resp.status >= 500:
                        raise CentralUnavailable(f"POST {path}: HTTP {resp.status}")
                    if resp.status != 200:
                        raise ValueError(f"POST {path}: HTTP {resp.status}: {(await resp.text())[:300]}")
                    return await resp.json()
            except (aiohttp.ClientError, TimeoutError) as e:
                raise CentralUnavailable(f"POST {path}: {e or type(e).__name__}") from e
        raise AssertionError("unreachable")

    # -- reads ----------------------------------------------------------------

    async def get_json(self, path: str, *, auth: bool = True, **params: Any) -> Any:
        """GET ``/api/v1<path>``; None for 404, :class:`CentralUnavailable` when unreachable.

        ``auth=False`` for the public /health (polled before logging in).
        """
        for attempt in (1, 2):
            headers = await self._headers() if auth else {}
            try:
                async with self.session.get(self.api + path, params=params or None, headers=headers,
                                            timeout=self._timeout) as resp:
                    if resp.status == 401 and auth and attempt == 1:
                        self._expired(headers)
                        continue
                    if resp.status == 404:
                        return None
                    if resp.status >= 500:
                        raise CentralUnavailable(f"GET {path}: HTTP {resp.status}")
                    resp.raise_for_status()
                    return await resp.json()
            except (aiohttp.ClientError, TimeoutError) as e:
                raise CentralUnavailable(f"GET {path}: {e or type(e).__name__}") from e
        raise AssertionError("unreachable")

    async def wait_until_up(self, stop: asyncio.Event) -> dict[str, Any] | None:
        """Poll ``/health`` with backoff until it answers; None if ``stop`` is set first."""
        backoff = Backoff()
        while not stop.is_set():
            try:
                return await self.get_json("/health", auth=False)
            except CentralUnavailable as e:
                delay = backoff.next()
                log.info("central not reachable (%s); retrying in %.1f s", e, delay)
                await sleep_unless(stop, delay)
        return None

    # -- change feed ----------------------------------------------------------

    async def follow(self, cursor: int, handle: ChangeHandler, stop: asyncio.Event) -> int:
        """Apply every change after ``cursor`` to ``handle`` in seq order until ``stop``.

        Reconnects with backoff when the stream drops, resuming from the last seq
        handled. Returns the final cursor.
        """
        feed = _Feed(cursor, handle)
        backoff = Backoff()
        while not stop.is_set():
            try:
                await self._stream_once(feed, stop, backoff)
            except (aiohttp.ClientError, TimeoutError, ConnectionError) as e:
                log.warning("stream lost at seq %d: %s", feed.cursor, e or type(e).__name__)
            except LoginRefused as e:
                log.error("stream: %s; retrying", e)
            except (ValueError, KeyError, TypeError) as e:
                # A frame we cannot read: start over from the cursor rather than guess.
                log.error("stream frame not understood at seq %d (%s: %s); reconnecting",
                          feed.cursor, type(e).__name__, e)
            if stop.is_set():
                break
            delay = backoff.next()
            log.info("stream: reconnecting from seq %d in %.1f s", feed.cursor, delay)
            await sleep_unless(stop, delay)
        return feed.cursor

    async def _stream_once(self, feed: _Feed, stop: asyncio.Event, backoff: Backoff) -> None:
        url = f"{self.api}/stream"
        headers = await self._headers()
        try:
            ws = await self.session.ws_connect(url, params={"since": str(feed.cursor)}, headers=headers,
                                               heartbeat=STREAM_HEARTBEAT_S)
        except aiohttp.WSServerHandshakeError as e:
            if e.status == 401:
                self._expired(headers)  # the reconnect logs in again
            raise
        async with ws:
            log.info("stream connected since seq %d", feed.cursor)
            receive = asyncio.ensure_future(ws.receive())
            stopping = asyncio.ensure_future(stop.wait())
            try:
                while True:
                    await asyncio.wait({receive, stopping}, return_when=asyncio.FIRST_COMPLETED)
                    if stopping.done():
                        return
                    msg = receive.result()
                    if msg.type is not aiohttp.WSMsgType.TEXT:
                        raise ConnectionError(f"stream closed ({msg.type.name}, code {ws.close_code})")
                    frame = json.loads(msg.data)
                    if frame.get("type") == "hello":
                        backoff.reset()
                    elif frame.get("type") == "changes":
                        await self._apply(feed, frame.get("changes") or [])
                    receive = asyncio.ensure_future(ws.receive())
            finally:
                for fut in (receive, stopping):
                    fut.cancel()

    async def _apply(self, feed: _Feed, changes: list[dict[str, Any]]) -> None:
        if changes and changes[0]["seq"] > feed.cursor + 1:
            await self._backfill(feed, changes[0]["seq"] - 1)
        fresh = [c for c in changes if c["seq"] > feed.cursor]  # a resent change is applied once
        if fresh:
            await feed.handle(fresh)
            feed.cursor = fresh[-1]["seq"]

    async def _backfill(self, feed: _Feed, upto: int) -> None:
        # A gap in the push: read the missing changes before applying anything newer.
        log.info("stream gap after seq %d: backfilling up to %d", feed.cursor, upto)
        while feed.cursor < upto:
            page = await self.get_json("/changes", since=feed.cursor, limit=1000)
            changes = [c for c in page["changes"] if c["seq"] <= upto]
            if not changes:
                break
            await feed.handle(changes)
            feed.cursor = changes[-1]["seq"]


@dataclass
class _Feed:
    """Where a follower is: survives the reconnects of :meth:`CentralClient.follow`."""

    cursor: int
    handle: ChangeHandler


async def sleep_unless(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep ``seconds`` or until ``stop`` is set; True if stopped."""
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        return False
    return True
