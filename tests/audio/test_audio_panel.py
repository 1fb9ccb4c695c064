"""The audio panel on a real central: the live session listed from the feed, listening,
the waveform and meter painted on a timer only while visible, the recording indicator."""

from __future__ import annotations

import asyncio
import threading
import time

import numpy as np
from PySide6.QtCore import QTimer

from c4console.core.changes import Change
from c4console.gui.audio.audio_controller import AudioController
from c4console.gui.audio.audio_panel import PAINT_MS, AudioPanel
from c4console.resources import load_catalogue
from c4console.sync.central_api import CentralApi
from c4console.sync.client import CentralClient
from c4console.sync.state import ConsoleState
from tests.audio import rtp_sender
from tests.audio.harness import audio_central, client, open_session
from tests.central.helpers import PANIC_DEVICE


async def _feed(s, api: str, state: ConsoleState) -> None:
    async with s.get(f"{api}/api/v1/changes?since={state.cursor}") as r:
        body = await r.json()
    changes = [Change.from_wire(c) for c in body["changes"]]
    if changes:
        state.apply_changes(changes)
        state.cursor = changes[-1].seq


async def _until(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


def test_panel_lists_listens_paints_and_shows_the_recording(qapp, qloop, tmp_path, pulse_null_sink):
    state = ConsoleState(load_catalogue(), "operadora1")

    async def main():
        async with audio_central(tmp_path) as c, client(c.api) as s:
            token = s.headers["Authorization"].removeprefix("Bearer ")
            controller = AudioController(CentralApi(CentralClient(c.audio_api, s, token=token)))
            panel = AudioPanel(state, controller)
            try:
                sess = await open_session(s, c.audio_api, PANIC_DEVICE, "PCMU")
                await _feed(s, c.api, state)
                panel.refresh()
                assert [a.session_id for a in panel.sessions] == [sess["session_id"]]
                assert panel.table.item(0, 1).text() == "María López"
                assert panel.offer(sess["incident_id"]).session_id == sess["session_id"]
                panel.show()
                panel.listen_selected()
                await _until(lambda: controller.listen_stats() is not None
                             and controller.listen_stats().connected)
                tone = (np.sin(2 * np.pi * 300 * np.arange(16000) / 8000) * 12000).astype(np.int16)
                sender = threading.Thread(target=rtp_sender.send, args=(tone, sess["udp_port"]))
                sender.start()
                await _until(lambda: panel.paints > 10)
                assert panel.level.value() > 30  # about −10 dBFS of tone
                assert "Escuchando" in panel.listening.text()
                await _until(lambda: "segmentos" in panel.recording.text())
                panel.hide()
                painted = panel.paints
                # Five of its paint periods go by in Qt's loop (a timer of the same period ticks):
                # a hidden panel paints none of them.
                periods = [0]
                clock = QTimer(interval=PAINT_MS)
                clock.timeout.connect(lambda: periods.__setitem__(0, periods[0] + 1))
                clock.start()
                await _until(lambda: periods[0] >= 5)
                clock.stop()
                assert panel.paints == painted and not panel._paint_timer.isActive()
                await asyncio.to_thread(sender.join)
                await c.manager.end(sess["session_id"], "test")
                await _feed(s, c.api, state)
                panel.refresh()
                assert panel.sessions == []
                await _until(lambda: controller.session_id == "")
                assert controller.player.status.available
                assert controller.player.history.end >= 15000
            finally:
                await controller.close()
                panel.deleteLater()

    qloop.run_until_complete(main())
