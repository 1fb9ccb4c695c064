"""The availability of audio output and of the spoken-alert voice, as the status bar shows it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class StatusCode(StrEnum):
    """Stable codes the GUI maps to translated labels (``reason`` is English, for logs)."""

    OK = "ok"
    STARTING = "starting"
    NO_PORTAUDIO = "no_portaudio"
    NO_DEVICE = "no_device"
    DEVICE_NOT_FOUND = "device_not_found"
    DEVICE_FAILED = "device_failed"
    NO_TONES = "no_tones"
    NO_ENGINE = "no_engine"
    NO_VOICE = "no_voice"
    SYNTHESIS_FAILED = "synthesis_failed"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class SoundStatus:
    """Whether a sound component can be heard right now.

    ``name`` is the output device (tones) or the voice id (speech); ``reason``
    says what is wrong and what was kept when ``available`` is false.
    """

    available: bool
    name: str = ""
    reason: str = ""
    code: StatusCode = StatusCode.OK

    @classmethod
    def ok(cls, name: str) -> SoundStatus:
        """Available, using ``name``."""
        return cls(True, name, "", StatusCode.OK)

    @classmethod
    def unavailable(cls, code: StatusCode, reason: str, name: str = "") -> SoundStatus:
        """Not available, with a stable code and a sentence."""
        return cls(False, name, reason, code)


STARTING = SoundStatus(False, "", "starting", StatusCode.STARTING)
CLOSED = SoundStatus(False, "", "closed", StatusCode.CLOSED)
