"""SpokenAlerts on its own thread with the real engine, heard on a real PulseAudio null sink."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from c4console.sound.output import AudioOutput
from c4console.sound.status import SoundStatus, StatusCode
from c4console.sound.tts import SpokenAlerts, Utterance
from c4console.sound.wavfile import read_wav
from tests.pulseaudio import PulseServer
from tests.sound.signal_checks import loud_seconds

PHRASE = "Alerta: botón de pánico, colonia Centro, prioridad alta"


class Listener:
    """Collects the callbacks (called on the speech thread)."""

    def __init__(self) -> None:
        self.spoken: list[Utterance] = []
        self.statuses: list[SoundStatus] = []
        self.first_spoken = threading.Event()

    def on_spoken(self, u: Utterance) -> None:
        self.spoken.append(u)
        self.first_spoken.set()


@pytest.fixture
def output(pulse_null_sink: PulseServer):
    out = AudioOutput()
    assert out.wait_ready(30).available
    yield out
    out.close()


@pytest.fixture
def speaker(output: AudioOutput):
    heard = Listener()
    alerts = SpokenAlerts(output, rate=320, on_spoken=heard.on_spoken, on_status=heard.statuses.append)
    assert alerts.wait_ready(30).available, alerts.status
    alerts.heard = heard
    yield alerts
    alerts.close()


def test_spanish_alert_is_heard_on_the_sink(pulse_null_sink: PulseServer, output: AudioOutput) -> None:
    heard = Listener()
    alerts = SpokenAlerts(output, on_spoken=heard.on_spoken, on_status=heard.statuses.append)
    try:
        assert alerts.wait_ready(30) == SoundStatus.ok("roa/es-419")
        assert heard.statuses == [SoundStatus.ok("roa/es-419")]
        with pulse_null_sink.record() as rec:
            assert alerts.say(PHRASE, key="inc-1")
            assert alerts.wait_idle(60)
        assert [(u.text, u.keys, u.outcome) for u in heard.spoken] == [(PHRASE, ("inc-1",), "played")]
        assert loud_seconds(rec.samples, rec.rate) >= 1.0
    finally:
        alerts.close()


def test_a_burst_of_six_is_summarised(speaker: SpokenAlerts) -> None:
    for i in range(1, 7):
        assert speaker.say(f"Alerta {i}", key=f"inc-{i}")
    assert speaker.wait_idle(60)
    spoken = speaker.heard.spoken
    assert len(spoken) < 6
    summary = spoken[-1]
    assert summary.summary and summary.text.startswith("Alerta 6. Y ") and "alertas más" in summary.text
    assert sorted(k for u in spoken for k in u.keys) == [f"inc-{i}" for i in range(1, 7)]


def test_summary_sentence_comes_from_the_caller(output: AudioOutput) -> None:
    heard = Listener()
    alerts = SpokenAlerts(output, rate=320, summary="{phrase}, and {n} more", on_spoken=heard.on_spoken)
    try:
        for i in range(5):
            alerts.say(f"alert {i}")
        assert alerts.wait_idle(60)
        assert heard.spoken[-1].text.endswith((", and 4 more", ", and 3 more"))
    finally:
        alerts.close()


def test_a_newer_phrase_for_the_same_incident_replaces_the_waiting_one(speaker: SpokenAlerts) -> None:
    speaker.say("Primera alerta, colonia Centro", key="a")
    speaker.say("Segunda alerta", key="b")
    speaker.say("Segunda alerta, reactivada", key="b")
    assert speaker.wait_idle(60)
    texts = [u.text for u in speaker.heard.spoken]
    assert texts == ["Primera alerta, colonia Centro", "Segunda alerta, reactivada"]


def test_mute_cuts_the_current_phrase_and_drops_the_waiting_ones(speaker: SpokenAlerts,
                                                                 pulse_null_sink: PulseServer) -> None:
    with pulse_null_sink.record() as rec:
        speaker.say("Esta frase es larga y se corta al silenciar la consola, colonia Centro, "
                    "prioridad alta")
        speaker.say("Esta no se dice")
        assert rec.wait_for_sound()  # the first phrase is playing
        speaker.set_muted(True)
    assert speaker.wait_idle(30)
    assert [u.outcome for u in speaker.heard.spoken] == ["stopped"]
    assert speaker.say("Tampoco esta") is False
    speaker.set_muted(False)
    assert speaker.say("Ahora sí")
    assert speaker.wait_idle(60)
    assert [(u.text, u.outcome) for u in speaker.heard.spoken[1:]] == [("Ahora sí", "played")]


def test_hammering_it_never_hangs(output: AudioOutput) -> None:
    """20 phrases at once, mute/unmute while speaking, close while speaking — three times over."""
    for _round in range(3):
        heard = Listener()
        alerts = SpokenAlerts(output, rate=320, on_spoken=heard.on_spoken)
        for i in range(20):
            alerts.say(f"alerta {i}", key=str(i % 7))
            if i % 5 == 4:
                alerts.set_muted(True)
                alerts.set_muted(False)
        assert alerts.wait_idle(60)
        alerts.say("una frase que se interrumpe al cerrar la consola, colonia Centro")
        assert heard.first_spoken.wait(30)
        started = time.monotonic()
        alerts.close()
        assert time.monotonic() - started < 2.0
        assert alerts.status.code is StatusCode.CLOSED
        assert alerts.say("después de cerrar") is False


def test_save_wav_through_the_running_engine(speaker: SpokenAlerts, tmp_path: Path) -> None:
    assert speaker.save_wav(PHRASE, tmp_path / "alerta.wav", timeout=30)
    samples, rate = read_wav(tmp_path / "alerta.wav")
    assert loud_seconds(samples, rate) >= 0.5


def test_missing_driver_degrades_with_a_reason(output: AudioOutput) -> None:
    heard = Listener()
    alerts = SpokenAlerts(output, driver="no_such_driver", on_status=heard.statuses.append)
    try:
        status = alerts.wait_ready()
        assert not status.available and status.code is StatusCode.NO_ENGINE
        assert "no_such_driver" in status.reason
        assert heard.statuses == [status]
        assert alerts.say(PHRASE) is False  # a no-op, not an exception
        alerts.set_muted(True)
        alerts.set_rate(150)
        assert alerts.save_wav("x", "/tmp/never.wav", timeout=2) is False
    finally:
        alerts.close()


def test_missing_voice_degrades_with_a_reason(output: AudioOutput) -> None:
    alerts = SpokenAlerts(output, languages=("tlh",))
    try:
        status = alerts.wait_ready()
        assert status.code is StatusCode.NO_VOICE and "tlh" in status.reason
        assert alerts.say(PHRASE) is False
        alerts.set_voice(("es-419", "es"))  # a later preference that exists brings speech back
        deadline = time.monotonic() + 30
        while not alerts.status.available and time.monotonic() < deadline:
            time.sleep(0.05)
        assert alerts.status == SoundStatus.ok("roa/es-419")
    finally:
        alerts.close()
