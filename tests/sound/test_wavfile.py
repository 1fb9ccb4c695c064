"""Reading WAV files into float arrays, and resampling."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from c4console.sound.wavfile import read_wav, resample


def _write(path: Path, frames: bytes, channels: int, width: int, rate: int = 8000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(frames)
    return path


def test_16bit_stereo_becomes_mono_float(tmp_path: Path) -> None:
    frames = np.array([[16384, -16384], [32767, 32767]], dtype="<i2").tobytes()
    samples, rate = read_wav(_write(tmp_path / "s.wav", frames, 2, 2))
    assert rate == 8000
    assert samples.dtype == np.float32
    np.testing.assert_allclose(samples, [0.0, 32767 / 32768], atol=1e-6)


def test_8bit_is_unsigned(tmp_path: Path) -> None:
    samples, _ = read_wav(_write(tmp_path / "u.wav", bytes([128, 255, 0]), 1, 1))
    np.testing.assert_allclose(samples, [0.0, 127 / 128, -1.0], atol=1e-6)


def test_not_a_wav_is_a_value_error(tmp_path: Path) -> None:
    (tmp_path / "x.wav").write_text("hello")
    with pytest.raises(ValueError, match="not a PCM WAV"):
        read_wav(tmp_path / "x.wav")


def test_resample_keeps_duration_and_pitch() -> None:
    rate, target = 16000, 48000
    tone = np.sin(2 * np.pi * 440 * np.arange(rate) / rate).astype(np.float32)
    out = resample(tone, rate, target)
    assert len(out) == target
    peak = np.argmax(np.abs(np.fft.rfft(out))) * target / len(out)
    assert abs(peak - 440) < 2
