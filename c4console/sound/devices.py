"""Loading PortAudio (sounddevice) and finding an output device, with the reason when there is none.

Every function here calls into PortAudio and must run on the audio output's own
thread, under ``PORTAUDIO_LOCK``: PortAudio is not thread-safe for opening,
closing or re-scanning.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from c4console.platform_support import preferred_audio_host_api
from c4console.sound.status import StatusCode

log = logging.getLogger(__name__)

# Serialises PortAudio calls between AudioOutput instances in one process.
PORTAUDIO_LOCK = threading.RLock()


class NoOutput(Exception):
    """No usable output: ``code`` for the status bar, the message for the log."""

    def __init__(self, code: StatusCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True, slots=True)
class OutputDevice:
    """A PortAudio output device the console can open."""

    index: int
    name: str
    default_rate: int


def load_sounddevice() -> ModuleType:
    """Import sounddevice (which initialises PortAudio); ``NoOutput`` if the library is missing."""
    try:
        import sounddevice
    except OSError as exc:  # raised when libportaudio2 (PortAudio) is not installed
        raise NoOutput(StatusCode.NO_PORTAUDIO,
                       f"PortAudio library not found ({exc}); install libportaudio2: no sound") from exc
    except ImportError as exc:
        raise NoOutput(StatusCode.NO_PORTAUDIO, f"sounddevice not installed ({exc}): no sound") from exc
    return sounddevice


def rescan(sd: ModuleType) -> None:
    """Re-initialise PortAudio so it sees devices (or an audio server) that appeared since start-up.

    Closes every PortAudio stream in the process: call only when none are open.
    """
    sd._terminate()
    sd._initialize()


def default_output_index(sd: ModuleType, platform: str | None = None) -> int | None:
    """The default output device: that of the host API this platform prefers (Windows:
    WASAPI, the system mixer's own path, where PortAudio's default would be MME), else
    PortAudio's default; None (or negative) if there is none."""
    preferred = preferred_audio_host_api(platform)
    if preferred is not None:
        for api in sd.query_hostapis():
            if api["name"] == preferred and api["default_output_device"] >= 0:
                return int(api["default_output_device"])
    return sd.default.device[1]


def find_output(sd: ModuleType, device: int | str | None, platform: str | None = None) -> OutputDevice:
    """The requested output device (index or name substring), or the default
    (:func:`default_output_index`); ``NoOutput`` if none."""
    try:
        if device is None:
            index = default_output_index(sd, platform)
            if index is None or index < 0:
                raise NoOutput(StatusCode.NO_DEVICE,
                               "no default audio output device (no sound card or audio server)")
            info = sd.query_devices(index)
        else:
            info = sd.query_devices(device, "output")
    except (ValueError, sd.PortAudioError) as exc:
        raise NoOutput(StatusCode.DEVICE_NOT_FOUND, f"output device {device!r} not found: {exc}") from exc
    if info["max_output_channels"] < 1:
        raise NoOutput(StatusCode.DEVICE_NOT_FOUND, f"device {info['name']!r} has no output channels")
    return OutputDevice(int(info["index"]), str(info["name"]), int(info["default_samplerate"]))


def supported_rate(sd: ModuleType, device: OutputDevice, rate: int) -> int:
    """``rate`` if the device accepts it for mono float32, else the device's default rate."""
    try:
        sd.check_output_settings(device=device.index, samplerate=rate, channels=1, dtype="float32")
    except (ValueError, sd.PortAudioError):
        return device.default_rate
    return rate


def close_stream(stream: Any) -> None:
    """Stop and close a sounddevice stream (None: nothing to do) under the PortAudio lock."""
    if stream is None:
        return
    with PORTAUDIO_LOCK:
        try:
            stream.stop()
        finally:
            stream.close()


def report_status(what: str, status: Any, listener: Callable[[Any], None] | None) -> None:
    """Log an output's new :class:`SoundStatus` (``what`` names the output) and tell the
    listener; a failing listener is logged, never raised into the audio code."""
    if status.available:
        log.info("%s: %s", what, status.name)
    else:
        log.warning("%s unavailable: %s", what, status.reason)
    if listener is not None:
        try:
            listener(status)
        except Exception:
            log.exception("%s status listener failed", what)
