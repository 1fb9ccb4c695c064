"""Replay of a recorded session: play/pause, seek, speed 0.5×–2× keeping pitch, loop a region.

Three threads, no locks between the two that matter:

- the caller (the GUI) sends commands (``play``, ``seek``, ``set_speed`` …) through a queue;
- the player's own thread (``c4-replay``) opens the output stream and *produces* the
  audio ahead of the listener in chunks: speed changes go through pedalboard's
  ``time_stretch`` (Rubber Band: tempo changes, pitch does not), each chunk with some
  context on both sides and a short crossfade into the next, so the seams are not heard;
- PortAudio's callback only copies from the preallocated mirrored ring (every
  sample stored twice, ``size`` apart, so any read is one slice): no allocation of
  buffers, no locks, no logging, no Qt. The producer moves ``write_pos``, the
  callback moves ``read_pos`` (single attribute stores, atomic under the GIL). A seek
  or a speed change makes the producer publish ``_skip = (n, position)``; the callback
  jumps there the next time it runs, dropping what was buffered for the old position.

Starting cleanly (no underrun right after a seek, a speed change or ``play``): every
caller command that moves the position carries a number (``_asked``, GUI side); the
producer, once the ring holds ``PREFILL_S`` of output for the newest command it has
handled (or the rest of the recording), publishes that number as ``_primed``. The
callback plays only while ``_want`` (the caller's play/pause) is set and ``_primed ==
_asked``; until then it outputs silence without counting an underrun. Nobody blocks:
``play()`` returns at once and sound starts when the stretched audio is there.

Beside each produced sample the ring keeps the source sample it came from, so the
position heard (and the level meter's window) is exact at any speed.
"""

from __future__ import annotations

import logging
import math
import queue
import threading
from collections.abc import Callable
from types import ModuleType

import numpy as np

from c4console.sound import devices
from c4console.sound.devices import PORTAUDIO_LOCK, NoOutput, close_stream, report_status
from c4console.sound.status import CLOSED, STARTING, SoundStatus, StatusCode

log = logging.getLogger(__name__)

MIN_SPEED, MAX_SPEED = 0.5, 2.0
RING_S = 3.0  # output seconds the ring holds
AHEAD_S = 0.6  # the producer keeps this much output buffered ahead of the listener
PREFILL_S = 0.3  # output buffered after a seek before the callback starts reading (≤ AHEAD_S)
CHUNK_S = 0.5  # source seconds stretched at a time
CONTEXT_S = 0.25  # source context on each side of a chunk given to the stretcher
CROSSFADE_S = 0.010
BLOCK_MS = 10
WARMUP_CALLBACKS = 10  # see sound/player.py: the audio server asks for its whole buffer at first
JUMP_S = 5.0


def minmax_overview(pcm: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """(min, max) of ``pcm`` in ``bins`` equal slices, as floats in −1..1: a whole recording's
    waveform at a glance, computed once per recording."""
    n = len(pcm)
    bins = max(1, min(bins, n)) if n else 1
    if n == 0:
        return np.zeros(1, np.float32), np.zeros(1, np.float32)
    x = np.asarray(pcm, dtype=np.float32) * (1.0 / 32768.0 if pcm.dtype == np.int16 else 1.0)
    edges = np.linspace(0, n, bins + 1).astype(np.int64)
    return (np.minimum.reduceat(x, edges[:-1]).astype(np.float32),
            np.maximum.reduceat(x, edges[:-1]).astype(np.float32))


def level_dbfs(pcm: np.ndarray, rate: int, position_s: float, window_s: float = 0.05) -> float:
    """RMS level in dBFS of ``window_s`` of int16 ``pcm`` ending at ``position_s`` (−100 for silence)."""
    end = int(position_s * rate)
    start = max(0, end - int(window_s * rate))
    seg = pcm[start:max(start, end)]
    if len(seg) == 0:
        return -100.0
    rms = float(np.sqrt(np.mean(np.square(seg.astype(np.float32) * (1.0 / 32768.0)))))
    return 20.0 * math.log10(rms) if rms > 1e-5 else -100.0


class ReplayPlayer:
    """Plays one loaded recording; every method is called from one thread (the GUI's)."""

    def __init__(self, device: int | str | None = None, *,
                 on_status: Callable[[SoundStatus], None] | None = None) -> None:
        self._device_request = device
        self.on_status = on_status
        self.status = STARTING
        self.rate = 0  # the recording's
        self.out_rate = 0  # the stream's
        self.gain = 1.0
        self._volume = 1.0
        self.muted = False
        self.underruns = 0
        self._src: np.ndarray | None = None  # float32 −1..1
        self._size = 1
        self._buf = np.zeros(2, dtype=np.float32)
        self._src_at = np.zeros(1, dtype=np.float64)  # source sample of each ring slot
        self.read_pos = 0
        self.write_pos = 0
        self._skip: tuple[int, int] = (0, 0)
        self._skip_seen = 0
        self._want = False  # the caller's play (True) or pause; the callback clears it at the end
        self._asked = 0  # commands that move the position, counted by the caller (GUI thread)
        self._seen = 0  # ... the newest the player thread has handled (player thread)
        self._primed = 0  # ... the newest whose audio is buffered enough to start (player thread)
        self._warmup = WARMUP_CALLBACKS
        # Producer state (player thread only, except where noted).
        self._next_src = 0
        self._speed = 1.0
        self._loop: tuple[int, int] | None = None
        self._tail: np.ndarray | None = None  # the previous chunk's overlap, for the crossfade
        self._done = False  # the source is all produced (no loop)
        self._flush_pos = 0  # write_pos at the last seek (player thread writes, GUI reads)
        self._flush_src = 0  # ... and the source sample it restarted from
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        self._stream = None
        self._sd: ModuleType | None = None
        self._stretch: Callable[..., np.ndarray] | None = None
        self._ready = threading.Event()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="c4-replay", daemon=True)
        self._thread.start()

    # --- caller side ---------------------------------------------------------------------------
    def load(self, pcm: np.ndarray, rate: int) -> None:
        """Load a recording (int16 or float32 mono) and open the output for its rate; paused at 0."""
        src = np.asarray(pcm)
        src = (src.astype(np.float32) * (1.0 / 32768.0)) if src.dtype == np.int16 else src.astype(np.float32)
        self._want = False
        self._ready.clear()
        self._command("load", src, int(rate))

    @property
    def duration_s(self) -> float:
        """Length of the loaded recording."""
        return len(self._src) / self.rate if self._src is not None and self.rate else 0.0

    @property
    def finished(self) -> bool:
        """The whole recording (or up to its end) was played and no loop is set."""
        return self._done and self.read_pos >= self.write_pos

    @property
    def playing(self) -> bool:
        """True while playing (not paused, not finished), also while the start is buffering."""
        return self._want and not self.finished

    @property
    def buffering(self) -> bool:
        """Asked to play, but the audio for the newest seek/speed/loop is not buffered yet."""
        return self._want and self._primed != self._asked

    @property
    def speed(self) -> float:
        """The replay speed (1.0 normal)."""
        return self._speed

    @property
    def loop(self) -> tuple[float, float] | None:
        """The looped region in seconds, or None."""
        if self._loop is None or not self.rate:
            return None
        return self._loop[0] / self.rate, self._loop[1] / self.rate

    def position_s(self) -> float:
        """The recording's second being heard now."""
        if not self.rate:
            return 0.0
        rp, flush = self.read_pos, self._flush_pos
        if rp <= flush or self.write_pos <= flush:
            return self._flush_src / self.rate
        return float(self._src_at[(rp - 1) % self._size]) / self.rate

    def play(self) -> None:
        """Play from the current position (from the start if it had finished). Returns at once;
        the sound starts when enough of it is buffered (``buffering`` until then)."""
        if self.playing:
            return
        if self.finished:
            self.seek(0.0)
        self._command("play")
        self._want = True

    def pause(self) -> None:
        """Stop where it is (what was buffered is kept)."""
        self._want = False

    def toggle(self) -> None:
        """Play or pause."""
        if self.playing:
            self.pause()
        else:
            self.play()

    def seek(self, seconds: float) -> None:
        """Go to ``seconds`` (clamped to the recording)."""
        self._command("seek", float(seconds))
        if self.rate:  # so that position_s() says the new place at once
            self._flush_pos = self.write_pos
            self._flush_src = int(min(max(0.0, seconds), self.duration_s) * self.rate)

    def jump(self, delta_s: float = JUMP_S) -> None:
        """Seek relative to where it is (±5 s by default)."""
        self.seek(self.position_s() + delta_s)

    def set_speed(self, speed: float) -> None:
        """Replay speed, 0.5 to 2.0; the pitch is kept."""
        self._command("speed", min(MAX_SPEED, max(MIN_SPEED, float(speed))))

    def set_loop(self, start_s: float | None, end_s: float | None = None) -> None:
        """Loop between two positions (None clears the loop); playback jumps to the start."""
        self._command("loop", start_s, end_s)

    def set_volume(self, volume: float) -> None:
        """Volume 0..1."""
        self._volume = min(1.0, max(0.0, float(volume)))
        self.gain = 0.0 if self.muted else self._volume

    def set_muted(self, muted: bool) -> None:
        """Mute without stopping."""
        self.muted = bool(muted)
        self.gain = 0.0 if self.muted else self._volume

    def _command(self, kind: str, *args: object) -> None:
        """Queue a command for the player thread. Every one is numbered, so the callback stays
        silent until the audio for the newest one is buffered (see the module docstring)."""
        self._asked += 1
        self._commands.put((kind, *args, self._asked))

    def wait_ready(self, timeout: float = 5.0) -> SoundStatus:
        """Block until the last ``load`` has opened (or failed to open) the output."""
        self._ready.wait(timeout)
        return self.status

    def close(self, timeout: float = 3.0) -> None:
        """Close the stream and end the player's thread."""
        if self._closed:
            return
        self._want = False
        self._closed = True
        self._commands.put(("quit",))
        self._thread.join(timeout)
        self.status = CLOSED

    # --- PortAudio's real-time thread ----------------------------------------------------------
    def _callback(self, outdata: np.ndarray, frames: int, _time: object, _status: object) -> None:
        skip = self._skip
        if skip[0] != self._skip_seen:
            self._skip_seen = skip[0]
            self.read_pos = skip[1]
        if self._warmup > 0:
            self._warmup -= 1
            outdata.fill(0)
            return
        if not self._want or self._primed != self._asked:  # paused, or still buffering the start
            outdata.fill(0)
            return
        rp = self.read_pos
        available = self.write_pos - rp
        n = available if available < frames else frames
        if n > 0:
            i = rp % self._size
            np.multiply(self._buf[i:i + n], self.gain, out=outdata[:n, 0])
            self.read_pos = rp + n
        if n < frames:
            outdata[n:].fill(0)
            if self._done:
                self._want = False  # played to the end: a seek now does not start playing
            else:
                self.underruns += 1

    # --- the player's thread -------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            try:
                cmd = self._commands.get(timeout=0.01)
            except queue.Empty:
                cmd = None
            try:
                if cmd is not None:
                    if cmd[0] == "quit":
                        break
                    self._seen = cmd[-1]  # first: a command that fails must not keep it silent
                    self._handle(cmd)
                self._produce()
                self._prime()
            except Exception as e:  # the player thread must survive anything
                log.exception("replay: %s failed", cmd[0] if cmd else "producing")
                self._set_status(SoundStatus.unavailable(StatusCode.DEVICE_FAILED, f"replay error: {e}"))
            finally:
                if cmd is not None and cmd[0] == "load":
                    self._ready.set()
        self._close_stream()

    def _handle(self, cmd: tuple) -> None:
        kind = cmd[0]
        if kind == "load":
            self._load(cmd[1], cmd[2])
        elif kind == "seek":
            self._restart(int(min(max(0.0, cmd[1]), self.duration_s) * self.rate))
        elif kind == "speed":
            if cmd[1] != self._speed:
                here = int(self.position_s() * self.rate)
                self._speed = cmd[1]
                self._restart(here)
        elif kind == "loop":
            start, end = cmd[1], cmd[2]
            if start is None or end is None or not self.rate:
                self._loop = None
                self._done = False
                return
            a, b = sorted((int(max(0.0, start) * self.rate), int(min(end, self.duration_s) * self.rate)))
            if b - a < int(0.1 * self.rate):
                self._loop = None
                return
            self._loop = (a, b)
            self._restart(a)
        elif kind == "play" and self._done and self._loop is None and self.read_pos >= self.write_pos:
            self._restart(0)

    def _load(self, src: np.ndarray, rate: int) -> None:
        if self._src is None or rate != self.rate or self._stream is None:
            self._open(rate)
        self._src = src
        self.rate = rate
        self._loop = None
        self._restart(0)

    def _restart(self, src_pos: int) -> None:
        """Drop what is buffered; produce from ``src_pos`` on."""
        self._flush_pos = self.write_pos
        self._flush_src = src_pos
        self._skip = (self._skip[0] + 1, self.write_pos)
        self._next_src = src_pos
        self._tail = None
        self._done = False

    def _reader(self) -> int:
        """Where the callback reads, counting a jump it has not made yet."""
        skip = self._skip
        return skip[1] if skip[0] != self._skip_seen else self.read_pos

    def _produce(self) -> None:
        src = self._src
        if src is None or self._done or self._stream is None:
            return
        while self.write_pos - self._reader() < int(AHEAD_S * (self.out_rate or self.rate)):
            end = self._loop[1] if self._loop is not None else len(src)
            a = self._next_src
            if a >= end:
                if self._loop is None:
                    self._tail = None
                    self._done = True
                    return
                a = self._loop[0]
                self._tail = None  # the loop wraps: the next chunk does not continue this one
            b = min(end, a + int(CHUNK_S * self._speed * self.rate))
            out, at = self._render(src, a, b, last=b >= end and self._loop is None)
            self._write(out, at)
            self._next_src = b
            self._prime()  # start as soon as the first chunks are in, keep filling while it plays

    def _prime(self) -> None:
        """Let the callback play the newest command's audio once enough of it is buffered."""
        if self._primed == self._seen:
            return
        if self._done or self.write_pos - self._reader() >= int(PREFILL_S * (self.out_rate or self.rate)):
            self._primed = self._seen

    def _render(self, src: np.ndarray, a: int, b: int, *, last: bool) -> tuple[np.ndarray, np.ndarray]:
        """The output for source samples a..b at the current speed and output rate, and the
        source position of each output sample."""
        rate, speed = self.rate, self._speed
        if speed == 1.0:
            out = src[a:b]
        else:
            ctx = int(CONTEXT_S * rate)
            s0, s1 = max(0, a - ctx), min(len(src), b + ctx)
            stretched = self._stretcher()(src[s0:s1][None, :], rate, stretch_factor=speed)[0]
            scale = len(stretched) / max(1, s1 - s0)
            c0 = int(round((a - s0) * scale))
            c1 = int(round((b - s0) * scale))
            xf = 0 if last else min(int(CROSSFADE_S * rate), len(stretched) - c1)
            out = stretched[c0:c1 + xf]
            out = self._crossfade(out, xf)
        ratio = (self.out_rate or rate) / rate
        if ratio != 1.0:
            n = max(1, int(round(len(out) * ratio)))
            out = np.interp(np.arange(n) / ratio, np.arange(len(out)), out).astype(np.float32)
        at = np.linspace(a, b, len(out), endpoint=False)
        return np.asarray(out, dtype=np.float32), at

    def _crossfade(self, out: np.ndarray, xf: int) -> np.ndarray:
        out = np.array(out, dtype=np.float32)
        tail = self._tail
        if tail is not None and len(tail) and len(out) >= len(tail):
            k = len(tail)
            ramp = np.linspace(0.0, 1.0, k, endpoint=False, dtype=np.float32)
            out[:k] = tail * (1.0 - ramp) + out[:k] * ramp
        if xf > 0 and len(out) > xf:
            self._tail = out[-xf:].copy()
            return out[:-xf]
        self._tail = None
        return out

    def _stretcher(self) -> Callable[..., np.ndarray]:
        if self._stretch is None:
            from pedalboard import time_stretch

            self._stretch = time_stretch
        return self._stretch

    def _write(self, out: np.ndarray, at: np.ndarray) -> None:
        size, wp, n = self._size, self.write_pos, len(out)
        done = 0
        while done < n:
            i = (wp + done) % size
            k = min(n - done, size - i)
            self._buf[i:i + k] = out[done:done + k]
            self._buf[i + size:i + size + k] = out[done:done + k]
            self._src_at[i:i + k] = at[done:done + k]
            done += k
        self.write_pos = wp + n

    def _open(self, rate: int) -> None:
        self._close_stream()
        out_rate = rate
        try:
            with PORTAUDIO_LOCK:
                if self._sd is None:
                    self._sd = devices.load_sounddevice()
                sd = self._sd
                device = devices.find_output(sd, self._device_request)
                out_rate = devices.supported_rate(sd, device, rate)
        except NoOutput as e:
            self._size_ring(out_rate)
            self._set_status(SoundStatus.unavailable(e.code, e.reason))
            return
        self._size_ring(out_rate)
        self._warmup = WARMUP_CALLBACKS
        try:
            with PORTAUDIO_LOCK:
                stream = sd.OutputStream(device=device.index, samplerate=out_rate, channels=1,
                                         dtype="float32", blocksize=int(out_rate * BLOCK_MS / 1000),
                                         latency="low", callback=self._callback)
                stream.start()
        except (sd.PortAudioError, ValueError, OSError) as e:
            self._set_status(SoundStatus.unavailable(
                StatusCode.DEVICE_FAILED, f"cannot play on {device.name!r}: {e}", device.name))
            return
        self._stream = stream
        self._set_status(SoundStatus.ok(device.name))

    def _size_ring(self, out_rate: int) -> None:
        self.out_rate = out_rate
        self._size = int(RING_S * out_rate)
        self._buf = np.zeros(2 * self._size, dtype=np.float32)
        self._src_at = np.zeros(self._size, dtype=np.float64)
        self.read_pos = self.write_pos = 0
        self._skip, self._skip_seen = (0, 0), 0

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        close_stream(stream)

    def _set_status(self, status: SoundStatus) -> None:
        if status == self.status:
            return
        self.status = status
        report_status("replay output", status, self.on_status)
