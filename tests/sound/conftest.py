"""Sound tests: a real PulseAudio null sink, and a check that no sound thread outlives its test."""

from __future__ import annotations

import threading

import pytest

from tests.pulseaudio import pulse_null_sink  # noqa: F401  (registers the session fixture here)


@pytest.fixture(autouse=True)
def no_sound_threads_left():
    """Fail a test that leaves a speech or audio-output thread running (all are named c4-*)."""
    before = {t.ident for t in threading.enumerate()}
    yield
    left = [t.name for t in threading.enumerate()
            if t.name.startswith("c4-") and t.is_alive() and t.ident not in before]
    assert not left, f"sound threads still running after the test: {left}"
