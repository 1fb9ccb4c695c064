"""The live-audio frame of the protocol: one WebSocket binary frame per RTP packet.

Layout (all integers big-endian; see docs/protocol.md, "Live audio")::

    offset size  field
    0      4     magic b"C4AU"
    4      1     version (1)
    5      1     flags: bit 0 = end of session (no samples follow)
    6      2     header length in bytes (48); samples start there
    8      8     seq: the RTP sequence number extended past its wrap (only grows)
    16     8     capture time: UTC epoch seconds (float64) of the first sample
    24     8     received at: UTC epoch seconds (float64) the central received the packet
    32     8     position: index of the first sample since the session's first (int64)
    40     4     sample rate in Hz
    44     4     number of samples
    48     2·n   samples: signed 16-bit little-endian PCM, mono

Both the central (encode) and the console (decode) use this module; it does no I/O.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

MAGIC = b"C4AU"
VERSION = 1
FLAG_END = 0x01
HEADER = struct.Struct("!4sBBHQddqII")
MAX_SAMPLES = 16000  # one second at 16 kHz: far above any packet


class BadFrame(ValueError):
    """A binary frame that is not a live-audio frame of this version; the message says why."""


@dataclass(frozen=True, slots=True)
class AudioFrame:
    """A decoded frame. ``pcm`` is the raw little-endian int16 bytes (no copy made)."""

    seq: int
    capture_time: float
    received_at: float
    position: int
    rate: int
    pcm: bytes | memoryview
    end: bool = False

    @property
    def samples(self) -> int:
        """Number of samples in the frame."""
        return len(self.pcm) // 2


def encode_frame(seq: int, capture_time: float, received_at: float, position: int, rate: int,
                 pcm_le16: bytes, *, end: bool = False) -> bytes:
    """Header + samples (``pcm_le16``: int16 little-endian bytes)."""
    return HEADER.pack(MAGIC, VERSION, FLAG_END if end else 0, HEADER.size, seq, capture_time,
                       received_at, position, rate, len(pcm_le16) // 2) + pcm_le16


def decode_frame(data: bytes) -> AudioFrame:
    """Parse one binary frame; :class:`BadFrame` if it is not one."""
    if len(data) < HEADER.size:
        raise BadFrame(f"{len(data)}-byte frame is shorter than the {HEADER.size}-byte header")
    magic, version, flags, hlen, seq, capture, received, position, rate, n = HEADER.unpack_from(data)
    if magic != MAGIC:
        raise BadFrame(f"magic {magic!r} is not {MAGIC!r}")
    if version != VERSION:
        raise BadFrame(f"frame version {version}; this console reads version {VERSION}")
    if hlen < HEADER.size or n > MAX_SAMPLES or len(data) != hlen + 2 * n:
        raise BadFrame(f"frame of {len(data)} bytes does not hold a {hlen}-byte header and {n} samples")
    if not 1000 <= rate <= 96000:
        raise BadFrame(f"sample rate {rate} Hz is out of range")
    return AudioFrame(seq, capture, received, position, rate, memoryview(data)[hlen:],
                      bool(flags & FLAG_END))
