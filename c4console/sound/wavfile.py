"""Reading PCM WAV files into float32 numpy arrays (stdlib ``wave``, no libsndfile)."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

# Sample width in bytes -> (numpy dtype, full scale, offset). 8-bit WAV is unsigned.
_FORMATS = {1: (np.uint8, 128.0, 128.0), 2: (np.int16, 32768.0, 0.0), 4: (np.int32, 2147483648.0, 0.0)}


def read_wav(path: str | Path) -> tuple[np.ndarray, int]:
    """Return ``(samples, rate)``: mono float32 in [-1, 1] (channels averaged) and the sample rate.

    Raises ``ValueError`` for a file that is not 8/16/32-bit PCM WAV, ``OSError`` if unreadable.
    """
    try:
        with wave.open(str(path), "rb") as w:
            width, channels, rate = w.getsampwidth(), w.getnchannels(), w.getframerate()
            raw = w.readframes(w.getnframes())
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"{path}: not a PCM WAV file ({exc})") from exc
    if width not in _FORMATS:
        raise ValueError(f"{path}: {8 * width}-bit samples not supported (use 16-bit PCM)")
    dtype, scale, offset = _FORMATS[width]
    data = np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder("<")).astype(np.float32)
    data = (data - offset) / scale
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1, dtype=np.float32)
    return np.ascontiguousarray(data, dtype=np.float32), rate


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Linear-interpolation resampling; enough for alert tones and speech on a device that needs it."""
    if rate == target or len(samples) == 0:
        return samples
    n = max(1, round(len(samples) * target / rate))
    positions = np.arange(n, dtype=np.float64) * (rate / target)
    return np.interp(positions, np.arange(len(samples)), samples).astype(np.float32)
