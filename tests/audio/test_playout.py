"""The console's playout ring and the adaptive jitter buffer in the output callback
(driven directly, as PortAudio would, without a device)."""

from __future__ import annotations

import numpy as np

from c4console.sound.player import LivePlayer
from c4console.sound.ringbuffer import History, PlayoutRing


def _pcm(value: int, n: int = 160) -> bytes:
    return np.full(n, value, dtype="<i2").tobytes()


def test_ring_places_frames_by_position_and_drops_late_ones():
    ring = PlayoutRing(1000)
    ring.write(5000, np.ones(100, dtype=np.float32))
    ring.write(5200, np.full(100, 3, dtype=np.float32))  # 5100-5199 missing: silence for now
    ring.write(5100, np.full(100, 2, dtype=np.float32))  # … and it arrives in time
    assert ring.available() == 300
    view = ring.view(5000, 300)
    assert (view[:100] == 1).all() and (view[100:200] == 2).all() and (view[200:] == 3).all()
    ring.read_pos = 5250
    assert ring.write(5100, np.ones(100, dtype=np.float32)) == 0 and ring.late == 1
    # Across the end of the buffer a view is still one contiguous slice (mirrored storage).
    ring.write(5900, np.arange(200, dtype=np.float32))
    assert np.array_equal(ring.view(5950, 100), np.arange(50, 150, dtype=np.float32))
    assert ring.write(7000, np.ones(500, dtype=np.float32)) == 0 and ring.overflow == 1


def test_history_keeps_the_newest():
    h = History(10)
    h.append(np.arange(7, dtype=np.float32))
    h.append(np.arange(7, 15, dtype=np.float32))
    assert np.array_equal(h.latest(10), np.arange(5, 15, dtype=np.float32))
    assert np.array_equal(h.latest(3), np.arange(12, 15, dtype=np.float32))


def test_callback_prebuffers_grows_on_underruns_caps_at_200_ms_and_skips_bursts():
    player = LivePlayer(device="no such device")
    try:
        player.wait_ready()
        player.start(8000)
        player._warmup = 0
        out = np.ones((80, 1), dtype=np.float32)
        pos = 0

        def feed(frames: int) -> None:
            nonlocal pos
            for _ in range(frames):
                player.feed(pos, _pcm(16384))
                pos += 160

        def play(calls: int) -> None:
            for _ in range(calls):
                player._callback(out, 80, None, None)

        feed(2)  # 40 ms < 60 ms: still silence
        play(1)
        assert not out.any() and player.stats().target_ms == 60
        feed(1)
        play(1)
        assert np.allclose(out, 0.5)  # playing at 60 ms
        player.set_volume(0.5)
        play(1)
        assert np.allclose(out, 0.25)
        player.set_muted(True)
        play(1)
        assert not out.any()
        player.set_muted(False)
        play(10)  # runs dry: one underrun, the target grows by 20 ms
        assert player.underruns == 1 and player.stats().target_ms == 80
        for _ in range(20):  # keeps starving: never beyond 200 ms
            feed(int(player.stats().target_ms // 20) + 1)
            play(40)
        assert player.stats().target_ms == 200 and player.underruns > 5
        feed(30)  # a burst of 600 ms after a stall: the callback skips to the target
        play(1)
        assert player.stats().buffered_ms <= 200
        player.end()
        before = player.underruns
        play(50)
        assert player.underruns == before  # the end of the session is not an underrun
    finally:
        player.close()
