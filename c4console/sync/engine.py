"""The sync engine: login, one live stream, gap backfill, and the outbox drain.

Runs on the asyncio loop (the GUI's, through qasync). Cache writes go to one
worker thread so an fsync never stalls the event loop; their results come back
to the loop by ``await``, the only way back to the GUI thread.

The engine logs in with the credentials (or token) it was given before it
streams or posts, and again when the token expires or the central answers 401.
If the central refuses the password (or the account is locked) the engine stops
trying — retrying would lock the account — reports it through
``on_connection(False, "login refused: …")`` and :attr:`SyncEngine.auth_error`,
and waits for :meth:`SyncEngine.set_credentials`. Commands stay in the outbox.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import ssl
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

import aiohttp

from c4console.core.changes import Change, FeedGap
from c4console.store.cache import LocalCache, OutboxEntry
from c4console.sync.backoff import Backoff
from c4console.sync.central_api import CentralApi
from c4console.sync.client import AuthRequired, CentralClient, CentralError, LoginRefused, TokenInfo

log = logging.getLogger(__name__)

BATCH = 100
WORKSTATION_HEADER = "X-C4-Workstation"  # names the desk in the central's audit log
RENEW_IDLE_S = 1.0  # the renewal loop looks again this often while there is no login to renew


class SyncListener(Protocol):
    """What the engine tells the application (called on the event loop's thread)."""

    def on_changes(self, applied: list[Change]) -> None: ...
    def on_results(self, results: list[dict[str, Any]]) -> None: ...
    def on_connection(self, connected: bool, detail: str) -> None: ...


@dataclass
class SyncStats:
    """Counters for the status bar and the benchmarks."""

    batches: int = 0
    changes: int = 0
    backfills: int = 0
    reconnects: int = 0
    apply_errors: int = 0  # frames the console failed to apply (then it reconnected)
    commands_sent: int = 0


class SyncEngine:
    """Keeps a :class:`LocalCache` in step with one central."""

    def __init__(self, cache: LocalCache, base_url: str, listener: SyncListener, *,
                 actor: str, workstation: str | None = None, username: str | None = None,
                 password: str | None = None, token: str | None = None,
                 token_info: TokenInfo | None = None, keep_password: bool = True,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self.cache = cache
        self.base_url = base_url
        self.listener = listener
        self.actor = actor
        self.workstation = workstation or socket.gethostname()
        self.connected = False
        self.stats = SyncStats()
        self.auth_error: str | None = None  # why the central refused our login, until fixed
        self.auth_reason = ""  # its reason (LoginRefused.reason), e.g. mfa_required
        self._credentials = (username, password, token)
        # A login already made (the console checked the password at start): its token is used
        # and, with keep_password False, no password is held at all (issue 16 point 6).
        self._token_info = token_info
        self._keep_password = keep_password
        self._ssl = ssl_context
        self._db = ThreadPoolExecutor(1, thread_name_prefix="c4-cache")
        self._wake_outbox = asyncio.Event()
        self._new_credentials = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self._session: aiohttp.ClientSession | None = None
        self._client: CentralClient | None = None
        self._closing = False
        # The typed API the panels are given: it goes through the current client.
        self.api = CentralApi(lambda: self._client)

    @property
    def client(self) -> CentralClient | None:
        """The HTTP client (after :meth:`start`); its ``info`` holds the current login."""
        return self._client

    def set_credentials(self, username: str, password: str, code: str | None = None) -> None:
        """Log in as this user from now on (after a refused login, or on unlock), with
        ``code`` (her second factor) for that login. Without keep_password the password is
        held only until that login succeeds."""
        self._credentials = (username, password if self._keep_password else None, None)
        self.auth_error = None
        self.auth_reason = ""
        if self._client is not None:
            self._client.set_credentials(username, password, code)
        self._new_credentials.set()

    async def db(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a cache call on the cache's own thread and await its result."""
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    def start(self) -> None:
        """Start the stream and outbox tasks (they log in first)."""
        connector = aiohttp.TCPConnector(ssl=self._ssl) if self._ssl is not None else None
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30),
                                              connector=connector,
                                              headers={WORKSTATION_HEADER: self.workstation})
        username, password, token = self._credentials
        self._client = CentralClient(self.base_url, self._session, username=username,
                                     password=password, token=token, info=self._token_info,
                                     keep_password=self._keep_password)
        if not self._keep_password:
            self._credentials = (username, None, None)  # the client holds it until its login
        self._tasks = [asyncio.ensure_future(self._stream_loop()),
                       asyncio.ensure_future(self._outbox_loop()),
                       asyncio.ensure_future(self._renew_loop())]

    async def close(self, *, logout: bool = False) -> None:
        """Stop the tasks and release the network and the cache thread.

        ``logout`` also revokes the token at the central (an operator signing off).
        """
        self._closing = True
        for t in self._tasks:
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if logout and self._client is not None:
            await self._client.logout()
        if self._session is not None:
            await self._session.close()
        self._db.shutdown(wait=True)

    # --- commands -----------------------------------------------------------

    async def submit(self, command: dict[str, Any]) -> OutboxEntry:
        """Write a command to the outbox (durable when this returns) and wake the sender."""
        entry = await self.db(self.cache.enqueue, command)
        self._wake_outbox.set()
        return entry

    async def _outbox_loop(self) -> None:
        while not self._closing:
            await self._wake_outbox.wait()
            self._wake_outbox.clear()
            while self.connected and not self._closing:
                pending: list[OutboxEntry] = await self.db(self.cache.pending)
                if not pending:
                    break
                batch = [e.body for e in pending[:BATCH]]
                try:
                    assert self._client is not None
                    results = await self._client.post_commands(batch, self.actor, self.workstation)
                except AuthRequired as e:
                    # The stream loop reports it and waits for credentials; the commands wait here.
                    log.warning("commands not sent (%s); %d kept in the outbox", e, len(pending))
                    break
                except (aiohttp.ClientError, OSError, TimeoutError, CentralError) as e:
                    # Stays in the outbox; the stream loop notices the outage and
                    # wakes us on reconnect.
                    log.warning("commands not sent (%s); %d kept in the outbox", e, len(pending))
                    await asyncio.sleep(0.5)
                    break
                await self.db(self.cache.record_results, results)
                self.stats.commands_sent += len(batch)
                self.listener.on_results(results)

    # --- the token ------------------------------------------------------------

    async def _renew_loop(self) -> None:
        """Renew the token before it expires even while nothing is sent: an open stream
        makes no request, and an expired token can only be replaced with the password,
        which the console does not keep."""
        while not self._closing:
            client = self._client
            at = client.renew_at() if client is not None else None
            if at is None or self.auth_error:
                await asyncio.sleep(RENEW_IDLE_S)
                continue
            await asyncio.sleep(max(0.0, at - time.time()))
            try:
                await client.ensure_token()
            except AuthRequired:
                await asyncio.sleep(RENEW_IDLE_S)  # the stream loop reports it and waits
            except (aiohttp.ClientError, OSError, TimeoutError, CentralError) as e:
                log.info("token not renewed yet (%s); trying again", e)
                await asyncio.sleep(RENEW_IDLE_S)

    # --- change feed ----------------------------------------------------------

    async def _stream_loop(self) -> None:
        backoff = Backoff()
        while not self._closing:
            detail = ""
            # Set by set_credentials() from here on: a change during this attempt is not lost.
            self._new_credentials.clear()
            try:
                assert self._client is not None
                cursor = await self.db(self.cache.cursor)
                ws = await self._client.connect_stream(cursor, heartbeat=20, max_msg_size=64 << 20)
                if await self._claim_cache():
                    await ws.close()  # from cursor 0, for this user and role
                    continue
                async with ws:
                    async for msg in ws:
                        if msg.type is not aiohttp.WSMsgType.TEXT:
                            break
                        await self._on_frame(json.loads(msg.data), backoff)
                    detail = f"stream closed ({ws.close_code})"
            except asyncio.CancelledError:
                raise
            except AuthRequired as e:
                await self._wait_for_credentials(e)
                continue
            except (aiohttp.ClientError, OSError, TimeoutError, CentralError, ValueError) as e:
                detail = f"{type(e).__name__}: {e}"
            except Exception as e:  # noqa: BLE001 — a change we fail to apply (a bug, a record
                # shape we do not know) must not end the feed silently while the status bar
                # still says connected: say it, reconnect, apply from the stored cursor again.
                # Only the exception's type reaches the log: its text may hold her data.
                self.stats.apply_errors += 1
                log.error("feed: applying changes failed (%s); reconnecting", type(e).__name__)
                detail = f"error applying the feed: {type(e).__name__}"
            if self.connected:
                self.stats.reconnects += 1
            self._set_connected(False, detail)
            if not self._closing:
                await asyncio.sleep(backoff.next())

    async def _claim_cache(self) -> bool:
        """Hold the cache for the user and role the stream was just opened with: records
        cached for another (a colleague at this workstation, this account before a role
        change) are wiped, and True says the feed must be received again from the start,
        filtered for this one (need-to-know)."""
        assert self._client is not None
        info = self._client.info
        if info is None:
            return False  # started from a bare token: the central's filter still applies
        if not await self.db(self.cache.claim, f"{info.user}/{info.role}"):
            return False
        log.warning("the cache held records for another user or role: wiped; receiving "
                    "the change feed again for %s", info.role)
        reset = getattr(self.listener, "on_reset", None)
        if reset is not None:
            reset()
        return True

    async def _wait_for_credentials(self, error: AuthRequired) -> None:
        """The central will not let us in: say so and wait for new credentials."""
        self.auth_error = str(error)
        self.auth_reason = error.reason if isinstance(error, LoginRefused) else ""
        what = "login refused" if isinstance(error, LoginRefused) else "not logged in"
        log.warning("%s: %s; waiting for new credentials", what, error)
        if self.connected:
            self.stats.reconnects += 1
        self._set_connected(False, f"{what}: {error}")
        await self._new_credentials.wait()

    async def _on_frame(self, frame: dict[str, Any], backoff: Backoff) -> None:
        kind = frame.get("type")
        if kind == "hello":
            backoff.reset()
            self._set_connected(True, str(frame.get("server_id", "")))
        elif kind == "changes":
            await self._ingest([Change.from_wire(c) for c in frame.get("changes", [])])

    async def _ingest(self, changes: list[Change]) -> None:
        if not changes:
            return
        try:
            applied = await self.db(self.cache.apply, changes)
        except FeedGap as gap:
            log.info("%s; backfilling", gap)
            self.stats.backfills += 1
            await self._backfill()
            applied = await self.db(self.cache.apply, changes)
        self._publish(applied)

    async def _backfill(self) -> None:
        assert self._client is not None
        while True:
            cursor = await self.db(self.cache.cursor)
            page, last, head = await self._client.changes(cursor)
            if page:
                self._publish(await self.db(self.cache.apply, page))
            if not page or last >= head:
                return

    def _publish(self, applied: list[Change]) -> None:
        if applied:
            self.stats.batches += 1
            self.stats.changes += len(applied)
            self.listener.on_changes(applied)

    def _set_connected(self, connected: bool, detail: str) -> None:
        was = self.connected
        self.connected = connected
        if connected and not was:
            self._wake_outbox.set()
        if connected != was or not connected:
            self.listener.on_connection(connected, detail)
