"""Alert tones: the WAV files of a folder, played by name without blocking the caller."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from c4console.resources import AUDIO
from c4console.sound.output import AudioOutput, Playback, StatusListener
from c4console.sound.status import SoundStatus, StatusCode
from c4console.sound.wavfile import read_wav

log = logging.getLogger(__name__)

TONE_NAMES = ("alarm_new", "alarm_medium", "notify")


Tone = tuple[np.ndarray, int]  # float32 mono samples, sample rate


def load_tones(folder: Path, names: tuple[str, ...] = TONE_NAMES) -> tuple[dict[str, Tone], list[str]]:
    """Load ``<folder>/<name>.wav`` for each name: ``({name: (samples, rate)}, [problems])``.

    A missing or unreadable file is a problem, not an exception: the other tones still load.
    """
    tones: dict[str, Tone] = {}
    problems: list[str] = []
    for name in names:
        path = folder / f"{name}.wav"
        try:
            tones[name] = read_wav(path)
        except (OSError, ValueError) as exc:
            problems.append(f"tone {name!r} not loaded ({exc})")
    return tones, problems


class AlertTones:
    """Plays the console's alert tones (``play("alarm_new")``); never blocks, never raises.

    Give it the console's shared ``AudioOutput``; without one it opens (and
    closes) its own. ``status`` is the output's status, or ``NO_TONES`` when no
    tone file could be loaded. ``on_status`` is called from the output thread.
    """

    def __init__(self, folder: Path = AUDIO, output: AudioOutput | None = None, *,
                 device: int | str | None = None, muted: bool = False,
                 on_status: StatusListener | None = None, names: tuple[str, ...] = TONE_NAMES) -> None:
        self._tones, problems = load_tones(Path(folder), names)
        for problem in problems:
            log.warning("%s in %s: that alert will be silent", problem, folder)
        self._no_tones = None
        if not self._tones:
            self._no_tones = SoundStatus.unavailable(
                StatusCode.NO_TONES, f"no alert tones loaded from {folder}: " + "; ".join(problems))
        self._on_status = on_status
        self._muted = muted
        self._owns_output = output is None
        self._output = output if output is not None else AudioOutput(device, thread_name="c4-tones-output")
        self._output.add_listener(self._status_changed)

    @property
    def names(self) -> list[str]:
        """The tones that loaded."""
        return sorted(self._tones)

    @property
    def status(self) -> SoundStatus:
        """Whether tones can be heard, and why not."""
        return self._no_tones or self._output.status

    @property
    def muted(self) -> bool:
        """True while tones are silenced by the operator."""
        return self._muted

    def wait_ready(self, timeout: float = 5.0) -> SoundStatus:
        """Block until the output device has been probed (start-up, tests); the status."""
        self._output.wait_ready(timeout)
        return self.status

    def set_muted(self, muted: bool) -> None:
        """Silence (and stop) tones, or allow them again."""
        self._muted = muted
        if muted:
            self._output.stop("tones")

    def play(self, name: str) -> Playback | None:
        """Start tone ``name`` and return at once; None when muted, unknown or unavailable."""
        tone = self._tones.get(name)
        if tone is None:
            log.warning("alert tone %r not loaded: not played", name)
            return None
        if self._muted:
            return None
        return self._output.play(tone[0], tone[1], channel="tones")

    def stop(self) -> None:
        """Cut the tone that is playing."""
        self._output.stop("tones")

    def close(self) -> None:
        """Stop; release the output if this object opened it."""
        self._output.stop("tones")
        if self._owns_output:
            self._output.close()

    def _status_changed(self, status: SoundStatus) -> None:
        if self._on_status is not None:
            self._on_status(self._no_tones or status)
