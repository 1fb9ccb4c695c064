"""The scrolling waveform and the level meter's numbers: decimated, painted on a timer.

One persistent pyqtgraph curve is updated with ``setData`` (never re-created);
the last seconds of audio are reduced to min/max peaks per pixel column first,
so a repaint costs the same whatever the sample rate.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

WINDOW_S = 5.0
COLUMNS = 300  # peak pairs drawn across the plot: ~2 px each in the panel; 600 cost ~1 % CPU more


def peaks(samples: np.ndarray, columns: int = COLUMNS) -> np.ndarray:
    """min/max of each of ``columns`` slices, interleaved (2·columns points, or fewer)."""
    n = len(samples)
    if n < 2 * columns:
        return np.asarray(samples, dtype=np.float32)
    per = n // columns
    block = samples[n - per * columns:].reshape(columns, per)
    out = np.empty(2 * columns, dtype=np.float32)
    out[0::2] = block.min(axis=1)
    out[1::2] = block.max(axis=1)
    return out


def level_dbfs(samples: np.ndarray) -> float:
    """RMS level in dB full scale (−90 for silence)."""
    if len(samples) == 0:
        return -90.0
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return max(-90.0, 20.0 * np.log10(rms)) if rms > 0 else -90.0


class WaveformView(pg.PlotWidget):
    """The last ``WINDOW_S`` seconds of what is heard."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent, background="#101418")
        self.setObjectName("waveform")
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.setMenuEnabled(False)
        plot = self.getPlotItem()
        plot.hideAxis("bottom")
        plot.hideAxis("left")
        self.setYRange(-1.0, 1.0, padding=0.02)
        self.setXRange(0, 2 * COLUMNS, padding=0)
        self.curve = plot.plot(pen=pg.mkPen("#4fc3f7", width=1))
        self.curve.setClipToView(True)
        self._x = np.arange(2 * COLUMNS, dtype=np.float32)
        self.setMinimumHeight(90)

    def show_samples(self, samples: np.ndarray) -> None:
        """Draw ``samples`` (the newest at the right)."""
        y = peaks(samples)
        x = self._x[2 * COLUMNS - len(y):] if len(y) <= 2 * COLUMNS else np.arange(len(y))
        self.curve.setData(x, y, skipFiniteCheck=True)

    def clear_wave(self) -> None:
        """Empty the plot."""
        self.curve.setData([], [])
