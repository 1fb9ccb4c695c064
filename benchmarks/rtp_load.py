"""RTP load for the audio benchmarks: 20 ms PCMU packets to many ports from one process.

``python -m benchmarks.rtp_load --seconds S PORT [PORT …]`` — paced like real devices
(one packet per port every 20 ms), a 300 Hz tone with a little noise.
"""

from __future__ import annotations

import argparse
import socket
import struct
import sys
import time

import numpy as np

from c4console.central.audio.codecs import codec_for

PTIME = 0.020


def main(argv: list[str] | None = None) -> int:
    """Send until the time is up; prints the packets sent."""
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("ports", nargs="+", type=int)
    args = p.parse_args(argv)
    codec = codec_for("PCMU")
    t = np.arange(8000) / 8000
    tone = (np.sin(2 * np.pi * 300 * t) * 8000 + np.random.default_rng(1).normal(0, 300, 8000))
    payloads = [codec.encode(tone[i:i + 160].astype(np.int16)) for i in range(0, 8000, 160)]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    head = struct.Struct("!BBHII")
    start = time.monotonic()
    n = 0
    sent = 0
    while n * PTIME < args.seconds:
        delay = start + n * PTIME - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        payload = payloads[n % len(payloads)]
        for k, port in enumerate(args.ports):
            sock.sendto(head.pack(0x80, 0, n & 0xFFFF, (n * 160) & 0xFFFFFFFF, 0x1000 + k) + payload,
                        (args.host, port))
            sent += 1
        n += 1
    print(sent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
