"""Comparing recorded or played audio with its source: alignment, correlation, duration."""

from __future__ import annotations

import numpy as np


def as_float(x: np.ndarray) -> np.ndarray:
    """int16 → float64 in [-1, 1]."""
    return x.astype(np.float64) / 32768.0 if x.dtype == np.int16 else x.astype(np.float64)


def best_alignment(source: np.ndarray, other: np.ndarray) -> tuple[int, float]:
    """(lag of ``source`` inside ``other``, normalised correlation at that lag), by FFT."""
    a, b = as_float(source), as_float(other)
    n = 1 << int(np.ceil(np.log2(len(a) + len(b))))
    xc = np.fft.irfft(np.fft.rfft(b, n) * np.conj(np.fft.rfft(a, n)), n)
    lag = int(np.argmax(xc[: len(b)]))
    seg = b[lag:lag + len(a)]
    ref = a[: len(seg)]
    denom = np.sqrt(np.sum(ref * ref) * np.sum(seg * seg)) or 1.0
    return lag, float(np.sum(ref * seg) / denom)


def trim_silence(x: np.ndarray, threshold: float = 0.01) -> np.ndarray:
    """``x`` without its silent start and end."""
    loud = np.flatnonzero(np.abs(as_float(x)) > threshold)
    return x[loud[0]:loud[-1] + 1] if len(loud) else x[:0]


def windowed_match(source: np.ndarray, other: np.ndarray, window: int) -> list[float]:
    """Correlation of each ``window``-sample piece of ``source`` at its best place in ``other``
    (playback may insert short gaps, which shift later pieces)."""
    out = []
    for start in range(0, len(source) - window + 1, window):
        piece = source[start:start + window]
        if np.max(np.abs(as_float(piece))) < 0.02:
            continue  # a pause in the speech matches anything
        out.append(best_alignment(piece, other)[1])
    return out
