"""The UDP side: one datagram endpoint per session port. On the event loop it only
stamps the arrival time and hands the datagram to the audio worker's inbox."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from c4console.central.audio.worker import AudioWorker

log = logging.getLogger(__name__)


class SessionPort(asyncio.DatagramProtocol):
    """Receives a session's RTP; after the session ends it still counts what arrives."""

    def __init__(self, worker: AudioWorker, port_label: str) -> None:
        self.worker = worker
        self.port_label = port_label
        self.session: Any = None  # LiveSession once the session is set up
        self.transport: asyncio.DatagramTransport | None = None
        self.unbound = 0  # datagrams that reached this port with no session on it
        self._logged_at = -1e9

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # noqa: D102
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: Any) -> None:  # noqa: D102
        session = self.session
        if session is None or session.ending:
            self._unbound(len(data), addr)
            return
        self.worker.offer(session, data, addr, time.time(), time.monotonic())

    def _unbound(self, size: int, addr: Any) -> None:
        self.unbound += 1
        self.worker.count_unbound()
        now = time.monotonic()
        if self.unbound == 1 or now - self._logged_at >= 5.0:
            log.warning("UDP %s: %d-byte datagram from %s with no audio session on this port: dropped "
                        "(%d so far)", self.port_label, size, addr, self.unbound)
            self._logged_at = now

    def error_received(self, exc: Exception) -> None:  # noqa: D102
        log.warning("UDP %s: %s", self.port_label, exc)

    def close(self) -> None:
        """Release the port."""
        if self.transport is not None:
            self.transport.close()
            self.transport = None
