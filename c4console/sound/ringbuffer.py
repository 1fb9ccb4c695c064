"""Preallocated buffers for live audio: the playout ring (one writer, one real-time reader)
and the history the level meter and the waveform read.

The playout ring is addressed by absolute sample position (the position the
central puts in each frame), so a frame that arrives out of order is written at
its place while there is still time, and a missing one stays silent. It is a
mirrored double-length buffer (as in Friture's ``ringbuffer.py``): every sample
is stored twice, ``size`` apart, so any ``size`` samples from any start are one
contiguous slice — the output callback copies one slice, never two.

No locks: the writer only moves ``write_end``, the reader only moves
``read_pos`` (each a single attribute store, atomic under the GIL); the writer
stores the samples before it moves ``write_end``.
"""

from __future__ import annotations

import numpy as np


class PlayoutRing:
    """float32 mono samples between ``read_pos`` (next to play) and ``write_end`` (after the newest)."""

    def __init__(self, size: int) -> None:
        if size <= 0:
            raise ValueError("ring size must be positive")
        self.size = size
        self.buf = np.zeros(2 * size, dtype=np.float32)
        self.read_pos = 0
        self.write_end = 0
        self.started = False
        self.late = 0  # frames (or parts) that came after their time was played
        self.overflow = 0  # frames refused because the reader fell a whole ring behind

    def reset(self, position: int) -> None:
        """Start over at ``position`` (writer side, while the reader is not playing)."""
        self.read_pos = self.write_end = position
        self.started = True

    def available(self) -> int:
        """Samples written and not yet read."""
        return self.write_end - self.read_pos

    def write(self, position: int, samples: np.ndarray) -> int:
        """Put ``samples`` at ``position``; returns how many were stored.

        The part before ``read_pos`` is too late and dropped; a gap after
        ``write_end`` is cleared to silence first; nothing is written more than
        a ring ahead of the reader.
        """
        if not self.started:
            self.reset(position)
        n = len(samples)
        start = max(position, self.read_pos)
        if start >= position + n:
            self.late += 1
            return 0
        if start > position:
            self.late += 1
            samples = samples[start - position:]
            position = start
        end = position + len(samples)
        if end - self.read_pos > self.size:
            self.overflow += 1
            return 0
        if position > self.write_end:
            self._store(self.write_end, np.zeros(position - self.write_end, dtype=np.float32))
        self._store(position, samples)
        if end > self.write_end:
            self.write_end = end  # last: the reader may use the samples from now on
        return len(samples)

    def _store(self, position: int, samples: np.ndarray) -> None:
        size, buf = self.size, self.buf
        i = position % size
        n = len(samples)
        first = min(n, size - i)
        buf[i:i + first] = samples[:first]
        buf[i + size:i + size + first] = samples[:first]
        if first < n:
            rest = n - first
            buf[0:rest] = samples[first:]
            buf[size:size + rest] = samples[first:]

    def view(self, position: int, n: int) -> np.ndarray:
        """A contiguous read-only view of ``n`` (≤ size) samples from ``position`` (no copy)."""
        i = position % self.size
        return self.buf[i:i + n]


class History:
    """The last ``size`` samples received, for the level meter and the waveform (GUI thread)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.buf = np.zeros(2 * size, dtype=np.float32)
        self.end = 0  # samples appended so far

    def append(self, samples: np.ndarray) -> None:
        """Add samples (drops the oldest)."""
        n = len(samples)
        if n >= self.size:
            samples, n = samples[-self.size:], self.size
        i = self.end % self.size
        first = min(n, self.size - i)
        for base in (0, self.size):
            self.buf[base + i:base + i + first] = samples[:first]
            if first < n:
                self.buf[base:base + n - first] = samples[first:]
        self.end += n

    def latest(self, n: int) -> np.ndarray:
        """The newest ``n`` samples (fewer at the start), oldest first, as a view."""
        n = min(n, self.size, self.end)
        i = (self.end - n) % self.size
        return self.buf[i:i + n]

    def clear(self) -> None:
        """Forget everything."""
        self.buf[:] = 0
        self.end = 0
