"""Fan-out of committed changes to the WebSocket clients.

Each client has a bounded queue and its own sender task, so one slow console
never delays another: when its queue overflows it is disconnected with a reason
(it reconnects with its cursor and backfills). A client registers *before* its
backlog is read, so a change committed meanwhile is either in the backlog or in
the queue (or both: duplicates are dropped by seq).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import WSCloseCode, web

from c4console.central.need_to_know import FeedGate
from c4console.core.changes import Change

log = logging.getLogger(__name__)

ReadPage = Callable[[int, int], Awaitable[tuple[list[Change], int]]]

BATCH = 500  # changes per frame, for the backlog and for merged live batches


def frame(changes: list[Change], head: int) -> str:
    """The protocol's ``changes`` frame."""
    return json.dumps({"type": "changes", "changes": [c.to_wire() for c in changes], "head": head})


class StreamClient:
    """One WebSocket subscriber: its queue, its cursor and its sender task."""

    def __init__(self, ws: web.WebSocketResponse, name: str, role: str, cursor: int,
                 queue_limit: int, transport: asyncio.BaseTransport | None = None,
                 agency: str = "") -> None:
        self.ws = ws
        self.name = name
        self.role = role  # what it may receive (need-to-know, FeedGate)
        self.agency = agency  # a liaison's agency: the cases shared with it (issue 15)
        # Told what a liaison's frame carried (the C4 audits every read by another agency).
        self.on_shown: Callable[[list[Change]], None] | None = None
        self.transport = transport  # to abort a peer that does not take the close
        self.cursor = cursor  # last seq sent to this client
        self.queue: asyncio.Queue[list[Change]] = asyncio.Queue(queue_limit)
        self.sender: asyncio.Task | None = None
        self.closing = False


class Hub:
    """Holds the stream clients; :meth:`publish` is called on the loop in seq order."""

    def __init__(self, read_page: ReadPage, gate: FeedGate, *, server_id: str,
                 queue_limit: int = 1000, batch: int = BATCH) -> None:
        self.read_page = read_page
        self.gate = gate  # every frame passes through it with the client's role
        self.server_id = server_id
        self.queue_limit = queue_limit
        self.batch = batch
        self.head = 0
        self.clients: set[StreamClient] = set()
        self._closers: set[asyncio.Future[Any]] = set()

    def bind(self, head: int) -> None:
        """Start from the current head (the feed follower publishes what comes after)."""
        self.head = max(self.head, head)

    def publish(self, changes: list[Change]) -> None:
        """Queue new changes for every client; disconnect the ones that cannot keep up."""
        if not changes:
            return
        self.head = max(self.head, changes[-1].seq)
        self.gate.observe(changes)
        for client in list(self.clients):
            if client.closing:
                continue
            try:
                client.queue.put_nowait(changes)
            except asyncio.QueueFull:
                self.kick(client, WSCloseCode.TRY_AGAIN_LATER,
                          f"too slow: {self.queue_limit} batches waiting after seq {client.cursor}; "
                          "reconnect and backfill from your cursor")

    def kick(self, client: StreamClient, code: int, reason: str) -> None:
        """Close one client with a code and a reason, without waiting for it."""
        if client.closing:
            return
        client.closing = True
        self.clients.discard(client)
        log.warning("stream %s closed (%d): %s", client.name, code, reason)
        if client.sender is not None:
            client.sender.cancel()
        # Keep a reference: the loop only holds weak references to tasks.
        task = asyncio.ensure_future(close_ws(client.ws, code, reason, client.transport))
        self._closers.add(task)
        task.add_done_callback(self._closers.discard)

    def register(self, ws: web.WebSocketResponse, since: int, name: str, role: str,
                 transport: asyncio.BaseTransport | None = None, agency: str = "") -> StreamClient:
        """Add a prepared WebSocket as a client at cursor ``since`` (before reading its
        backlog); it receives what ``role`` (of ``agency``, for a liaison) may (need-to-know)."""
        client = StreamClient(ws, name, role, since, self.queue_limit, transport, agency)
        self.clients.add(client)
        return client

    async def start(self, client: StreamClient) -> None:
        """Send hello and the backlog, then start the client's live sender task."""
        _, head = await self.read_page(client.cursor, 0)
        await client.ws.send_str(json.dumps({"type": "hello", "server_id": self.server_id,
                                             "head": max(head, self.head)}))
        await self._send_from_db(client, None)
        if not client.closing:
            client.sender = asyncio.ensure_future(self._sender(client))

    def drop(self, client: StreamClient) -> None:
        """Forget a client whose connection ended."""
        self.clients.discard(client)
        client.closing = True
        if client.sender is not None:
            client.sender.cancel()

    async def _send_from_db(self, client: StreamClient, upto: int | None) -> None:
        """Send stored changes after the client's cursor (up to ``upto``, or all)."""
        while not client.closing and (upto is None or client.cursor < upto):
            page, head = await self.read_page(client.cursor, self.batch)
            if upto is not None:
                page = [c for c in page if c.seq <= upto]
            if not page:
                return
            shown = self._shown(client, page)
            await client.ws.send_str(frame(shown, max(head, self.head)))
            client.cursor = page[-1].seq

    def _shown(self, client: StreamClient, changes: list[Change]) -> list[Change]:
        shown = self.gate.view(client.role, changes, client.agency)
        if client.on_shown is not None:
            client.on_shown(shown)
        return shown

    async def _sender(self, client: StreamClient) -> None:
        try:
            while True:
                pending = await client.queue.get()
                # Merge whatever else is waiting into one frame.
                while not client.queue.empty() and len(pending) < self.batch:
                    pending = pending + client.queue.get_nowait()
                fresh = [c for c in pending if c.seq > client.cursor]
                if not fresh:
                    continue
                if fresh[0].seq > client.cursor + 1:
                    # Cannot happen with one writer, but never send a gap: fill it from the db.
                    await self._send_from_db(client, fresh[0].seq - 1)
                    fresh = [c for c in fresh if c.seq > client.cursor]
                if fresh:
                    shown = self._shown(client, fresh)
                    await client.ws.send_str(frame(shown, self.head))
                    client.cursor = fresh[-1].seq
        except asyncio.CancelledError:
            raise
        except (ConnectionError, RuntimeError) as e:
            # The peer went away while we were writing; the handler sees the close.
            log.info("stream %s: send failed (%s)", client.name, e)
        except Exception:
            log.exception("stream %s: sender failed", client.name)
            self.kick(client, WSCloseCode.INTERNAL_ERROR, "server error while sending changes")

    async def close_all(self, code: int = WSCloseCode.GOING_AWAY, reason: str = "server shutting down"
                        ) -> None:
        """Close every client (shutdown)."""
        clients = list(self.clients)
        for c in clients:
            c.closing = True
            if c.sender is not None:
                c.sender.cancel()
        await asyncio.gather(*(close_ws(c.ws, code, reason, c.transport) for c in clients),
                             return_exceptions=True)
        await asyncio.gather(*list(self._closers), return_exceptions=True)


async def close_ws(ws: web.WebSocketResponse, code: int, reason: str,
                   transport: asyncio.BaseTransport | None = None, timeout: float = 2.0) -> None:
    """Close with a code and a reason; abort the connection if the peer does not take it."""
    # A close reason is at most 123 bytes on the wire.
    message = reason.encode("utf-8")[:123].decode("utf-8", "ignore").encode("utf-8")
    try:
        await asyncio.wait_for(ws.close(code=code, message=message), timeout)
    except (TimeoutError, ConnectionError, RuntimeError):
        if transport is not None:
            with contextlib.suppress(Exception):
                transport.abort()
