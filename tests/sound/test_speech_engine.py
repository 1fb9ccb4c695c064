"""The real pyttsx3 + espeak-ng engine: Spanish speech into WAV files, and clear failures."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from c4console.sound.speech_engine import SpeechEngine, SpeechUnavailable, synthesize_to_wav
from c4console.sound.status import StatusCode
from c4console.sound.wavfile import read_wav
from tests.sound.signal_checks import loud_seconds

PHRASE = "Alerta: botón de pánico, colonia Centro, prioridad alta"


def test_spanish_phrase_to_wav_with_the_real_engine(tmp_path: Path) -> None:
    voice = synthesize_to_wav(PHRASE, tmp_path / "alerta.wav")
    assert voice == "roa/es-419"
    samples, rate = read_wav(tmp_path / "alerta.wav")
    assert len(samples) / rate > 1.5
    assert loud_seconds(samples, rate) >= 0.5


def test_unknown_driver_says_so() -> None:
    with pytest.raises(SpeechUnavailable) as err:
        SpeechEngine(driver="no_such_driver")
    assert err.value.code is StatusCode.NO_ENGINE
    assert "no_such_driver" in err.value.reason


def test_missing_language_says_so(tmp_path: Path) -> None:
    with pytest.raises(SpeechUnavailable) as err:
        synthesize_to_wav("hola", tmp_path / "x.wav", languages=("tlh",))
    assert err.value.code is StatusCode.NO_VOICE
    assert "tlh" in err.value.reason
    # The failed attempt released the engine: the next one works.
    assert synthesize_to_wav("hola", tmp_path / "y.wav") == "roa/es-419"


def test_one_engine_per_process_and_the_first_keeps_its_voice(tmp_path: Path) -> None:
    first = SpeechEngine()
    try:
        with pytest.raises(SpeechUnavailable, match="another speech engine"):
            SpeechEngine()
        # A second espeak driver would have stolen the synthesis callback; the first still speaks.
        first.synthesize("sigo hablando", tmp_path / "a.wav")
        assert loud_seconds(*read_wav(tmp_path / "a.wav")) > 0.2
    finally:
        first.close()


def test_engines_made_and_closed_on_other_threads_in_a_loop(tmp_path: Path) -> None:
    """Each engine lives on its own short thread, as in SpokenAlerts; none may hang or fall silent."""
    sizes: list[int] = []

    def one(i: int) -> None:
        path = tmp_path / f"{i}.wav"
        synthesize_to_wav(f"alerta número {i}", path, rate=300)
        sizes.append(path.stat().st_size)

    for i in range(15):
        t = threading.Thread(target=one, args=(i,), name=f"c4-test-engine-{i}")
        t.start()
        t.join(10)
        assert not t.is_alive(), f"engine {i} hung"
    assert len(sizes) == 15 and min(sizes) > 10_000


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the driver's own error
def test_failed_write_does_not_hang_the_engine(tmp_path: Path) -> None:
    engine = SpeechEngine()
    try:
        with pytest.raises(Exception, match="no audio|folder missing"):
            engine.synthesize("x", "/proc/c4-cannot-write.wav")  # the driver's own write fails
        engine.synthesize("después del error", tmp_path / "ok.wav")
        assert (tmp_path / "ok.wav").stat().st_size > 10_000
    finally:
        engine.close()
