"""Live listening: frames over the protocol's WebSocket into the console's player, out of a
real PulseAudio null sink — and without any audio device, the recording unaffected."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import numpy as np

from c4console.central.audio import evidence
from c4console.sound.player import LivePlayer
from c4console.sync.audio_client import AudioListener, AudioSessions
from tests.audio import rtp_sender
from tests.audio.harness import audio_central, client, open_session, until
from tests.audio.signal_match import trim_silence, windowed_match
from tests.central.helpers import PANIC_DEVICE
from tests.pulseaudio import PulseServer, Recording


async def _listen_while_sending(c, s: aiohttp.ClientSession, player: LivePlayer, samples: np.ndarray,
                                codec: str = "PCMU", rec: Recording | None = None
                                ) -> tuple[dict, AudioListener]:
    sess = await open_session(s, c.audio_api, PANIC_DEVICE, codec)
    token = s.headers["Authorization"]

    async def headers() -> dict[str, str]:
        return {"Authorization": token}

    listener = AudioListener(AudioSessions(c.audio_api, s, headers), sess["session_id"], player)
    listener.start()
    await until(lambda: listener.stats.connected or listener.stats.ended,
                f"the listener connected ({listener.stats.last_error})")
    assert listener.stats.connected, listener.stats.last_error
    sent = await asyncio.to_thread(rtp_sender.send, samples, sess["udp_port"], codec)
    # The last packets play out: every frame reached the player and (with a device) its buffer
    # ran dry; then the sink runs on 0.3 s of its own time to pass them to the monitor.
    await until(lambda: listener.stats.frames >= sent
                and (player.stats().buffered_ms == 0 or not player.status.available),
                f"{sent} frames played out ({listener.stats.frames} in, {player.stats()})")
    if rec is not None:
        assert await asyncio.to_thread(rec.wait_for_audio, rec.recorded_s + 0.3)
    await c.manager.end(sess["session_id"], "test")
    await asyncio.wait_for(listener.wait(), 30)
    return sess, listener


def test_the_console_plays_what_the_device_sends(tmp_path, pulse_null_sink: PulseServer, speech_8k):
    player = LivePlayer()

    async def main():
        async with audio_central(tmp_path) as c, client(c.api) as s:
            with pulse_null_sink.record(rate=8000) as rec:
                sess, listener = await _listen_while_sending(c, s, player, speech_8k, rec=rec)
            assert listener.stats.ended and listener.stats.bad_frames == 0
            assert listener.stats.frames == len(speech_8k) // 160 + 1
            return rec.samples, sess

    try:
        played, sess = asyncio.run(main())
        assert player.status.available, player.status.reason
        stats = player.stats()
        assert stats.target_ms <= 200 and stats.late == 0
        heard = trim_silence(played)
        source = trim_silence(speech_8k)
        # Underruns (counted) add up to a few 20 ms gaps; nothing else may differ.
        assert abs(len(heard) - len(source)) / 8000 < 0.1 + stats.underruns * 0.06
        # The first half second may be cut: when playback starts, audio that piled up while the
        # output opened is skipped so the operator hears her with the jitter buffer's delay only.
        # A counted underrun (a loaded machine: the loop or the audio server late) inserts a gap
        # that may spoil the half-second window it falls in; any other poor window is a fault.
        matches = windowed_match(source, heard, 4000)[1:]
        poor = sum(m <= 0.8 for m in matches)
        assert len(matches) >= 15 and np.median(matches) > 0.9, matches
        assert poor <= stats.underruns and min(matches) > 0.5, (matches, stats)
    finally:
        player.close()


def test_without_a_device_the_panel_is_told_and_the_recording_goes_on(tmp_path, pulse_null_sink):
    statuses = []
    player = LivePlayer(device="no such sound card", on_status=statuses.append)

    async def main():
        async with audio_central(tmp_path) as c, client(c.api) as s:
            tone = (np.sin(np.arange(8000) / 3) * 8000).astype(np.int16)
            sess, listener = await _listen_while_sending(c, s, player, tone)
            row = await c.manager.row(sess["session_id"])
            # Listening to a session that has ended is refused at once, and the listener stops.
            token = s.headers["Authorization"]

            async def headers():
                return {"Authorization": token}

            late = AudioListener(AudioSessions(c.audio_api, s, headers), sess["session_id"], player)
            late.start()
            await asyncio.wait_for(late.wait(), 30)
            assert late.stats.ended and "409" in late.stats.last_error
            return listener, evidence.verify_folder(c.recordings / row["folder"], row, keys=c.manager.keys)

    try:
        listener, report = asyncio.run(main())
        assert not player.status.available and "no such sound card" in player.status.reason
        assert "recording at the central is not affected" in player.status.reason
        assert statuses and statuses[-1] == player.status
        assert listener.stats.frames == 50 and player.history.end == 8000  # the waveform still moves
        assert report.ok and abs(report.duration_s - 1.0) < 0.03
    finally:
        started = time.monotonic()
        player.close()
        assert time.monotonic() - started < 2
