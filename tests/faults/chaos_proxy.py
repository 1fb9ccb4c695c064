"""A TCP proxy that cuts, delays and reorders connections, for fault injection.

Each connection gets its own random delay per chunk (so data on different
connections arrives out of order relative to each other) and may be cut at a
random moment. Bounded: it only ever talks to loopback addresses it is given.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass, field


@dataclass
class ChaosStats:
    """What the proxy did."""

    connections: int = 0
    cuts: int = 0
    delayed_chunks: int = 0
    refused: int = 0


@dataclass
class ChaosProxy:
    """Listen on 127.0.0.1:``listen_port``, forward to 127.0.0.1:``target_port``."""

    listen_port: int
    target_port: int
    seed: int = 1
    max_delay: float = 0.05
    cut_probability: float = 0.3
    enabled: bool = True
    stats: ChaosStats = field(default_factory=ChaosStats)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._server: asyncio.AbstractServer | None = None
        self._tasks: set[asyncio.Task] = set()
        self._cut_now: set[asyncio.Future] = set()  # one per open connection

    async def start(self) -> None:
        """Begin accepting connections."""
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.listen_port)

    async def close(self) -> None:
        """Stop accepting and drop every connection."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for t in list(self._tasks):
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def cut_open_connections(self) -> int:
        """Cut every connection open now (a cable pulled); returns how many."""
        cut = 0
        for f in list(self._cut_now):
            if not f.done():
                f.set_result(None)
                cut += 1
        return cut

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.stats.connections += 1
        try:
            up_r, up_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            self.stats.refused += 1
            writer.close()
            return
        delay = self._rng.uniform(0, self.max_delay) if self.enabled else 0.0
        cut_after = (self._rng.uniform(0.02, 0.8)
                     if self.enabled and self._rng.random() < self.cut_probability else None)
        pipes = [asyncio.ensure_future(self._pipe(reader, up_w, delay)),
                 asyncio.ensure_future(self._pipe(up_r, writer, delay))]
        self._tasks.update(pipes)
        cut_now = asyncio.get_running_loop().create_future()
        self._cut_now.add(cut_now)
        try:
            done, _ = await asyncio.wait([*pipes, cut_now], timeout=cut_after,
                                         return_when=asyncio.FIRST_COMPLETED)
            if not done or cut_now in done:
                self.stats.cuts += 1
        finally:
            self._cut_now.discard(cut_now)
            for p in pipes:
                p.cancel()
                self._tasks.discard(p)
            for w in (writer, up_w):
                with contextlib.suppress(Exception):
                    w.close()

    async def _pipe(self, src: asyncio.StreamReader, dst: asyncio.StreamWriter, delay: float) -> None:
        while True:
            chunk = await src.read(65536)
            if not chunk:
                break
            if delay:
                self.stats.delayed_chunks += 1
                await asyncio.sleep(delay)
            dst.write(chunk)
            await dst.drain()
