"""Measurements on recorded audio for assertions: how much is sound, and at which frequencies."""

from __future__ import annotations

import numpy as np


def as_float(samples: np.ndarray) -> np.ndarray:
    """int16 PCM -> float in [-1, 1]; float input is returned as float64."""
    if samples.dtype == np.int16:
        return samples.astype(np.float64) / 32768.0
    return samples.astype(np.float64)


def loud_seconds(samples: np.ndarray, rate: int, threshold: float = 0.02, frame_ms: int = 20) -> float:
    """Seconds of 20 ms frames whose RMS exceeds ``threshold`` (full scale 1.0; 0.02 is -34 dBFS)."""
    x = as_float(samples)
    n = int(rate * frame_ms / 1000)
    frames = x[: len(x) // n * n].reshape(-1, n)
    rms = np.sqrt(np.mean(frames**2, axis=1)) if len(frames) else np.zeros(0)
    return float(np.count_nonzero(rms > threshold) * frame_ms / 1000)


def spectrum(samples: np.ndarray, rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Frequencies and magnitudes of the Hann-windowed signal."""
    x = as_float(samples)
    mags = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return np.fft.rfftfreq(len(x), 1 / rate), mags


def band_level(freqs: np.ndarray, mags: np.ndarray, hz: float, width: float = 15.0) -> float:
    """Strongest magnitude within ``width`` Hz of ``hz``."""
    band = (freqs > hz - width) & (freqs < hz + width)
    return float(mags[band].max())


def relative_level(samples: np.ndarray, rate: int, hz: float) -> float:
    """Level near ``hz`` relative to the strongest component of the spectrum (1.0 = the peak)."""
    freqs, mags = spectrum(samples, rate)
    return band_level(freqs, mags, hz) / float(mags.max() + 1e-12)
