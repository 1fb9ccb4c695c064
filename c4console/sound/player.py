"""Live playback of a listened audio session: frames in, a PortAudio output stream out.

The output callback (PortAudio's thread) only copies from the preallocated
:class:`~c4console.sound.ringbuffer.PlayoutRing`: no allocation of buffers, no
locks, no logging, no Qt. The ring doubles as an adaptive jitter buffer:
playback starts once ``target`` samples are buffered (60 ms at first); an
underrun (the ring ran dry) counts, pauses until the target is buffered again
and raises the target by 20 ms, never beyond 200 ms. If more than the target
plus a margin piles up (a burst after a network stall), the callback skips
ahead so the delay does not grow for good.

Opening and closing the stream happen on the player's own thread under
``PORTAUDIO_LOCK`` (opening can take tens of milliseconds); no device is a
status (``status``), never an exception, and frames are still taken (the
waveform keeps moving).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from c4console.sound import devices
from c4console.sound.devices import PORTAUDIO_LOCK, NoOutput, close_stream, report_status
from c4console.sound.ringbuffer import History, PlayoutRing
from c4console.sound.status import CLOSED, STARTING, SoundStatus, StatusCode

log = logging.getLogger(__name__)

START_DELAY_MS = 60
STEP_MS = 20
MAX_DELAY_MS = 200
SLACK_MS = 80  # buffered beyond the target before the callback skips ahead
RING_S = 4.0
HISTORY_S = 10.0
BLOCK_MS = 10  # output callback period
# Callbacks answered with silence after the stream opens: the audio server asks for its whole
# buffer at once then (the ALSA pulse plugin: 8 blocks in 4 ms), which would drain the ring.
WARMUP_CALLBACKS = 10


@dataclass(frozen=True, slots=True)
class PlayerStats:
    """What the panel shows: delays in milliseconds and counters."""

    target_ms: float
    buffered_ms: float
    underruns: int
    late: int
    frames: int
    playing: bool


class LivePlayer:
    """Plays one live stream at a time; ``feed()`` from the event loop, the callback from PortAudio."""

    def __init__(self, device: int | str | None = None, *, start_delay_ms: int = START_DELAY_MS,
                 max_delay_ms: int = MAX_DELAY_MS, step_ms: int = STEP_MS,
                 on_status: Callable[[SoundStatus], None] | None = None) -> None:
        self._device_request = device
        self.start_delay_ms = start_delay_ms
        self.max_delay_ms = max_delay_ms
        self.step_ms = step_ms
        self.on_status = on_status
        self.status = STARTING
        self.rate = 0  # rate of the frames (the session's)
        self.out_rate = 0  # rate of the stream
        self.ring = PlayoutRing(1)
        self.history = History(1)
        self.frames = 0
        self.underruns = 0
        self.gain = 1.0
        self.muted = False
        self._volume = 1.0
        self._playing = False
        self._ended = False
        self._warmup = WARMUP_CALLBACKS
        self._target = 0
        self._step = 0
        self._max = 0
        self._slack = 0
        self._ratio = 1.0
        # Optional timing log for the latency benchmark: (wall time, read_pos) per callback.
        self.period_log: tuple[np.ndarray, np.ndarray] | None = None
        self.period_count = 0
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        self._stream = None
        self._sd: ModuleType | None = None
        self._thread = threading.Thread(target=self._run, name="c4-live-audio", daemon=True)
        self._ready = threading.Event()
        self._closed = False
        self._thread.start()

    # --- event loop side ------------------------------------------------------------------
    def start(self, rate: int) -> None:
        """Prepare for a stream of ``rate`` Hz and open the output (asynchronously)."""
        self.stop()
        self.rate = rate
        self.ring = PlayoutRing(int(RING_S * rate))
        self.history = History(int(HISTORY_S * rate))
        self.frames = 0
        self.underruns = 0
        self._playing = False
        self._ended = False
        self._ratio = 1.0
        self._set_delays(rate)
        self._commands.put(("open", rate))

    def feed(self, position: int, pcm_le16: bytes | memoryview) -> None:
        """Take one frame: int16 little-endian samples starting at session sample ``position``."""
        if self.rate == 0:
            return
        samples = np.frombuffer(pcm_le16, dtype="<i2").astype(np.float32) * (1.0 / 32768.0)
        self.frames += 1
        ring = self.ring
        if position >= ring.write_end or not ring.started:
            self.history.append(samples)  # in order: what the operator hears next
        if self._ratio != 1.0:
            samples, position = _resample(samples, self._ratio), int(round(position * self._ratio))
        if self._stream is None and ring.started and position + len(samples) - ring.read_pos > ring.size:
            # Nothing is reading (no device): keep only the newest ring's worth.
            ring.read_pos = position + len(samples) - ring.size // 2
        ring.write(position, samples)

    def end(self) -> None:
        """The session ended: what is buffered plays out, then silence (not an underrun)."""
        self._ended = True

    def stop(self) -> None:
        """Stop playing (closes the stream on the player's thread)."""
        if not self._closed:
            self._commands.put(("close",))
        self.rate = 0

    def set_volume(self, volume: float) -> None:
        """Volume 0..1 (applied in the callback)."""
        self._volume = min(1.0, max(0.0, float(volume)))
        self.gain = 0.0 if self.muted else self._volume

    def set_muted(self, muted: bool) -> None:
        """Mute without losing the volume setting (the stream keeps running)."""
        self.muted = bool(muted)
        self.gain = 0.0 if self.muted else self._volume

    @property
    def volume(self) -> float:
        """The volume setting 0..1."""
        return self._volume

    def stats(self) -> PlayerStats:
        """Current delays and counters."""
        r = self.out_rate or self.rate or 1
        return PlayerStats(1000.0 * self._target / r, 1000.0 * max(0, self.ring.available()) / r,
                           self.underruns, self.ring.late, self.frames, self._playing)

    def output_latency_ms(self) -> float | None:
        """The output stream's latency as PortAudio reports it (None while no stream is open)."""
        stream = self._stream
        try:
            return None if stream is None else round(1000.0 * float(stream.latency), 1)
        except (AttributeError, TypeError, ValueError):
            return None

    def wait_ready(self, timeout: float = 5.0) -> SoundStatus:
        """Block until the first open attempt finished (tests, start-up)."""
        self._ready.wait(timeout)
        return self.status

    def close(self, timeout: float = 3.0) -> None:
        """Close the stream and end the player's thread."""
        if self._closed:
            return
        self._commands.put(("close",))
        self._commands.put(("quit",))
        self._closed = True
        self._thread.join(timeout)
        self.status = CLOSED

    # --- PortAudio's real-time thread ---------------------------------------------------------
    def _callback(self, outdata: np.ndarray, frames: int, _time: object, _status: object) -> None:
        ring = self.ring
        log_ = self.period_log
        if log_ is not None and self.period_count < len(log_[0]):
            log_[0][self.period_count] = time.time()
            log_[1][self.period_count] = ring.read_pos
            self.period_count += 1
        if self._warmup > 0:
            self._warmup -= 1
            outdata.fill(0)
            return
        available = ring.write_end - ring.read_pos
        if not self._playing:
            if available < self._target or available <= 0:
                outdata.fill(0)
                return
            self._playing = True
        if available > self._target + self._slack:
            ring.read_pos = ring.write_end - self._target  # catch up after a burst
            available = self._target
        n = available if available < frames else frames
        if n > 0:
            np.multiply(ring.view(ring.read_pos, n), self.gain, out=outdata[:n, 0])
            ring.read_pos += n
        if n < frames:
            outdata[n:].fill(0)
            if not self._ended:
                self.underruns += 1
                self._playing = False
                if self._target < self._max:
                    self._target = min(self._max, self._target + self._step)

    # --- player thread -------------------------------------------------------------------------
    def _set_delays(self, rate: int) -> None:
        r = rate * (self._ratio or 1.0)
        self._target = int(r * self.start_delay_ms / 1000)
        self._step = int(r * self.step_ms / 1000)
        self._max = int(r * self.max_delay_ms / 1000)
        self._slack = int(r * SLACK_MS / 1000)

    def _run(self) -> None:
        while True:
            cmd = self._commands.get()
            try:
                if cmd[0] == "quit":
                    break
                if cmd[0] == "open":
                    self._open(cmd[1])
                elif cmd[0] == "close":
                    self._close_stream()
            except Exception as e:  # the player thread must survive anything
                log.exception("live audio: %s failed", cmd[0])
                self._set_status(SoundStatus.unavailable(StatusCode.DEVICE_FAILED, f"audio error: {e}"))
            finally:
                if cmd[0] == "open":
                    self._ready.set()
        self._close_stream()

    def _open(self, rate: int) -> None:
        self._close_stream()
        try:
            with PORTAUDIO_LOCK:
                if self._sd is None:
                    self._sd = devices.load_sounddevice()
                sd = self._sd
                device = devices.find_output(sd, self._device_request)
                out_rate = devices.supported_rate(sd, device, rate)
        except NoOutput as e:
            self._set_status(SoundStatus.unavailable(e.code, f"{e.reason}; the recording at the central "
                                                             "is not affected"))
            return
        if out_rate != rate:
            # The device cannot play the session's rate: resample frames as they come.
            self._ratio = out_rate / rate
            self.ring = PlayoutRing(int(RING_S * out_rate))
            self._set_delays(rate)
        else:
            self._ratio = 1.0
        self.out_rate = out_rate
        self._warmup = WARMUP_CALLBACKS
        try:
            with PORTAUDIO_LOCK:
                stream = sd.OutputStream(device=device.index, samplerate=out_rate, channels=1,
                                         dtype="float32", blocksize=int(out_rate * BLOCK_MS / 1000),
                                         latency="low", callback=self._callback)
                stream.start()
        except (sd.PortAudioError, ValueError, OSError) as e:
            self._set_status(SoundStatus.unavailable(
                StatusCode.DEVICE_FAILED, f"cannot play on {device.name!r}: {e}; the recording at the "
                                          "central is not affected", device.name))
            return
        self._stream = stream
        self._set_status(SoundStatus.ok(device.name))

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        close_stream(stream)

    def _set_status(self, status: SoundStatus) -> None:
        if status == self.status:
            return
        self.status = status
        report_status("live audio output", status, self.on_status)


def _resample(samples: np.ndarray, ratio: float) -> np.ndarray:
    n = max(1, int(round(len(samples) * ratio)))
    return np.interp(np.arange(n) / ratio, np.arange(len(samples)), samples).astype(np.float32)
