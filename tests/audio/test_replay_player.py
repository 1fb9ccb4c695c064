"""The replay player on the real PulseAudio null sink: seeking, 1.5× keeping the pitch
(the dominant frequency of a tone stays put, the time shrinks by 1/1.5), loops, the overview."""

from __future__ import annotations

import time

import numpy as np
import pytest

from c4console.sound.replay_player import ReplayPlayer, level_dbfs, minmax_overview


def dominant_hz(samples: np.ndarray, rate: int,
                band: tuple[float, float] | None = None) -> float:
    """The strongest frequency of ``samples`` (Hann window, parabolic peak interpolation),
    within ``band`` (Hz) when given: a console's alert tones (784/988 Hz) may share the sink."""
    x = samples.astype(np.float64) * np.hanning(len(samples))
    spec = np.abs(np.fft.rfft(x, n=8 * len(x)))
    lo, hi = 1, len(spec) - 1
    if band is not None:
        step = rate / (8 * len(x))
        lo, hi = max(1, int(band[0] / step)), min(len(spec) - 1, int(band[1] / step))
    k = int(np.argmax(spec[lo:hi])) + lo
    a, b, c = np.log(spec[k - 1:k + 2] + 1e-12)
    k = k + 0.5 * (a - c) / (a - 2 * b + c)
    return float(k * rate / (8 * len(x)))


def sounding(samples: np.ndarray, rate: int, threshold: int = 1500) -> np.ndarray:
    """The part of a monitor recording from the first to the last loud 10 ms block."""
    block = rate // 100
    n = len(samples) // block
    peaks = np.abs(samples[: n * block].reshape(n, block).astype(np.int32)).max(axis=1)
    loud = np.flatnonzero(peaks > threshold)
    assert len(loud), "nothing was heard on the null sink"
    return samples[loud[0] * block:(loud[-1] + 1) * block]


def tone_span(samples: np.ndarray, rate: int, hz: float, threshold: float = 4000.0) -> np.ndarray:
    """The part of a monitor recording from the first to the last 10 ms block where ``hz`` is
    loud (its amplitude by projection on that frequency), ignoring other sounds on the sink
    (a console's alert tones) — ``sounding`` for a recording that is not alone."""
    block = rate // 100
    n = len(samples) // block
    t = np.arange(block) / rate
    probe = np.exp(-2j * np.pi * hz * t)
    blocks = samples[: n * block].reshape(n, block).astype(np.float64)
    amplitude = 2.0 * np.abs(blocks @ probe) / block
    loud = np.flatnonzero(amplitude > threshold)
    assert len(loud), f"no {hz:g} Hz was heard on the null sink"
    return samples[loud[0] * block:(loud[-1] + 1) * block]


def tone(hz: float, seconds: float, rate: int = 8000, amplitude: int = 12000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * hz * t) * amplitude).astype(np.int16)


def until(pred, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_seek_and_play_at_1_5x_keeps_the_pitch_and_shortens_the_time(pulse_null_sink):
    player = ReplayPlayer()
    try:
        player.load(tone(440, 7.0), 8000)
        assert player.wait_ready(30).available, player.status
        player.set_speed(1.5)
        player.seek(2.5)
        assert abs(player.position_s() - 2.5) < 0.05  # said at once, before the player thread runs
        with pulse_null_sink.record(rate=16000) as rec:
            player.play()  # right after the seek: it must wait for the stretched audio itself
            until(lambda: player.finished, 60.0)
            assert rec.wait_for_quiet(0.2)  # the tone's end came through the audio server
        heard = sounding(rec.samples, rec.rate)
        assert abs(len(heard) / rec.rate - 4.5 / 1.5) < 0.15, len(heard) / rec.rate
        middle = heard[len(heard) // 4: 3 * len(heard) // 4]
        assert abs(dominant_hz(middle, rec.rate) - 440.0) < 4.0
        assert player.underruns == 0
    finally:
        player.close()


@pytest.mark.parametrize("speed", [0.5, 1.0, 1.5, 2.0])
def test_play_right_after_a_seek_starts_without_underruns(pulse_null_sink, speed):
    """play() at once after a seek (paused) and a seek while playing: the callback stays silent
    until the ring holds the stretched audio, so the player's own counter sees no underrun."""
    player = ReplayPlayer()
    try:
        player.load(tone(440, 14.0), 8000)
        assert player.wait_ready(30).available, player.status
        player.set_speed(speed)
        player.seek(2.0)
        with pulse_null_sink.record(rate=16000) as rec:
            player.play()
            assert player.playing  # the GUI sees "playing" at once; the sound follows
            until(lambda: player.position_s() > 2.6, 60.0)
            assert player.underruns == 0, f"{player.underruns} underruns starting after a seek at {speed}×"
            player.seek(8.0)  # while playing
            until(lambda: player.position_s() > 8.6, 60.0)
            assert player.underruns == 0, f"{player.underruns} underruns resuming a seek at {speed}×"
            player.pause()
        assert not player.buffering
        heard = sounding(rec.samples, rec.rate)
        assert abs(dominant_hz(heard[len(heard) // 4: 3 * len(heard) // 4], rec.rate) - 440.0) < 4.0
    finally:
        player.close()


def _wraps(player: ReplayPlayer, count: int, timeout: float = 60.0) -> None:
    """Wait until the position has jumped back (a loop's end to its start) ``count`` times."""
    seen, last = 0, player.position_s()
    deadline = time.monotonic() + timeout
    while seen < count:
        assert time.monotonic() < deadline, f"{seen} of {count} loop passes"
        time.sleep(0.02)
        now = player.position_s()
        seen += now < last - 0.2
        last = now


def test_pause_jump_and_loop(pulse_null_sink):
    player = ReplayPlayer()
    try:
        player.load(tone(300, 12.0), 8000)
        assert player.wait_ready(30).available
        with pulse_null_sink.record(rate=16000) as rec:
            player.play()
            until(lambda: player.position_s() > 0.5, 60.0)
            player.pause()
            # The sink's own clock, not the wall's: it ran on, so the stream's callbacks did.
            assert rec.wait_for_audio(rec.recorded_s + 0.2)  # a block already asked for plays out
            here = player.position_s()
            assert rec.wait_for_audio(rec.recorded_s + 0.3)
        assert player.position_s() == here and not player.playing
        player.jump(5.0)
        until(lambda: abs(player.position_s() - (here + 5.0)) < 0.05, 30.0)
        player.set_speed(2.0)
        player.set_loop(8.0, 9.0)
        player.play()
        until(lambda: player.position_s() >= 8.0, 60.0)
        _wraps(player, 2)  # two passes of the 1 s region at 2×
        assert 8.0 <= player.position_s() <= 9.05
        assert not player.finished
    finally:
        player.close()


def test_overview_and_level():
    pcm = np.concatenate([tone(440, 1.0), np.zeros(8000, np.int16)])
    lo, hi = minmax_overview(pcm, 100)
    assert len(lo) == len(hi) == 100
    assert hi[:50].min() > 0.3 and lo[:50].max() < -0.3
    assert np.all(hi[50:] == 0) and np.all(lo[50:] == 0)
    assert -13 < level_dbfs(pcm, 8000, 0.5) < -7
    assert level_dbfs(pcm, 8000, 1.9) == -100.0
