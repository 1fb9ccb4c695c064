"""Audio tests: a real PulseAudio null sink (the console's output), espeak-ng speech, ffmpeg."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from c4console.central.audio.wav import read_pcm
from tests.pulseaudio import pulse_null_sink  # noqa: F401  (registers the session fixture here)
from tests.system_tools import require_tools

SPEECH = ("Auxilio, estoy en la colonia Pueblo Nuevo, calle Reforma número doce. "
          "Él está aquí afuera y me está amenazando. Por favor manden una patrulla.")


@pytest.fixture(scope="session")
def speech_wav(tmp_path_factory) -> Path:
    """A WAV of Spanish speech made with espeak-ng (22050 Hz, a few seconds)."""
    require_tools("espeak-ng", package="espeak-ng")
    path = tmp_path_factory.mktemp("speech") / "auxilio.wav"
    subprocess.run(["espeak-ng", "-v", "es-419", "-s", "165", "-w", str(path), SPEECH], check=True,
                   capture_output=True, timeout=30)
    return path


@pytest.fixture(scope="session")
def speech_8k(speech_wav, tmp_path_factory) -> np.ndarray:
    """The speech resampled to 8 kHz int16 by sox (what a G.711 sender carries)."""
    out = tmp_path_factory.mktemp("speech8k") / "auxilio-8k.wav"
    subprocess.run(["sox", str(speech_wav), "-r", "8000", "-c", "1", "-b", "16", str(out)], check=True,
                   capture_output=True, timeout=30)
    return read_pcm(out)[0]
