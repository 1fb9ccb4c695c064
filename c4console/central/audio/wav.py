"""16-bit mono PCM WAV files: the segments and the exported recording."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np


def wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    """A complete WAV file (header and data) holding int16 mono ``samples``."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(samples, dtype="<i2").tobytes())
    return buf.getvalue()


def read_pcm(data: bytes | Path) -> tuple[np.ndarray, int]:
    """(int16 samples, rate) of a 16-bit mono WAV; ValueError if it is not one."""
    try:
        src = io.BytesIO(data) if isinstance(data, bytes | bytearray) else str(data)
        with wave.open(src, "rb") as w:
            if w.getnchannels() != 1 or w.getsampwidth() != 2:
                raise ValueError(f"{w.getnchannels()} channel(s) of {8 * w.getsampwidth()} bits, "
                                 "expected 16-bit mono")
            rate = w.getframerate()
            raw = w.readframes(w.getnframes())
    except (wave.Error, EOFError) as e:
        raise ValueError(f"not a PCM WAV file ({e})") from e
    return np.frombuffer(raw[: len(raw) // 2 * 2], dtype="<i2").astype(np.int16), rate
