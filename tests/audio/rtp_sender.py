"""A small RTP sender for tests and benchmarks: paced 20 ms packets from int16 samples,
with optional loss, reordering and hostile packets."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import numpy as np

from c4console.central.audio.codecs import Codec, codec_for
from c4console.central.audio.rtp import build_rtp


def packets(samples: np.ndarray, codec: Codec, *, ptime_ms: int = 20, seq0: int = 1000,
            ts0: int = 123456, ssrc: int = 0x1234ABCD) -> Iterator[tuple[int, bytes]]:
    """(index, RTP packet) for each ``ptime_ms`` slice of ``samples``."""
    n = codec.rate * ptime_ms // 1000
    for i, start in enumerate(range(0, len(samples), n)):
        chunk = samples[start:start + n]
        yield i, build_rtp(codec.encode(chunk), payload_type=codec.payload_type, seq=seq0 + i,
                           timestamp=ts0 + start, ssrc=ssrc)


def send(samples: np.ndarray, port: int, codec_name: str = "PCMU", *, host: str = "127.0.0.1",
         ptime_ms: int = 20, pace: float = 1.0, drop: set[int] = frozenset(),
         swap: set[int] = frozenset(), extra: dict[int, list[bytes]] | None = None,
         stop_after: int | None = None, stop: threading.Event | None = None,
         progress: list[int] | None = None) -> int:
    """Send ``samples`` as RTP to ``host:port`` in real time (``pace`` 0 = as fast as possible).

    ``drop``: packet indexes not sent; ``swap``: packet i is sent after i+1;
    ``extra``: raw datagrams sent before packet i; ``stop``: set to stop early;
    ``progress[0]`` follows the packets sent. Returns the packets sent.
    """
    codec = codec_for(codec_name)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sent, held = 0, None
    start = time.monotonic()
    try:
        for i, pkt in packets(samples, codec, ptime_ms=ptime_ms):
            if (stop_after is not None and i >= stop_after) or (stop is not None and stop.is_set()):
                break
            if pace:
                delay = start + i * ptime_ms / 1000 / pace - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            for raw in (extra or {}).get(i, []):
                sock.sendto(raw, (host, port))
            if i in drop:
                continue
            if i in swap:
                held = pkt
                continue
            sock.sendto(pkt, (host, port))
            sent += 1
            if progress is not None:
                progress[0] = sent
            if held is not None:
                sock.sendto(held, (host, port))
                sent += 1
                held = None
    finally:
        sock.close()
    return sent
