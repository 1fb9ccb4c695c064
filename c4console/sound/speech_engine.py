"""One pyttsx3 engine that turns a phrase into a WAV file, with a clear reason when it cannot.

pyttsx3 2.99's espeak driver, learnt the hard way:

- espeak-ng runs in "retrieval" mode, which is asynchronous: the WAV is written
  by a callback on espeak's own thread, often after ``runAndWait()`` returned.
  We wait for the driver's ``finished-utterance`` and then ``espeak_Synchronize``
  before reading the file.
- Once an engine has run, its driver is "idle" and the next ``runAndWait()``
  only returns when that callback ends the loop — if writing fails, it spins for
  ever. A fresh driver is "busy" and its loop ends on its own, so after every
  phrase we put the driver back in that state.
- There is one synthesis callback per process: a second engine silently steals
  it (the first then writes nothing), and a collected engine unhooks it. Hence
  one engine per process, released deterministically.
- Driver errors (a bad voice, say) are swallowed unless an ``error`` listener is
  connected; on Linux its own playback shells out to ``aplay``, often absent.
  We only ever ask it for a WAV, and play that ourselves.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Sequence
from pathlib import Path

from c4console.sound.status import StatusCode
from c4console.sound.voices import SPANISH, pick_voice

log = logging.getLogger(__name__)

# One engine per process (see above); held from SpeechEngine() to close().
_ENGINE_LOCK = threading.Lock()
# espeak synthesises ~100x faster than real time: a phrase not done in this time is lost.
SYNTHESIS_TIMEOUT = 10.0


class SpeechUnavailable(Exception):
    """No engine or no suitable voice: ``code`` for the status bar, the message for the log."""

    def __init__(self, code: StatusCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class SynthesisFailed(Exception):
    """The engine is there but did not produce audio for a phrase."""


def _debug_print(*args: object, **_kwargs: object) -> None:
    log.debug("pyttsx3: %s", " ".join(map(str, args)))


class SpeechEngine:
    """A pyttsx3 engine with a voice chosen by language; create, use and close it on one thread.

    Raises ``SpeechUnavailable`` when pyttsx3, the driver (espeak-ng, SAPI5, ...)
    or a voice for ``languages`` is missing.
    """

    def __init__(self, driver: str | None = None, languages: Sequence[str] = SPANISH,
                 rate: int | None = None, volume: float | None = None) -> None:
        if not _ENGINE_LOCK.acquire(blocking=False):
            raise SpeechUnavailable(StatusCode.NO_ENGINE,
                                    "another speech engine is open in this process (espeak allows one)")
        self._holds_lock = True
        self._engine = None
        self._errors: list[str] = []  # reprs only: a kept traceback would keep the driver alive
        self._finished = threading.Event()
        self._tokens: list[dict] = []
        self._espeak = None  # pyttsx3's ctypes binding of libespeak-ng, when that is the driver
        self._com = False
        try:
            self._engine = self._open(driver)
            if rate is not None:
                self._set("rate", int(rate))
            if volume is not None:
                self._set("volume", float(volume))
            self.voice = self.choose_voice(languages)
        except BaseException:
            self.close()
            raise

    def _open(self, driver: str | None):
        try:
            import pyttsx3
        except ImportError as exc:
            raise SpeechUnavailable(StatusCode.NO_ENGINE,
                                    f"pyttsx3 not installed ({exc}): alerts will not be spoken") from exc
        if sys.platform == "win32":  # SAPI5 is COM: each thread that uses it must initialise COM
            try:
                import comtypes

                comtypes.CoInitialize()
                self._com = True
            except (ImportError, OSError) as exc:
                log.warning("COM initialisation for SAPI5 failed: %s", exc)
        try:
            engine = pyttsx3.init(driver)
        except ImportError as exc:
            raise SpeechUnavailable(StatusCode.NO_ENGINE,
                                    f"speech driver {driver!r} not available ({exc})") from exc
        except Exception as exc:  # RuntimeError/OSError when libespeak-ng is missing or fails
            raise SpeechUnavailable(StatusCode.NO_ENGINE,
                                    f"speech engine {driver or 'default'} failed to start ({exc}); "
                                    "is espeak-ng installed?") from exc
        # The espeak driver print()s "Audio saved to ..." for every phrase: send that to the debug log.
        espeak = sys.modules.get("pyttsx3.drivers.espeak")
        if espeak is not None:
            espeak.print = _debug_print
        self._tokens = [engine.connect("error", self._driver_error),
                        engine.connect("finished-utterance", self._driver_finished)]
        self._espeak = sys.modules.get("pyttsx3.drivers._espeak") if engine.driver_name == "espeak" else None
        return engine

    def _driver_finished(self, **_kw: object) -> None:
        self._finished.set()  # called on espeak's thread once the WAV is written

    def _driver_error(self, name: object = None, exception: BaseException | None = None,
                      **_kw: object) -> None:
        self._errors.append(repr(exception) if exception is not None else f"driver error ({name})")

    def _set(self, name: str, value: object) -> None:
        # Queued in the driver and applied at the start of the next synthesis, which reports
        # a rejected value through the error listener.
        self._engine.setProperty(name, value)

    def choose_voice(self, languages: Sequence[str]) -> str:
        """Switch to the installed voice that best fits ``languages`` and check it speaks; its id.

        ``SpeechUnavailable`` if no voice fits or the engine produces no audio with it.
        """
        voices = list(self._engine.getProperty("voices") or [])
        voice = pick_voice(voices, languages)
        if voice is None:
            raise SpeechUnavailable(
                StatusCode.NO_VOICE,
                f"no voice for {'/'.join(languages)} among {len(voices)} installed voices (install "
                "espeak-ng-data or a Spanish system voice): alerts will not be spoken")
        try:
            self._set("voice", voice.id)
            self._check()
        except SynthesisFailed as exc:
            reason = f"voice {voice.id!r} does not speak ({exc})"
            raise SpeechUnavailable(StatusCode.NO_VOICE, reason) from exc
        current = self._engine.getProperty("voice")
        if isinstance(current, str) and current.lower() != str(voice.id).lower():
            raise SpeechUnavailable(StatusCode.NO_VOICE,
                                    f"voice {voice.id!r} could not be selected (engine kept {current!r})")
        self.voice = str(voice.id)
        return self.voice

    def _check(self) -> None:
        # A short real synthesis: the only proof that engine, voice and callback all work.
        fd, name = tempfile.mkstemp(prefix="c4-voice-check-", suffix=".wav")
        os.close(fd)
        try:
            self.synthesize("Listo.", name)
        finally:
            Path(name).unlink(missing_ok=True)

    def set_rate(self, words_per_minute: int) -> None:
        """Speaking rate in words per minute (from the next phrase on)."""
        self._set("rate", int(words_per_minute))

    def synthesize(self, text: str, path: str | Path) -> Path:
        """Speak ``text`` into the WAV file ``path`` (overwritten); ``SynthesisFailed`` if no audio."""
        path = Path(path)
        if not text.strip():
            raise SynthesisFailed("nothing to say: empty phrase")
        if not path.parent.is_dir():
            raise SynthesisFailed(f"cannot write {path}: folder missing")
        path.unlink(missing_ok=True)
        self._errors.clear()
        self._finished.clear()
        try:
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
            if self._espeak is not None:
                self._wait_for_espeak(text)
        except SynthesisFailed:
            raise
        except Exception as exc:
            raise SynthesisFailed(f"speech engine failed on {text[:40]!r}: {exc!r}") from exc
        finally:
            self._engine.proxy.setBusy(True)  # back to the fresh state: see the module docstring
        if self._errors:
            raise SynthesisFailed(f"speech driver error on {text[:40]!r}: {self._errors[0]}")
        if not path.exists() or path.stat().st_size <= 44:  # 44 bytes: a WAV header with no samples
            raise SynthesisFailed(f"speech engine wrote no audio for {text[:40]!r}")
        return path

    def _wait_for_espeak(self, text: str) -> None:
        # The end-of-phrase notice never comes if the driver's callback failed (say, writing the
        # file), so also stop waiting once espeak has gone quiet: after it was seen working, or
        # after half a second in which it never started.
        start = time.monotonic()
        seen_busy = False
        while not self._finished.wait(0.01):
            busy = bool(self._espeak.IsPlaying())
            seen_busy = seen_busy or busy
            elapsed = time.monotonic() - start
            if not busy and (seen_busy or elapsed > 0.5):
                break
            if elapsed > SYNTHESIS_TIMEOUT:
                self._espeak.Cancel()
                break
        # The callback may still be returning (and marking the driver idle): let it finish first.
        self._espeak.Synchronize()
        if not self._finished.is_set():
            raise SynthesisFailed(f"espeak did not finish {text[:40]!r}: no audio written")

    def close(self) -> None:
        """Release the engine (on the thread that created it) so another may be made."""
        engine, self._engine = self._engine, None
        self._errors.clear()
        if engine is not None:
            # The driver unhooks espeak's (process-wide) callback when it is collected. That must
            # happen now: if it happened after a new engine hooked in, the new one would fall silent.
            for token in self._tokens:
                engine.disconnect(token)
            gone = weakref.ref(engine)
            del engine
            if gone() is not None:
                gc.collect()
            if gone() is not None:
                log.warning("pyttsx3 engine still referenced after close: a later engine may fall silent")
        if self._com:
            import comtypes

            comtypes.CoUninitialize()
            self._com = False
        if self._holds_lock:
            self._holds_lock = False
            _ENGINE_LOCK.release()


def synthesize_to_wav(text: str, path: str | Path, *, driver: str | None = None,
                      languages: Sequence[str] = SPANISH, rate: int | None = None) -> str:
    """Speak ``text`` into a WAV file with a fresh engine; the voice id used.

    For tests and support tools when no ``SpokenAlerts`` is running (use its
    ``save_wav`` otherwise). Raises ``SpeechUnavailable`` or ``SynthesisFailed``.
    """
    engine = SpeechEngine(driver, languages, rate)
    try:
        engine.synthesize(text, path)
        return engine.voice
    finally:
        engine.close()
