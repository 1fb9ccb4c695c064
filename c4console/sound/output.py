"""Non-blocking sound output: one thread owns every PortAudio call, callers only enqueue.

Opening a stream can take tens of milliseconds (or hang on a sick audio server),
so neither the GUI thread nor the speech thread ever touches PortAudio: they
call ``play()``, which returns a ``Playback`` at once. Each play opens its own
stream whose callback only copies slices of a buffer prepared beforehand.
Sounds play on named channels ("tones", "speech"): a new sound replaces the one
on its channel, channels mix in the audio server.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from functools import partial
from types import ModuleType

import numpy as np

from c4console.sound import devices
from c4console.sound.devices import PORTAUDIO_LOCK, NoOutput, OutputDevice
from c4console.sound.status import CLOSED, STARTING, SoundStatus, StatusCode
from c4console.sound.wavfile import resample

log = logging.getLogger(__name__)

StatusListener = Callable[[SoundStatus], None]

# Streams open in this process (all AudioOutputs); a PortAudio re-scan would kill them.
_open_streams = 0


class Playback:
    """What became of one play request; ``wait()`` for it or ignore it."""

    PLAYED = "played"
    STOPPED = "stopped"
    UNAVAILABLE = "unavailable"
    FAILED = "failed"

    def __init__(self, duration: float) -> None:
        self.duration = duration
        self.outcome = ""
        self._done = threading.Event()

    @property
    def done(self) -> bool:
        """True once the sound finished, was stopped, or could not play."""
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until done (never call this on the GUI thread); False on timeout."""
        return self._done.wait(timeout)

    def _finish(self, outcome: str) -> None:
        # The first outcome wins: a stop after the natural end stays "played".
        if not self._done.is_set():
            self.outcome = outcome
            self._done.set()


class _Clip:
    """One sound being played: a (frames, 1) float32 buffer and a read position."""

    __slots__ = ("data", "pos", "channel", "playback", "stream", "stop_exc")

    def __init__(self, data: np.ndarray, channel: str, playback: Playback, stop_exc: type) -> None:
        self.data = data
        self.pos = 0
        self.channel = channel
        self.playback = playback
        self.stream = None
        self.stop_exc = stop_exc

    def callback(self, outdata: np.ndarray, frames: int, _time: object, _status: object) -> None:
        """PortAudio's real-time callback: copy only — no locks, no logging, no allocation of buffers."""
        start = self.pos
        end = start + frames
        n = len(self.data)
        if end <= n:
            outdata[:] = self.data[start:end]
            self.pos = end
            return
        rest = n - start
        outdata[:rest] = self.data[start:n]
        outdata[rest:] = 0
        self.pos = n
        raise self.stop_exc


class AudioOutput:
    """Plays float32 mono buffers on one output device without blocking the caller.

    ``status`` says whether sound can be heard (and why not); listeners are
    called from the output thread whenever it changes. If the device is missing
    the output retries (re-scanning PortAudio) on a later ``play()``, at most
    every ``retry_after`` seconds, so a restarted audio server comes back.
    """

    def __init__(self, device: int | str | None = None, *, on_status: StatusListener | None = None,
                 retry_after: float = 10.0, thread_name: str = "c4-audio-output") -> None:
        self._device_request = device
        self._retry_after = retry_after
        self._listeners: list[StatusListener] = [on_status] if on_status else []
        self._status = STARTING
        self._ready = threading.Event()
        self._closed = False
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        # Worker-thread state.
        self._sd: ModuleType | None = None
        self._device: OutputDevice | None = None
        self._clips: dict[str, _Clip] = {}
        self._probed_at = 0.0
        self._thread = threading.Thread(target=self._run, name=thread_name, daemon=True)
        self._thread.start()

    # --- caller side (any thread) --------------------------------------------
    @property
    def status(self) -> SoundStatus:
        """The current availability of sound output."""
        return self._status

    def add_listener(self, listener: StatusListener) -> None:
        """Also call ``listener(status)`` from the output thread: once now, then on every change."""
        if not self._closed:
            self._commands.put(("listen", listener))

    def wait_ready(self, timeout: float = 5.0) -> SoundStatus:
        """Block until the first device probe is done (start-up and tests), then return the status."""
        self._ready.wait(timeout)
        return self._status

    def play(self, samples: np.ndarray, rate: int, channel: str = "tones") -> Playback:
        """Queue ``samples`` (mono, float32 in [-1, 1]; not modified afterwards) and return at once."""
        data = np.asarray(samples, dtype=np.float32).reshape(-1)
        playback = Playback(len(data) / rate if rate > 0 else 0.0)
        if self._closed or len(data) == 0 or rate <= 0:
            playback._finish(Playback.UNAVAILABLE if self._closed else Playback.PLAYED)
            return playback
        self._commands.put(("play", data, int(rate), channel, playback))
        return playback

    def stop(self, channel: str | None = None) -> None:
        """Silence ``channel`` (or every channel) as soon as the output thread gets to it."""
        if not self._closed:
            self._commands.put(("stop", channel))

    def refresh(self) -> None:
        """Look for the output device again (stops what is playing)."""
        if not self._closed:
            self._commands.put(("refresh",))

    def close(self, timeout: float = 3.0) -> None:
        """Stop all sound, release the device and end the output thread."""
        if self._closed:
            return
        self._closed = True
        self._commands.put(("close",))
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("audio output thread did not stop within %.1f s; left as a daemon", timeout)

    # --- output thread -----------------------------------------------------------
    def _run(self) -> None:
        try:
            self._probe(rescan=False)
        except Exception as exc:  # an odd PortAudio failure is a status too, never a dead thread
            log.exception("audio output start-up failed")
            reason = f"audio start-up failed: {exc}"
            self._set_status(SoundStatus.unavailable(StatusCode.DEVICE_FAILED, reason))
        finally:
            self._ready.set()
        while True:
            cmd = self._commands.get()
            if cmd[0] == "close":
                break
            try:
                self._handle(cmd)
            except Exception as exc:  # the output thread must survive anything
                log.exception("audio output: %s failed", cmd[0])
                self._set_status(SoundStatus.unavailable(StatusCode.DEVICE_FAILED, f"audio error: {exc}"))
                if cmd[0] == "play":
                    cmd[4]._finish(Playback.FAILED)
        self._stop_channels(None)
        self._drain_after_close()
        self._status = CLOSED  # listeners are not called after close(): the GUI may be going away

    def _handle(self, cmd: tuple) -> None:
        kind = cmd[0]
        if kind == "play":
            self._play(*cmd[1:])
        elif kind == "stop":
            self._stop_channels(cmd[1])
        elif kind == "reap":
            self._reap(cmd[1])
        elif kind == "listen":
            self._listeners.append(cmd[1])
            self._notify(cmd[1], self._status)
        elif kind == "refresh":
            self._stop_channels(None)
            self._probe(rescan=True)

    def _drain_after_close(self) -> None:
        while True:
            try:
                cmd = self._commands.get_nowait()
            except queue.Empty:
                return
            if cmd[0] == "play":
                cmd[4]._finish(Playback.UNAVAILABLE)
            elif cmd[0] == "reap":
                self._reap(cmd[1])

    def _probe(self, rescan: bool) -> None:
        self._probed_at = time.monotonic()
        self._device = None
        try:
            with PORTAUDIO_LOCK:
                if self._sd is None:
                    self._sd = devices.load_sounddevice()
                elif rescan and _open_streams == 0:
                    devices.rescan(self._sd)
                self._device = devices.find_output(self._sd, self._device_request)
        except NoOutput as exc:
            self._set_status(SoundStatus.unavailable(exc.code, exc.reason))
            return
        self._set_status(SoundStatus.ok(self._device.name))

    def _play(self, data: np.ndarray, rate: int, channel: str, playback: Playback) -> None:
        # Without PortAudio (self._sd None) there is nothing to retry; without a device, look again
        # now and then: the audio server may have started since.
        if (self._sd is not None and not self._status.available
                and time.monotonic() - self._probed_at >= self._retry_after):
            self._probe(rescan=True)
        if self._device is None or self._sd is None:
            playback._finish(Playback.UNAVAILABLE)
            return
        self._stop_channels(channel)
        sd, device = self._sd, self._device
        out_rate = devices.supported_rate(sd, device, rate)
        clip = _Clip(resample(data, rate, out_rate).reshape(-1, 1), channel, playback, sd.CallbackStop)
        global _open_streams
        try:
            with PORTAUDIO_LOCK:
                stream = sd.OutputStream(device=device.index, samplerate=out_rate, channels=1,
                                         dtype="float32", latency="high", callback=clip.callback,
                                         finished_callback=partial(self._finished, clip))
                _open_streams += 1
                clip.stream = stream
                stream.start()
        except (sd.PortAudioError, ValueError, OSError) as exc:
            self._reap(clip)
            playback._finish(Playback.FAILED)
            reason = f"cannot play on {device.name!r}: {exc}; sound dropped"
            self._set_status(SoundStatus.unavailable(StatusCode.DEVICE_FAILED, reason, device.name))
            return
        self._clips[channel] = clip
        self._set_status(SoundStatus.ok(device.name))

    def _finished(self, clip: _Clip) -> None:
        # Called by PortAudio when the stream stops: hand the closing to the output thread.
        clip.playback._finish(Playback.PLAYED if clip.pos >= len(clip.data) else Playback.STOPPED)
        self._commands.put(("reap", clip))

    def _reap(self, clip: _Clip) -> None:
        global _open_streams
        if self._clips.get(clip.channel) is clip:
            del self._clips[clip.channel]
        stream, clip.stream = clip.stream, None
        if stream is not None:
            with PORTAUDIO_LOCK:
                stream.close()
                _open_streams -= 1

    def _stop_channels(self, channel: str | None) -> None:
        names = list(self._clips) if channel is None else [channel]
        for name in names:
            clip = self._clips.get(name)
            if clip is not None:
                clip.playback._finish(Playback.STOPPED)
                self._reap(clip)

    def _set_status(self, status: SoundStatus) -> None:
        if status == self._status:
            return
        self._status = status
        if status.available:
            log.info("audio output: %s", status.name)
        else:
            log.warning("audio output unavailable: %s", status.reason)
        for listener in list(self._listeners):
            self._notify(listener, status)

    @staticmethod
    def _notify(listener: StatusListener, status: SoundStatus) -> None:
        try:
            listener(status)
        except Exception:
            log.exception("audio status listener failed")
