"""The simulator's side of a central: the device gateway plus the console's own client.

- OsmAnd ``GET /?id=…&lat=…&lon=…`` on the device gateway (positions and alarms) —
  the one thing only a device does, so it is here;
- everything on the API goes through the sync layer's client
  (:class:`c4console.sync.client.CentralClient`, with its login and its retry after a
  401) and typed API (:class:`c4console.sync.central_api.CentralApi`): commands (with
  idempotency keys, so a retry after a lost answer is harmless), the stream resumed
  from the last seq after a reconnect and backfilled when a gap shows, the reads.

The simulator logs in as its own account (``simulador``, an operator, seeded by
``c4central serve --demo``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import aiohttp

from c4console.sync.backoff import Backoff
from c4console.sync.central_api import CentralApi
from c4console.sync.client import AuthRequired, CentralClient, CentralError, LoginRefused

log = logging.getLogger(__name__)

KMH_PER_KNOT = 1.852  # OsmAnd/Traccar Client report speed in knots
REQUEST_TIMEOUT_S = 10.0
STREAM_HEARTBEAT_S = 30.0
# The simulator's reconnect delays start at half a second (the console's at a quarter).
BACKOFF_BASE_S = 0.5

ChangeHandler = Callable[[list[dict[str, Any]]], Awaitable[None]]

__all__ = ["CentralUnavailable", "LoginRefused", "Result", "SimulatorClient", "sleep_unless"]


class CentralUnavailable(ConnectionError):
    """The central could not be reached (or answered with a server error)."""


@contextlib.contextmanager
def _unavailable(what: str) -> Iterator[None]:
    """Unreachable or a server error: :class:`CentralUnavailable`; a refused request (4xx):
    ValueError; a refused login passes as it is."""
    try:
        yield
    except AuthRequired:
        raise
    except CentralError as e:
        if e.status is None or e.status >= 500:
            raise CentralUnavailable(f"{what}: {e}") from e
        raise ValueError(f"{what}: {e}") from e
    except (aiohttp.ClientError, TimeoutError, OSError) as e:
        raise CentralUnavailable(f"{what}: {e or type(e).__name__}") from e


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


class SimulatorClient:
    """The device gateway (``osmand`` base URL) and the API (``api`` base URL) of one central."""

    def __init__(self, session: aiohttp.ClientSession, api: str, osmand: str, *,
                 workstation: str = "simulador", username: str = "simulador",
                 password: str = "") -> None:
        self.session = session
        self.central = CentralClient(api, session, username=username, password=password)
        self.api = CentralApi(self.central)
        self.api_url = api.rstrip("/") + "/api/v1"  # for the demo audio's own endpoints
        self.osmand = osmand.rstrip("/") + "/"
        self.workstation = workstation
        self._timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)

    # -- login ----------------------------------------------------------------

    async def login(self) -> str:
        """Log in; returns the role. Raises :class:`LoginRefused` or :class:`CentralUnavailable`."""
        with _unavailable("login"):
            info = await self.central.login()
        log.info("logged in as %s (%s)", info.user, info.role or "?")
        return info.role

    async def auth_headers(self) -> dict[str, str]:
        """The Authorization header (logging in first if needed), for other API users."""
        with _unavailable("login"):
            return await self.central.auth_headers()

    # -- device gateway -------------------------------------------------------

    async def position(self, device_id: str, lat: float, lon: float, *, speed_kmh: float | None = None,
                       bearing: float | None = None, alarm: str | None = None,
                       at: float | None = None) -> int:
        """Send one OsmAnd report; returns the HTTP status (200, 400 or 403). ``at``: the
        fix's time (epoch seconds; default now) — a simulated day gives its own.

        Raises :class:`CentralUnavailable` if the gateway cannot be reached.
        """
        # Millisecond timestamps: the central ignores a fix not newer than the last one.
        params = {"id": device_id, "lat": f"{lat:.6f}", "lon": f"{lon:.6f}",
                  "timestamp": f"{time.time() if at is None else at:.3f}"}
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
        deadline = time.monotonic() + retry_for
        backoff = Backoff(base=BACKOFF_BASE_S)
        while True:
            try:
                with _unavailable("POST /commands"):
                    results = await self.api.commands([cmd], actor, self.workstation)
                return Result.from_wire(results[0])
            except CentralUnavailable as e:
                if time.monotonic() >= deadline:
                    raise
                delay = backoff.next()
                log.info("command %s as %s not delivered (%s); retrying in %.1f s",
                         cmd["type"], actor, e, delay)
                await asyncio.sleep(delay)

    # -- reads ----------------------------------------------------------------

    async def units(self) -> list[dict[str, Any]]:
        """The central's units (:class:`CentralUnavailable` when unreachable)."""
        with _unavailable("GET /units"):
            return await self.api.units()

    async def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident's snapshot; None if the central has none."""
        with _unavailable(f"GET /incidents/{incident_id}"):
            return await self.api.incident(incident_id)

    async def records(self, entity: str, upto: int) -> list[dict[str, Any]]:
        """The latest record of each ``entity`` id on the change feed up to seq ``upto``
        (as this account may see it: its need-to-know applies), read page by page."""
        latest: dict[str, dict[str, Any]] = {}
        cursor = 0
        while cursor < upto:
            with _unavailable("GET /changes"):
                page = await self.api.changes_wire(cursor, limit=1000)
            if not page:
                break
            for change in page:
                if change["seq"] <= upto and change.get("entity") == entity:
                    if change.get("op") == "delete":
                        latest.pop(str(change.get("id")), None)
                    else:
                        latest[str(change.get("id"))] = change.get("data") or {}
            cursor = page[-1]["seq"]
        return list(latest.values())

    async def wait_until_up(self, stop: asyncio.Event) -> dict[str, Any] | None:
        """Poll ``/health`` with backoff until it answers; None if ``stop`` is set first."""
        backoff = Backoff(base=BACKOFF_BASE_S)
        while not stop.is_set():
            try:
                with _unavailable("GET /health"):
                    return await self.api.health()
            except (CentralUnavailable, ValueError) as e:
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
        backoff = Backoff(base=BACKOFF_BASE_S)
        while not stop.is_set():
            try:
                await self._stream_once(feed, stop, backoff)
            except (aiohttp.ClientError, TimeoutError, ConnectionError, CentralError) as e:
                if isinstance(e, AuthRequired):
                    log.error("stream: %s; retrying", e)
                else:
                    log.warning("stream lost at seq %d: %s", feed.cursor, e or type(e).__name__)
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
        ws = await self.central.connect_stream(feed.cursor, heartbeat=STREAM_HEARTBEAT_S)
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
            page = await self.api.changes_wire(feed.cursor, limit=1000)
            changes = [c for c in page if c["seq"] <= upto]
            if not changes:
                break
            await feed.handle(changes)
            feed.cursor = changes[-1]["seq"]


@dataclass
class _Feed:
    """Where a follower is: survives the reconnects of :meth:`SimulatorClient.follow`."""

    cursor: int
    handle: ChangeHandler


async def sleep_unless(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep ``seconds`` or until ``stop`` is set; True if stopped."""
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        return False
    return True
