"""The alert-tone WAV files: format, size, and that they still match tones.toml."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import pytest

from c4console.resources import AUDIO
from c4console.sound.tones import TONE_NAMES, load_tones

MAKE_TONES = AUDIO / "make_tones.py"


@pytest.mark.parametrize("name", TONE_NAMES)
def test_tone_file_is_small_16bit_mono(name: str) -> None:
    path = AUDIO / f"{name}.wav"
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        assert w.getframerate() in (16000, 22050)
        assert 0.3 < w.getnframes() / w.getframerate() < 2.0
    assert path.stat().st_size < 100_000


def test_wav_files_match_the_config() -> None:
    result = subprocess.run([sys.executable, str(MAKE_TONES), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_check_catches_a_config_edited_without_regenerating(tmp_path: Path) -> None:
    config = (AUDIO / "tones.toml").read_text(encoding="utf-8").replace("[[988, 160]", "[[1000, 160]")
    (tmp_path / "tones.toml").write_text(config, encoding="utf-8")
    command = [sys.executable, str(MAKE_TONES), "--check", "--config", str(tmp_path / "tones.toml"),
               "--out", str(AUDIO)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1
    assert "alarm_new.wav" in result.stderr


def test_generation_is_deterministic(tmp_path: Path) -> None:
    for run in ("a", "b"):
        subprocess.run([sys.executable, str(MAKE_TONES), "--out", str(tmp_path / run)], check=True,
                       capture_output=True)
    for name in TONE_NAMES:
        assert (tmp_path / "a" / f"{name}.wav").read_bytes() == (tmp_path / "b" / f"{name}.wav").read_bytes()


def test_missing_tone_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "alarm_new.wav").write_bytes((AUDIO / "alarm_new.wav").read_bytes())
    (tmp_path / "notify.wav").write_text("not a wav")
    tones, problems = load_tones(tmp_path)
    assert list(tones) == ["alarm_new"]
    assert any("alarm_medium" in p for p in problems) and any("notify" in p for p in problems)
