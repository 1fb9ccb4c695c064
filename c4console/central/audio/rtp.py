"""RTP (RFC 3550) packets: parsing the fixed header, and following one stream's
SSRC, sequence numbers and timestamps (the algorithm of RFC 3550 appendix A.1).

Every problem is a :class:`RtpDrop` with a stable ``kind`` (the counter it goes
to) and a sentence; the caller counts it, logs it and carries on.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

HEADER = struct.Struct("!BBHII")
MAX_DROPOUT = 3000  # RFC 3550 A.1: a forward jump larger than this is not believed at once
MAX_MISORDER = 100  # … and a packet this far behind is a restarted sequence, not a late one
SEQ_MOD = 1 << 16
TS_MOD = 1 << 32

# Counter names of dropped packets (also the keys of the API's ``dropped`` objects).
DROP_KINDS = ("short", "version", "malformed", "payload_type", "ssrc", "source", "seq_jump",
              "duplicate", "late", "overload", "no_session")


class RtpDrop(Exception):
    """A packet that is not taken: ``kind`` is its counter, the message says why."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class RtpPacket:
    """The fields of one RTP packet that the central uses."""

    payload_type: int
    marker: bool
    seq: int
    timestamp: int
    ssrc: int
    payload: bytes


def parse_rtp(data: bytes) -> RtpPacket:
    """Parse one datagram as RTP version 2 (CSRC list, header extension and padding skipped)."""
    if len(data) < HEADER.size:
        raise RtpDrop("short", f"{len(data)}-byte datagram is shorter than an RTP header (12 bytes)")
    b0, b1, seq, ts, ssrc = HEADER.unpack_from(data)
    version = b0 >> 6
    if version != 2:
        raise RtpDrop("version", f"RTP version {version}, expected 2")
    offset = HEADER.size + 4 * (b0 & 0x0F)
    if b0 & 0x10:  # header extension: 16-bit profile, 16-bit length in 32-bit words
        if len(data) < offset + 4:
            raise RtpDrop("malformed", "header extension flag set but no extension header")
        offset += 4 + 4 * struct.unpack_from("!H", data, offset + 2)[0]
    end = len(data)
    if b0 & 0x20:  # padding: the last byte says how many bytes to drop
        pad = data[-1]
        if pad == 0 or end - pad < offset:
            raise RtpDrop("malformed", f"padding of {pad} bytes does not fit the packet")
        end -= pad
    if offset > end:
        raise RtpDrop("malformed", f"header of {offset} bytes is longer than the {len(data)}-byte packet")
    if offset == end:
        raise RtpDrop("malformed", "packet has no payload")
    return RtpPacket(b1 & 0x7F, bool(b1 & 0x80), seq, ts, ssrc, bytes(data[offset:end]))


def build_rtp(payload: bytes, *, payload_type: int, seq: int, timestamp: int, ssrc: int,
              marker: bool = False) -> bytes:
    """One RTP packet (tests, benchmarks and the demo send these)."""
    return HEADER.pack(0x80, (0x80 if marker else 0) | (payload_type & 0x7F), seq & 0xFFFF,
                       timestamp & 0xFFFFFFFF, ssrc & 0xFFFFFFFF) + payload


@dataclass(frozen=True, slots=True)
class Accepted:
    """A packet placed on the session's timeline.

    ``ext_seq`` and ``ext_ts`` are the sequence number and timestamp extended
    past their wrap-around (and re-based after a restart), so they only grow.
    ``restart`` marks the first packet after the sender restarted its sequence
    or after a new SSRC took over: the timeline is not continuous there.
    """

    ext_seq: int
    ext_ts: int
    restart: bool


class StreamTracker:
    """Follows one RTP stream: locks onto its SSRC and source, extends seq and timestamp.

    A different SSRC (or source address) is dropped, unless the locked one has
    sent nothing for ``takeover_s`` seconds: then the sender was restarted (a
    re-INVITE at the gateway) and the new one is taken. A forward sequence jump
    of more than ``MAX_DROPOUT`` is dropped, unless the next packet follows it
    (RFC 3550 A.1: the sender restarted its numbering).
    """

    def __init__(self, takeover_s: float = 2.0) -> None:
        self.takeover_s = takeover_s
        self.ssrc: int | None = None
        self.source: object = None
        self._max_seq = 0
        self._cycles = 0
        self._bad_seq: int | None = None
        self._ts_raw = 0
        self._ts_ext = 0
        self._seq_base = 0  # added to cycles+seq: keeps ext_seq growing across restarts
        self._last_at = 0.0
        self._next_ts = 0  # ext timestamp just after the newest packet (for re-basing)

    def accept(self, pkt: RtpPacket, source: object, now: float, samples: int) -> Accepted:
        """Place ``pkt`` (``samples`` long) or raise :class:`RtpDrop`."""
        restart = False
        if self.ssrc is None:
            self._lock(pkt, source, now, first=True)
            restart = True
        elif pkt.ssrc != self.ssrc or source != self.source:
            kind = "ssrc" if pkt.ssrc != self.ssrc else "source"
            if now - self._last_at < self.takeover_s:
                what = (f"SSRC {pkt.ssrc:#010x} while locked to {self.ssrc:#010x}" if kind == "ssrc"
                        else f"packet from {source} while the stream comes from {self.source}")
                raise RtpDrop(kind, what)
            self._lock(pkt, source, now, first=False)
            restart = True
        else:
            udelta = (pkt.seq - self._max_seq) % SEQ_MOD
            if udelta < MAX_DROPOUT:
                if udelta == 0:
                    raise RtpDrop("duplicate", f"sequence {pkt.seq} received twice")
                if pkt.seq < self._max_seq:
                    self._cycles += SEQ_MOD
                self._max_seq = pkt.seq
            elif udelta <= SEQ_MOD - MAX_MISORDER:
                if pkt.seq != self._bad_seq:
                    self._bad_seq = (pkt.seq + 1) % SEQ_MOD
                    raise RtpDrop("seq_jump", f"sequence jumped from {self._max_seq} to {pkt.seq}")
                self._lock(pkt, source, now, first=False)  # two in a row: the sender restarted
                restart = True
            else:
                # Behind the newest: a late or duplicated packet of the current cycle.
                cycles = self._cycles - (SEQ_MOD if pkt.seq > self._max_seq else 0)
                ext_seq = self._seq_base + cycles + pkt.seq
                return Accepted(ext_seq, self._extend_ts(pkt.timestamp, newest=False), False)
        self._last_at = now
        ext_ts = self._extend_ts(pkt.timestamp, newest=True)
        self._next_ts = max(self._next_ts, ext_ts + samples)
        return Accepted(self._seq_base + self._cycles + self._max_seq, ext_ts, restart)

    def _lock(self, pkt: RtpPacket, source: object, now: float, first: bool) -> None:
        if first:
            self._seq_base = 0
            self._ts_ext = 0
        else:
            # Continue both counters where the old stream ended, one step on.
            self._seq_base = self._seq_base + self._cycles + self._max_seq + 1 - pkt.seq
            self._ts_ext = self._next_ts
        self.ssrc, self.source = pkt.ssrc, source
        self._max_seq, self._cycles, self._bad_seq = pkt.seq, 0, None
        self._ts_raw = pkt.timestamp
        self._last_at = now

    def _extend_ts(self, ts: int, newest: bool) -> int:
        delta = (ts - self._ts_raw) % TS_MOD
        if delta >= TS_MOD // 2:
            delta -= TS_MOD
        ext = self._ts_ext + delta
        if newest and delta > 0:
            self._ts_raw, self._ts_ext = ts, ext
        return ext
