"""Spoken alerts: phrases queued from any thread, spoken one after another by one speech thread.

The pyttsx3 engine lives and dies on that thread (``SpeechEngine``); callers
only enqueue. Each phrase is synthesised to a WAV and played through the
console's ``AudioOutput`` (channel "speech"), so mute and close cut it at once.
When alerts pile up faster than they can be said, the backlog becomes one
summary ("<newest>. Y 4 alertas más.").
"""

from __future__ import annotations

import logging
import os
import queue
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from c4console.sound.coalesce import DEFAULT_SUMMARY, Phrase, add_phrase, check_summary, next_utterance
from c4console.sound.output import AudioOutput, Playback
from c4console.sound.speech_engine import SpeechEngine, SpeechUnavailable, SynthesisFailed
from c4console.sound.status import CLOSED, STARTING, SoundStatus, StatusCode
from c4console.sound.voices import SPANISH
from c4console.sound.wavfile import read_wav

log = logging.getLogger(__name__)

DEFAULT_RATE = 170  # words per minute: clear over a control room's noise, not sluggish
_POLL = 0.05  # how often a waiting speech thread looks for mute/close


@dataclass(frozen=True, slots=True)
class Utterance:
    """What the speech thread said (or tried to): the text, the alerts it covers, the outcome.

    ``outcome`` is a ``Playback`` outcome: "played", "stopped" (muted/closed),
    "unavailable" (no engine or no audio output) or "failed".
    """

    text: str
    keys: tuple[str | None, ...]
    count: int
    outcome: str

    @property
    def summary(self) -> bool:
        """True when several alerts were folded into one sentence."""
        return self.count > 1


class _SaveJob:
    """A save_wav request waiting for the speech thread."""

    def __init__(self, text: str, path: Path) -> None:
        self.text, self.path = text, path
        self.ok = False
        self.done = threading.Event()


class SpokenAlerts:
    """Speaks alert phrases in Spanish (by default) without ever blocking or raising into the caller.

    ``on_status(SoundStatus)`` and ``on_spoken(Utterance)`` are called from the
    speech thread: the GUI must hop them onto its own thread. ``summary`` is the
    format for a backlog, with ``{latest}``, ``{more}`` and ``{total}`` (pass the
    translated string). Without an ``output`` it opens (and closes) its own.
    """

    def __init__(self, output: AudioOutput | None = None, *, driver: str | None = None,
                 languages: Sequence[str] = SPANISH, rate: int = DEFAULT_RATE,
                 summary: str = DEFAULT_SUMMARY, coalesce_above: int = 2, muted: bool = False,
                 on_status: Callable[[SoundStatus], None] | None = None,
                 on_spoken: Callable[[Utterance], None] | None = None) -> None:
        self._driver = driver
        self._languages = tuple(languages)
        self._rate = rate
        self._summary = self._valid_summary(summary)
        self._coalesce_above = max(1, coalesce_above)
        self._on_status = on_status
        self._on_spoken = on_spoken
        self._status = STARTING
        self._muted = muted
        self._closing = False
        # Held while deciding to start speech and while muting, so a phrase can't slip out after mute.
        self._mute_lock = threading.Lock()
        self._unfinished = 0
        self._idle = threading.Condition()
        self._ready = threading.Event()
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._owns_output = output is None
        self._output = output if output is not None else AudioOutput(thread_name="c4-speech-output")
        self._engine: SpeechEngine | None = None  # speech thread only
        self._thread = threading.Thread(target=self._run, name="c4-speech", daemon=True)
        self._thread.start()

    # --- caller side (any thread) ------------------------------------------------
    @property
    def status(self) -> SoundStatus:
        """Whether alerts can be spoken (engine and voice), and why not."""
        return self._status

    @property
    def muted(self) -> bool:
        """True while speech is silenced by the operator."""
        return self._muted

    def wait_ready(self, timeout: float = 10.0) -> SoundStatus:
        """Block until the engine has been opened (or failed to); the status. For start-up and tests."""
        self._ready.wait(timeout)
        return self._status

    def say(self, text: str, key: str | None = None) -> bool:
        """Queue ``text`` and return at once; False (nothing queued) when muted, closed or unavailable.

        A queued phrase with the same ``key`` (e.g. the incident id) is replaced by this one.
        """
        if self._muted or self._closing or not text.strip() or not self._thread.is_alive():
            return False
        if self._status.code in (StatusCode.NO_ENGINE, StatusCode.NO_VOICE):
            return False  # nothing could speak it; set_voice() may bring the engine back
        with self._idle:
            self._unfinished += 1
        self._queue.put(("say", Phrase(text.strip(), key)))
        return True

    def set_muted(self, muted: bool) -> None:
        """Mute: stop the current phrase and drop every waiting one. Unmute: speak new alerts again."""
        with self._mute_lock:
            self._muted = muted
            if muted:
                self._output.stop("speech")
        if muted:
            self._queue.put(("flush",))

    def set_voice(self, languages: Sequence[str]) -> None:
        """Prefer a voice for ``languages`` (e.g. ``("es-419", "es")``); the engine is reopened."""
        self._queue.put(("voice", tuple(languages)))

    def set_rate(self, words_per_minute: int) -> None:
        """Speaking rate from the next phrase on."""
        self._queue.put(("rate", int(words_per_minute)))

    def set_summary(self, summary: str) -> None:
        """The backlog sentence (``{latest}``, ``{more}``, ``{total}``), e.g. after a language change."""
        self._queue.put(("summary", self._valid_summary(summary)))

    def save_wav(self, text: str, path: str | Path, timeout: float = 10.0) -> bool:
        """Speak ``text`` into a WAV file with this engine (support, tests); True if written.

        Blocks up to ``timeout``: not for the GUI thread.
        """
        job = _SaveJob(text, Path(path))
        if threading.current_thread() is self._thread:
            self._save(job)
        elif not self._closing:
            self._queue.put(("save", job))
            job.done.wait(timeout)
        return job.ok

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until every queued phrase was spoken or dropped (tests, shutdown); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._unfinished == 0, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Stop speaking, drop the queue, close the engine and end the speech thread."""
        if self._closing:
            return
        with self._mute_lock:
            self._closing = True
            self._output.stop("speech")
        self._queue.put(("close",))
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("speech thread did not stop within %.1f s; left as a daemon", timeout)
        if self._owns_output:
            self._output.close()

    @staticmethod
    def _valid_summary(summary: str) -> str:
        try:
            return check_summary(summary)
        except ValueError as exc:
            log.warning("%s: using %r", exc, DEFAULT_SUMMARY)
            return DEFAULT_SUMMARY

    # --- speech thread -----------------------------------------------------------
    def _run(self) -> None:
        pending: list[Phrase] = []
        try:
            self._open_engine()
            self._ready.set()
            while True:
                if not pending and not self._take(self._queue.get(), pending):
                    break
                if not self._drain(pending):
                    break
                if pending:
                    text, taken = next_utterance(pending, self._summary, self._coalesce_above)
                    self._speak(text, taken)
        except Exception:  # never let the thread die silently: say why speech stopped
            log.exception("speech thread failed: alerts will not be spoken")
            self._set_status(SoundStatus.unavailable(StatusCode.SYNTHESIS_FAILED, "speech thread failed"))
        finally:
            self._ready.set()
            self._resolve(len(pending))
            self._drop_queue()
            self._close_engine()
            self._status = CLOSED

    def _drain(self, pending: list[Phrase]) -> bool:
        """Move everything already queued into ``pending``; False when asked to close."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return True
            if not self._take(item, pending):
                return False

    def _take(self, item: tuple, pending: list[Phrase]) -> bool:
        kind = item[0]
        if kind == "close":
            return False
        if kind == "say":
            if self._muted or self._engine is None:
                self._resolve(1)
            else:
                self._resolve(add_phrase(pending, item[1]))
        elif kind == "flush":
            self._resolve(len(pending))
            pending.clear()
        elif kind == "voice":
            self._languages = item[1]
            self._close_engine()
            self._open_engine()
        elif kind == "rate":
            self._rate = item[1]
            if self._engine is not None:
                self._engine.set_rate(self._rate)
        elif kind == "summary":
            self._summary = item[1]
        elif kind == "save":
            self._save(item[1])
        return True

    def _speak(self, text: str, taken: list[Phrase]) -> None:
        outcome = Playback.UNAVAILABLE
        try:
            if self._engine is not None:
                outcome = self._synthesize_and_play(text)
        finally:
            # Tell the listener before counting the phrases done, so wait_idle() implies the callback ran.
            self._notify(self._on_spoken, Utterance(text, tuple(p.key for p in taken), len(taken), outcome))
            self._resolve(len(taken))

    def _synthesize_and_play(self, text: str) -> str:
        fd, name = tempfile.mkstemp(prefix="c4-phrase-", suffix=".wav")
        os.close(fd)
        path = Path(name)
        try:
            self._engine.synthesize(text, path)
            samples, rate = read_wav(path)
        except (SynthesisFailed, OSError, ValueError) as exc:
            log.error("speech failed for %r: %s; engine restarted", text[:60], exc)
            self._set_status(SoundStatus.unavailable(StatusCode.SYNTHESIS_FAILED, str(exc), self._voice()))
            self._close_engine()
            self._open_engine()  # a fresh engine; its status replaces the failure if it works
            return Playback.FAILED
        finally:
            path.unlink(missing_ok=True)  # the phrase may name a place: don't leave it on disk
        with self._mute_lock:
            if self._muted or self._closing:
                return Playback.STOPPED
            playback = self._output.play(samples, rate, channel="speech")
        deadline = time.monotonic() + playback.duration + 10.0  # never wait for ever on a stuck device
        while not playback.wait(_POLL):
            if self._closing or time.monotonic() > deadline:
                self._output.stop("speech")
                playback.wait(1.0)
                break
        return playback.outcome or Playback.STOPPED

    def _save(self, job: _SaveJob) -> None:
        try:
            if self._engine is None:
                log.warning("cannot save speech to %s: %s", job.path, self._status.reason)
            else:
                self._engine.synthesize(job.text, job.path)
                job.ok = True
        except SynthesisFailed as exc:
            log.error("cannot save speech to %s: %s", job.path, exc)
        finally:
            job.done.set()

    def _open_engine(self) -> None:
        try:
            self._engine = SpeechEngine(self._driver, self._languages, self._rate)
        except SpeechUnavailable as exc:
            self._engine = None
            self._set_status(SoundStatus.unavailable(exc.code, exc.reason))
            return
        self._set_status(SoundStatus.ok(self._engine.voice))

    def _close_engine(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def _voice(self) -> str:
        return self._engine.voice if self._engine is not None else ""

    def _drop_queue(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item[0] == "say":
                self._resolve(1)
            elif item[0] == "save":
                item[1].done.set()

    def _resolve(self, n: int) -> None:
        if n:
            with self._idle:
                self._unfinished -= n
                self._idle.notify_all()

    def _set_status(self, status: SoundStatus) -> None:
        if status == self._status:
            return
        self._status = status
        if status.available:
            log.info("spoken alerts: voice %s", status.name)
        else:
            log.warning("spoken alerts unavailable: %s", status.reason)
        if not self._closing:
            self._notify(self._on_status, status)

    @staticmethod
    def _notify(callback: Callable | None, value: object) -> None:
        if callback is None:
            return
        try:
            callback(value)
        except Exception:
            log.exception("spoken-alerts callback failed")
