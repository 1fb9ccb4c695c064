"""The recording's jitter buffer: puts packets back in order and fills what is missing.

Packets come in with extended sequence numbers and timestamps
(:class:`~c4console.central.audio.rtp.StreamTracker`). In-order packets leave
at once; a hole waits at most ``delay_s`` for the missing packet, then is
filled (packet-loss concealment: the last packet repeated, fading out over
three packets, then silence) and counted as lost. A timestamp gap between
consecutive packets (a sender that stops sending during silence) is filled
with silence; a gap longer than ``max_gap_s``, a timestamp going backwards, or a
sender restart is a discontinuity: the recording continues without inventing
audio, and the recorder starts a new segment there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

AUDIO, CONCEALED, SILENCE = "audio", "concealed", "silence"
TS_MOD = 1 << 32
FADE = (0.7, 0.4, 0.15)  # gain of the 1st, 2nd, 3rd repetition of the last packet


@dataclass(slots=True)
class Chunk:
    """A run of samples on the timeline, starting at extended RTP timestamp ``ts``."""

    ts: int
    raw_ts: int  # the RTP timestamp on the wire (32 bits) of the first sample
    samples: np.ndarray  # int16
    kind: str  # AUDIO | CONCEALED | SILENCE
    arrival: float | None = None  # wall clock when the packet arrived (AUDIO only)
    discontinuity: bool = False  # the timeline does not continue the previous chunk
    lost: int = 0  # packets this CONCEALED chunk stands for


@dataclass(slots=True)
class _Waiting:
    ts: int
    raw_ts: int
    samples: np.ndarray
    arrival: float
    mono: float
    restart: bool


class JitterBuffer:
    """Reorders and conceals one stream for the recorder (not used for live listening)."""

    def __init__(self, rate: int, delay_s: float = 0.12, max_gap_s: float = 1.0) -> None:
        self.rate = rate
        self.delay_s = delay_s
        self.max_gap = int(max_gap_s * rate)
        self.lost = 0
        self.late = 0
        self.duplicates = 0
        self.concealed_samples = 0
        self._waiting: dict[int, _Waiting] = {}
        self._next_seq: int | None = None
        self._next_ts = 0
        self._next_raw = 0
        self._last: np.ndarray | None = None
        self._repeats = 0

    def __len__(self) -> int:
        return len(self._waiting)

    def push(self, ext_seq: int, ext_ts: int, raw_ts: int, samples: np.ndarray, arrival: float,
             mono: float, restart: bool = False) -> str | None:
        """Take a packet; returns ``"late"`` or ``"duplicate"`` if it is dropped, else None."""
        if self._next_seq is not None and ext_seq < self._next_seq:
            self.late += 1
            return "late"
        if ext_seq in self._waiting:
            self.duplicates += 1
            return "duplicate"
        self._waiting[ext_seq] = _Waiting(ext_ts, raw_ts, samples, arrival, mono, restart)
        return None

    def pop(self, mono: float, flush: bool = False) -> list[Chunk]:
        """The chunks that are ready at monotonic time ``mono`` (all of them when ``flush``)."""
        out: list[Chunk] = []
        waiting = self._waiting
        while waiting:
            if self._next_seq is None:
                first = min(waiting)
                # Hold the very first packet a moment: an earlier one may still be on its way.
                if not flush and waiting[first].mono + self.delay_s > mono:
                    break
                self._next_seq = first
                self._next_ts = waiting[first].ts
                self._next_raw = waiting[first].raw_ts
                waiting[first].restart = True
            pkt = waiting.pop(self._next_seq, None)
            if pkt is None:
                oldest = min(waiting)
                if not flush and waiting[oldest].mono + self.delay_s > mono:
                    break
                self.lost += oldest - self._next_seq
                self._fill_loss(out, waiting[oldest].ts, oldest - self._next_seq)
                self._next_seq = oldest
                continue
            self._emit(out, pkt)
            self._next_seq += 1
        return out

    def _fill_loss(self, out: list[Chunk], until_ts: int, lost: int) -> None:
        gap = until_ts - self._next_ts
        if gap <= 0 or gap > self.max_gap:
            return  # the next packet decides (discontinuity); nothing is invented
        filled = np.zeros(gap, dtype=np.int16)
        last, pos = self._last, 0
        if last is not None and len(last):
            while pos < gap and self._repeats < len(FADE):
                n = min(len(last), gap - pos)
                filled[pos:pos + n] = (last[:n] * FADE[self._repeats]).astype(np.int16)
                pos += n
                self._repeats += 1
        self.concealed_samples += gap
        out.append(Chunk(self._next_ts, self._next_raw, filled, CONCEALED, lost=lost))
        self._advance(gap)

    def _emit(self, out: list[Chunk], pkt: _Waiting) -> None:
        gap = pkt.ts - self._next_ts
        samples = pkt.samples
        discontinuity = pkt.restart
        if not discontinuity and 0 < gap <= self.max_gap:
            # Contiguous sequence numbers with a timestamp gap: the sender paused (DTX).
            out.append(Chunk(self._next_ts, self._next_raw, np.zeros(gap, dtype=np.int16), SILENCE))
        elif not discontinuity and -len(samples) < gap < 0:
            samples = samples[-gap:]  # overlaps what was already recorded: keep the new part only
            pkt.ts -= gap
            pkt.raw_ts = (pkt.raw_ts - gap) % TS_MOD
        elif gap != 0:
            discontinuity = True
        if len(samples):
            out.append(Chunk(pkt.ts, pkt.raw_ts, samples, AUDIO, pkt.arrival, discontinuity))
            self._last = samples
            self._repeats = 0
            self._next_ts, self._next_raw = pkt.ts, pkt.raw_ts
            self._advance(len(samples))

    def _advance(self, n: int) -> None:
        self._next_ts += n
        self._next_raw = (self._next_raw + n) % TS_MOD
