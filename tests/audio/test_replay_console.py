"""The supervisor's replay in real consoles against a real central process, played to the
PulseAudio null sink: a recording of a 440 Hz tone (RTP through an audio session) replayed
from a seek at 1.5× keeps its pitch and takes 1/1.5 of the time; a bookmark reaches a second
console's timeline through the central; an operator gets no replay tools and a 403; the
evidence export shows the verification first; a tampered recording is refused with the
reason shown; a cached recording replays with the central stopped."""

from __future__ import annotations

import asyncio
import json

import numpy as np

from c4console.sync.recordings import RecordingRefused, RecordingsApi
from tests.audio import rtp_sender
from tests.audio.central_process import CentralProcess, demo_panic_device
from tests.audio.test_replay_player import dominant_hz, tone_span
from tests.gui.console_harness import start_session, stop_session, until

TONE_S = 6.0


def _central(folder) -> CentralProcess:
    folder.mkdir(parents=True, exist_ok=True)
    return CentralProcess(folder).start()


def _record_tone(central: CentralProcess, device_n: int, hz: float = 440.0) -> dict:
    """A closed recording of a tone sent as PCMU RTP; its session."""
    central.token = central.login("operadora1")
    sess = central.open_session(demo_panic_device(device_n), "PCMU")
    t = np.arange(int(TONE_S * 8000)) / 8000
    tone = (np.sin(2 * np.pi * hz * t) * 12000).astype(np.int16)
    sent = rtp_sender.send(tone, sess["udp_port"], "PCMU", pace=4.0)
    central.wait_taken_in(sess["session_id"], sent)
    status, body = central.end_session(sess["session_id"])
    assert status == 200, body
    return sess


def test_replay_at_1_5x_bookmarks_roles_and_export(qapp, qloop, tmp_path, pulse_null_sink):
    central = _central(tmp_path / "central")
    sess = _record_tone(central, 2)
    sid, iid = sess["session_id"], sess["incident_id"]

    # Both consoles announce the recording's panic incident aloud on the same sink as the
    # replay; a voice has energy at 440 Hz too and once stretched the tone's measured span
    # (2.9 s for 2.67 s). Their voices are muted (the setting operators have); the alert
    # tones stay, and tone_span ignores them.
    for desk in ("sup", "op"):
        (tmp_path / desk).mkdir(parents=True, exist_ok=True)
        (tmp_path / desk / "c4console.ini").write_text("[general]\nmuted=true\n", encoding="utf-8")

    async def scenario():
        sup = await start_session(qapp, central.api, tmp_path / "sup", user="supervisora1")
        op = await start_session(qapp, central.api, tmp_path / "op", user="operadora1")
        try:
            assert all(c.alerts.speech is None or c.alerts.speech._muted for c in (sup, op))
            # Roles: the operator's window has no replay tools, and the central says 403.
            assert getattr(op.window, "recordings", None) is None
            assert not op.window.detail.replay_button.isVisibleTo(op.window)
            client = op.engine.client
            try:
                await RecordingsApi(client.base_url, client.session, client.auth_headers).audio(sid)
                raise AssertionError("the operator got the recording")
            except RecordingRefused as e:
                assert e.status == 403 and e.reason == "forbidden"

            tools = sup.window.recordings
            assert tools.menu.menuAction().isVisible()
            await tools.panel.reload()
            assert tools.panel.select(sid)
            assert tools.panel.table.item(0, 7).text() == "no"
            assert await sup.window.replay.open_async(sid)
            panel = sup.window.replay
            assert panel.source == "central" and panel.player.wait_ready().available
            assert "Verificada por la central" in panel.verified.text()
            assert tools.panel.table.item(0, 7).text() == "sí"

            # Seek to 2 s and play at 1.5×: 4 s of tone in 4/1.5 s, still 440 Hz.
            panel.set_speed(1.5)
            panel.seek(2.0)
            assert abs(panel.player.position_s() - 2.0) < 0.05
            rec = pulse_null_sink.record(rate=16000).start()
            try:
                panel.toggle()  # right after the seek: the player waits for the stretched audio
                await until(lambda: panel.player.playing, 60, "playing")
                await until(lambda: panel.level.value() > 30, 60, "level meter moving")
                await until(lambda: panel.player.finished, 60, "played to the end")
                # the tone's end came through the audio server (its latency grows under load)
                assert await asyncio.to_thread(rec.wait_for_quiet, 0.2)
            finally:
                rec.stop()
            assert panel.player.underruns == 0
            # The console's panic alert sounds on the same sink: time the 440 Hz tone only.
            heard = tone_span(rec.samples, rec.rate, 440.0)
            assert abs(len(heard) / rec.rate - (TONE_S - 2.0) / 1.5) < 0.2, len(heard) / rec.rate
            middle = heard[len(heard) // 4: 3 * len(heard) // 4]
            # Within 250-700 Hz: a console's alarm tone (784/988 Hz) may sound over the replay
            # (on a loaded machine it came late); a pitch not kept at 1.5× would be 660 Hz.
            assert abs(dominant_hz(middle, rec.rate, band=(250.0, 700.0)) - 440.0) < 4.0

            # A bookmark at 3 s: through the central to the other console's timeline.
            panel.seek(3.0)
            panel.note.setText("se oye un golpe")
            panel.add_bookmark()
            await until(lambda: any(e.kind == "bookmark" and not e.id.startswith("pending-")
                                    for e in op.window.state.timeline(iid)), 60, "bookmark synced")
            mark = next(e for e in op.window.state.timeline(iid) if e.kind == "bookmark")
            assert mark.text == "se oye un golpe" and mark.actor == "supervisora1"
            assert abs(mark.data["offset_s"] - 3.0) < 0.05 and mark.data["session_id"] == sid
            op.window.detail.show_incident(iid, [])
            texts = [op.window.detail.timeline.item(i).text()
                     for i in range(op.window.detail.timeline.count())]
            assert any("Marcador" in t and "se oye un golpe" in t for t in texts), texts
            await until(lambda: panel.bookmarks.count() == 1
                        and "⏳" not in panel.bookmarks.item(0).text(), 60, "bookmark in the panel")
            panel.seek(0.0)
            panel._bookmark_activated(panel.bookmarks.item(0))
            # The player thread applies a seek asynchronously (it failed once when read at once).
            await until(lambda: abs(panel.player.position_s() - 3.0) < 0.05, 60, "at the bookmark")

            # Loop a region from the panel.
            panel.set_loop(1.0, 2.0)
            await until(lambda: panel.player.loop == (1.0, 2.0), 60, "loop set")
            assert panel.region.isVisible() or not panel.isVisible()
            panel.set_loop(None)
            await until(lambda: panel.player.loop is None, 60, "loop cleared")

            # From the incident's timeline: the supervisor's replay button opens the recording
            # at the bookmark (now from the local cache).
            detail = sup.window.detail
            detail.show_incident(iid, [])
            assert detail.replay_button.isVisibleTo(sup.window)
            row = next(i for i in range(detail.timeline.count())
                       if "Marcador" in detail.timeline.item(i).text())
            detail.timeline.setCurrentRow(row)
            detail.replay_button.click()
            await until(lambda: panel.source == "cache", 60, "reopened from the timeline")
            await until(lambda: abs(panel.player.position_s() - 3.0) < 0.05, 60, "at the bookmark")

            # Evidence export: the verification is shown first, then a folder is asked for.
            assert await panel._verify_then_ask()
            assert panel.export_dialog is not None and panel.export_dialog.isVisible()
            panel.export_dialog.reject()
            written = await panel.export_to(tmp_path / "export")
            assert sorted(p.name for p in written) == sorted(
                f"{sid}{s}" for s in (".wav", ".manifest.jsonl", ".verification.txt", ".verification.json"))
            report = json.loads((tmp_path / "export" / f"{sid}.verification.json").read_text())
            assert report["ok"] is True and "VERIFIED" in report["text"]
        finally:
            await stop_session(op)
            await stop_session(sup)

    try:
        qloop.run_until_complete(scenario())
    finally:
        central.stop()


def test_tampered_refused_and_offline_replay_from_cache(qapp, qloop, tmp_path, pulse_null_sink):
    central = _central(tmp_path / "central")
    good = _record_tone(central, 2)
    bad = _record_tone(central, 4, hz=300.0)
    status, body = central.request("GET", "/api/v1/audio-sessions/" + bad["session_id"])
    seg = central.recordings / body["folder"] / "seg-000003.wav"
    data = bytearray(seg.read_bytes())
    data[700] ^= 0x01
    seg.write_bytes(bytes(data))

    # Both consoles announce the recording's panic incident aloud on the same sink as the
    # replay; a voice has energy at 440 Hz too and once stretched the tone's measured span
    # (2.9 s for 2.67 s). Their voices are muted (the setting operators have); the alert
    # tones stay, and tone_span ignores them.
    for desk in ("sup", "op"):
        (tmp_path / desk).mkdir(parents=True, exist_ok=True)
        (tmp_path / desk / "c4console.ini").write_text("[general]\nmuted=true\n", encoding="utf-8")

    async def scenario():
        sup = await start_session(qapp, central.api, tmp_path / "sup", user="supervisora1")
        try:
            tools = sup.window.recordings
            panel = sup.window.replay
            await tools.panel.reload()
            assert not await sup.window.replay.open_async(bad["session_id"])
            assert panel.problem.isVisibleTo(panel)
            shown = panel.problem.text()
            assert "rechazó" in shown and "seg-000003.wav" in shown and "SHA-256" in shown, shown
            assert not panel.b_play.isEnabled()

            assert await sup.window.replay.open_async(good["session_id"])
            assert panel.source == "central"
            central.stop()  # the central is gone: the cached recording still replays
            await tools.panel.reload()
            assert "Sin conexión" in tools.panel.status.text()
            assert tools.panel.select(good["session_id"])
            row = tools.panel.visible_rows.index(
                next(r for r in tools.panel.visible_rows if r["session_id"] == good["session_id"]))
            assert tools.panel.table.item(row, 7).text() == "sí"
            assert await sup.window.replay.open_async(good["session_id"], 1.0)
            assert panel.source == "cache" and "caché" in panel.title.text()
            with pulse_null_sink.record(rate=16000) as rec:
                panel.toggle()
                await until(lambda: panel.player.position_s() > 2.5, 60, "offline replay moving")
                panel.toggle()
            # The tone where it sounds, its pitch looked for between 250 and 700 Hz: the
            # console's alarm tone (988/784 Hz, for the two ALTA incidents it holds) shares
            # the sink, and a loaded machine can sound it during the replay. The tampered
            # recording's 300 Hz, or a wrong rate, would still show.
            span = tone_span(rec.samples, rec.rate, 440.0)
            assert abs(dominant_hz(span, rec.rate, band=(250.0, 700.0)) - 440.0) < 4.0
        finally:
            await stop_session(sup)

    try:
        qloop.run_until_complete(scenario())
    finally:
        central.stop()
