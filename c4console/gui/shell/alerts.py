"""New-alarm announcements: a tone by priority and a spoken phrase in Spanish.

Sound components run on their own threads and report status from there; their
callbacks reach the GUI thread through a queued Qt signal (never by touching
widgets from another thread).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from c4console.core.enums import IncidentStatus, Priority
from c4console.core.models import Incident
from c4console.gui.shell.labels import channel_label, priority_label
from c4console.gui.shell.thread_signal import ThreadSignal
from c4console.sound.status import SoundStatus, StatusCode

log = logging.getLogger(__name__)

TONE_FOR = {Priority.ALTA: "alarm_new", Priority.MEDIA: "alarm_medium", Priority.BAJA: "notify"}


class AlertAnnouncer(QObject):
    """Plays tones and speaks alerts; publishes a one-line status for the status bar.

    Mute silences the voice only: the tone of a new alarm always sounds.
    """

    statusChanged = Signal(str, bool, str)  # text, everything working, details for a tooltip

    def __init__(self, *, muted: bool = False, tones=None, speech=None, parent=None) -> None:
        super().__init__(parent)
        self._status: dict[str, SoundStatus] = {}
        # component, SoundStatus: from the tone and speech threads to the GUI thread
        self._from_thread = ThreadSignal(self._on_status, self)
        self.output = self._make_output() if tones is None or speech is None else None
        self.tones = tones if tones is not None else self._make_tones()
        self.speech = speech if speech is not None else self._make_speech(muted)
        if self.speech is not None:
            self.speech.set_muted(muted)

    def _make_output(self):
        # One output thread for tones and voice: one device, one place that talks to PortAudio.
        try:
            from c4console.sound.output import AudioOutput

            return AudioOutput()
        except Exception as e:  # no PortAudio: tones and voice report it themselves
            log.warning("audio output unavailable: %s", e)
            return None

    def _make_tones(self):
        try:
            from c4console.sound.tones import AlertTones

            return AlertTones(output=self.output,
                              on_status=lambda st: self._from_thread.emit("tones", st))
        except Exception as e:  # no PortAudio etc.: the console runs without tones
            log.warning("alert tones unavailable: %s", e)
            self._status["tones"] = SoundStatus.unavailable(StatusCode.NO_PORTAUDIO, str(e))
            return None

    def _make_speech(self, muted: bool):
        try:
            from c4console.sound.tts import SpokenAlerts

            return SpokenAlerts(self.output, summary=self.tr("{latest}. Y {more} alertas más."),
                                on_status=lambda st: self._from_thread.emit("speech", st))
        except Exception as e:  # no pyttsx3 / espeak-ng: alerts are shown, not spoken
            log.warning("spoken alerts unavailable: %s", e)
            self._status["speech"] = SoundStatus.unavailable(StatusCode.NO_ENGINE, str(e))
            return None

    def phrase(self, inc: Incident) -> str:
        """What is said for a new incident."""
        place = inc.colonia or (self.tr("sector {0}").format(inc.sector) if inc.sector else "")
        text = self.tr("Alerta: {0}").format(channel_label(inc.channel).lower())
        if place:
            text += ", " + self.tr("colonia {0}").format(place)
        return text + ", " + self.tr("prioridad {0}").format(priority_label(inc.priority).lower())

    def announce(self, incidents: Iterable[Incident]) -> None:
        """Announce incidents that arrived new (not ones already handled elsewhere)."""
        fresh = [i for i in incidents if i.status is IncidentStatus.NEW]
        if not fresh:
            return
        top = min(fresh, key=lambda i: i.priority.rank)
        if self.tones is not None:
            self.tones.play(TONE_FOR[top.priority])
        if self.speech is not None:
            for inc in sorted(fresh, key=lambda i: i.priority.rank):
                self.speech.say(self.phrase(inc), key=inc.id)

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute the voice."""
        if self.speech is not None:
            self.speech.set_muted(muted)

    def _on_status(self, component: str, status: SoundStatus) -> None:
        self._status[component] = status
        self.publish_status()

    def publish_status(self) -> None:
        """Emit the status-bar text for the current sound state."""
        for comp in ("tones", "speech"):
            obj = self.tones if comp == "tones" else self.speech
            if obj is not None and comp not in self._status:
                self._status[comp] = obj.status
        tones = self._status.get("tones")
        speech = self._status.get("speech")
        parts = []
        ok = True
        if tones is None or not tones.available:
            ok = False
            parts.append(self.tr("🔇 Sin audio"))
        if speech is None or not speech.available:
            ok = False
            parts.append(self.tr("Sin voz"))
        text = " · ".join(parts) if parts else self.tr("🔊 Audio y voz")
        detail = "; ".join(f"{k}: {v.reason}" for k, v in self._status.items() if v.reason)
        self.statusChanged.emit(text, ok, detail)

    def close(self) -> None:
        """Stop the sound threads."""
        for obj in (self.speech, self.tones, self.output):
            if obj is not None:
                try:
                    obj.close()
                except Exception as e:  # closing must never stop the console from exiting
                    log.warning("closing sound: %s", e)
