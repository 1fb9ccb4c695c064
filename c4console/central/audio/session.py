"""One live audio session on the audio worker thread: packets in, recording and relay out."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from c4console.central.audio.codecs import Codec
from c4console.central.audio.jitter import JitterBuffer
from c4console.central.audio.recorder import SegmentRecorder
from c4console.central.audio.rtp import RtpDrop, StreamTracker, parse_rtp
from c4console.central.audio.srtp import AUTH, SrtpReceiver, SrtpRefused
from c4console.core.audio_frame import encode_frame

log = logging.getLogger(__name__)

DROP_LOG_EVERY_S = 5.0  # after the first drop of a kind, one summary line at most this often


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """What a session is bound to (chain-of-custody metadata)."""

    id: str
    device_id: str
    beneficiary_id: str | None
    incident_id: str | None  # None: the session waits for her alarm (audio/binding.py)
    folio: str
    codec: Codec
    host: str
    udp_port: int
    folder: str  # relative to the recordings folder
    started_at: float
    server_id: str
    # The gateway the RTP must come from (given when the session was opened): its
    # address, and its port (None: the port of its first packet is pinned).
    source_host: str = ""
    source_port: int | None = None
    srtp: bool = False  # SRTP only (the key is in the session's receiver, nowhere else)


class LiveSession:
    """Worker-thread state of one session. Only ``listeners`` and ``stats()`` are read elsewhere."""

    def __init__(self, info: SessionInfo, recorder: SegmentRecorder, *, jitter_s: float,
                 relay: Callable[[LiveSession, bytes], None], started_mono: float,
                 on_foreign: Callable[[LiveSession, Any], None] | None = None,
                 srtp: SrtpReceiver | None = None,
                 on_srtp_refused: Callable[[LiveSession, Any], None] | None = None) -> None:
        self.info = info
        # SRTP (audio/srtp.py): every datagram is unprotected before it is parsed, and the
        # gateway's port is pinned only by a packet that authenticated.
        self.srtp = srtp
        self.srtp_refused = 0  # datagrams from the gateway's address that failed SRTP auth
        self.on_srtp_refused = on_srtp_refused
        self.source_port = info.source_port  # pinned at the first packet if not given
        self.foreign = 0  # datagrams from anyone but the pinned source
        self.foreign_sources: set[Any] = set()
        self.on_foreign = on_foreign
        self.offered = 0  # datagrams queued for the worker (written on the loop only)
        self.handled = 0  # … and taken by it (written on the worker only)
        self._flood_logged_at = -1e9
        self.recorder = recorder
        self.tracker = StreamTracker()
        self.jitter = JitterBuffer(info.codec.rate, jitter_s)
        self.relay = relay
        self.listeners = 0  # number of consoles listening (set on the loop; read here)
        self.packets = 0
        self.dropped: Counter[str] = Counter()
        self.first_wall: float | None = None
        self.last_packet_mono: float | None = None
        self.started_mono = started_mono
        self.ending = False
        self.end_reason = ""
        self._drop_logged_at = -1e9
        self._drops_since_log = 0

    # --- worker thread --------------------------------------------------------------
    def on_datagram(self, data: bytes, source: Any, wall: float, mono: float) -> None:
        """Take one datagram from the session's port: count and drop it, or record and relay it."""
        if self.ending:
            self.drop("no_session", f"{len(data)}-byte datagram after the session ended", mono)
            return
        if not self._from_gateway(source, pin=self.srtp is None):
            self._foreign(source, mono)
            return
        if self.srtp is not None:
            try:
                data = self.srtp.unprotect(data)
            except SrtpRefused as r:
                self._srtp_refused(r, source, mono)
                return
            if self.source_port is None:
                self.source_port = int(source[1])  # the first authenticated packet pins it
        codec = self.info.codec
        try:
            pkt = parse_rtp(data)
            if pkt.payload_type != codec.payload_type:
                raise RtpDrop("payload_type", f"payload type {pkt.payload_type}; this session is "
                                              f"{codec.label} (payload type {codec.payload_type})")
            try:
                samples = codec.decode(pkt.payload)
            except ValueError as e:
                raise RtpDrop("malformed", str(e)) from None
            placed = self.tracker.accept(pkt, source, mono, len(samples))
        except RtpDrop as d:
            self.drop(d.kind, f"{d} (from {source})", mono)
            return
        if self.first_wall is None:
            self.first_wall = wall
        self.packets += 1
        self.last_packet_mono = mono
        self.recorder.ssrc = self.tracker.ssrc
        if self.listeners:
            frame = encode_frame(placed.ext_seq, self.first_wall + placed.ext_ts / codec.rate, wall,
                                 placed.ext_ts, codec.rate, samples.astype("<i2", copy=False).tobytes())
            self.relay(self, frame)
        refused = self.jitter.push(placed.ext_seq, placed.ext_ts, pkt.timestamp, samples, wall, mono,
                                   placed.restart)
        if refused is not None:
            self.drop(refused, f"sequence {pkt.seq} arrived after its place was recorded"
                      if refused == "late" else f"sequence {pkt.seq} received twice", mono)

    def _from_gateway(self, source: Any, pin: bool = True) -> bool:
        """True if ``source`` (host, port, …) is the gateway this session was opened for;
        with ``pin``, the gateway's first packet pins its port (without, the caller pins it)."""
        try:
            host, port = _plain_host(source[0]), int(source[1])
        except (TypeError, IndexError, ValueError):
            return False
        if host != _plain_host(self.info.source_host):
            return False
        if self.source_port is None:
            if not pin:
                return True
            self.source_port = port  # the gateway's first packet pins its port
        return port == self.source_port

    def _srtp_refused(self, refused: SrtpRefused, source: Any, mono: float) -> None:
        """A datagram that did not unprotect: dropped undecoded; failed authentication is a
        security event (the first of the session; the count is in its stats and end line)."""
        self.drop(refused.kind, f"{refused} (from {_addr_text(source)})", mono)
        if refused.kind != AUTH:
            return
        self.srtp_refused += 1
        if self.srtp_refused == 1 and self.on_srtp_refused is not None:
            self.on_srtp_refused(self, source)

    def _foreign(self, source: Any, mono: float) -> None:
        """A datagram from someone else: a take-over attempt (or a misrouted stream)."""
        self.foreign += 1
        self.drop("source", f"{self.foreign} datagram(s) from {_addr_text(source)}, not from the "
                            "gateway this session was opened for", mono)
        if source not in self.foreign_sources and len(self.foreign_sources) < 16:
            self.foreign_sources.add(source)
            if self.on_foreign is not None:
                self.on_foreign(self, source)

    def note_flood(self, mono: float) -> None:
        """Loop thread: a datagram was refused because this session's queue share is full."""
        if mono - self._flood_logged_at >= DROP_LOG_EVERY_S:
            self._flood_logged_at = mono
            log.warning("audio session %s: its queue is full (a flood on its port?): datagrams "
                        "dropped (%d so far); the other sessions are not affected",
                        self.info.id, self.dropped["overload"])

    def tick(self, mono: float) -> None:
        """Move whatever the jitter buffer has released into the recording."""
        for chunk in self.jitter.pop(mono):
            self.recorder.add(chunk)

    def flush(self, mono: float) -> None:
        """Release everything still waiting (the session is ending)."""
        for chunk in self.jitter.pop(mono, flush=True):
            self.recorder.add(chunk)

    def silent_for(self, mono: float) -> float:
        """Seconds since the last accepted packet (or since the start, if none came)."""
        return mono - (self.last_packet_mono if self.last_packet_mono is not None else self.started_mono)

    def drop(self, kind: str, why: str, mono: float) -> None:
        """Count a dropped packet; log the first of each kind and then a summary now and then."""
        self.dropped[kind] += 1
        self._drops_since_log += 1
        first = self.dropped[kind] == 1
        if first or mono - self._drop_logged_at >= DROP_LOG_EVERY_S:
            totals = ", ".join(f"{k} {n}" for k, n in sorted(self.dropped.items()))
            log.warning("audio session %s (device %s): dropped a packet (%s): %s; %d dropped since the "
                        "last report (%s); the stream and the recording go on", self.info.id,
                        self.info.device_id, kind, why, self._drops_since_log, totals)
            self._drop_logged_at = mono
            self._drops_since_log = 0

    # --- any thread ----------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counters for the API (plain ints read without locks: a snapshot, not a transaction)."""
        totals = self.recorder.totals
        rate = self.info.codec.rate
        dropped: dict[str, int] = {}
        for _ in range(3):  # the worker may add a key while we copy
            try:
                dropped = dict(self.dropped)
                break
            except RuntimeError:
                continue
        return {
            "packets": self.packets, "lost": self.jitter.lost,
            "concealed_s": round(self.jitter.concealed_samples / rate, 3),
            "dropped": dropped, "segments": totals.segments,
            "verified_segments": totals.verified, "failed_segments": totals.failed,
            "duration_s": round(totals.samples / rate, 3),
            "recorded_s": round(self.recorder.position / rate, 3), "chain_head": totals.head,
            "listeners": self.listeners, "recording_error": totals.last_error,
            "foreign_packets": self.foreign, "srtp_refused": self.srtp_refused,
        }


def _plain_host(host: Any) -> str:
    """An address as compared: IPv4-mapped IPv6 (``::ffff:1.2.3.4``) as plain IPv4."""
    text = str(host or "")
    return text[7:] if text.lower().startswith("::ffff:") and "." in text else text


def _addr_text(source: Any) -> str:
    try:
        return f"{source[0]}:{source[1]}"
    except (TypeError, IndexError):
        return str(source)
