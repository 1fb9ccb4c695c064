"""Audio benchmarks (issue 4). Each function returns a dict of figures.

- :func:`live_latency`: RTP packet received at the central → its samples handed to the
  console's output callback, p50/p95 with 20 ms packets, beside the jitter buffer's delay
  (target p95 ≤ 150 ms, ITU-T G.114).
- :func:`concurrent_sessions`: sessions a ``c4central`` process records while it stays under
  50 % of this machine's CPU (target ≥ 50 on 2 cores).
- :func:`console_waveform_cpu`: the console's CPU while it listens and shows the live
  waveform (target ≤ 10 % of one core).

All run against a real ``c4central`` subprocess on loopback; the console side plays to a
private PulseAudio null sink when PulseAudio is installed (otherwise the output callback
is driven by a 10 ms clock thread, and the result says so).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import numpy as np

from benchmarks.stats import summary_ms
from c4console.core.audio_frame import AudioFrame, decode_frame
from c4console.sound.player import LivePlayer
from c4console.sync.audio_client import AudioListener, AudioSessions
from tests.audio.central_process import CentralProcess, demo_panic_device


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def _audio_server():
    """A private PulseAudio null sink as the default output, or None if PulseAudio is missing."""
    if shutil.which("pulseaudio") is None or shutil.which("parec") is None:
        yield None
        return
    from tests.pulseaudio import PulseServer

    server = PulseServer().start()
    server.use_in_this_process()
    try:
        yield server
    finally:
        server.restore_environment()
        server.stop()


def _load(ports: list[int], seconds: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "benchmarks.rtp_load", "--seconds", str(seconds),
                             *map(str, ports)], stdout=subprocess.PIPE, text=True)


class _TimedListener(AudioListener):
    """Also notes when the central received each frame (header field ``received at``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.received: list[tuple[int, float]] = []

    def _on_frame(self, data: bytes) -> None:
        frame: AudioFrame = decode_frame(data)
        if not frame.end:
            self.received.append((frame.position, frame.received_at))
        super()._on_frame(data)


def _clock_callbacks(player: LivePlayer, stop: threading.Event) -> None:
    """Drive the output callback every 10 ms when there is no audio device (no PortAudio timing)."""
    out = np.zeros((80, 1), dtype=np.float32)
    next_at = time.monotonic()
    while not stop.is_set():
        next_at += 0.010
        time.sleep(max(0.0, next_at - time.monotonic()))
        if player.rate:
            player._callback(out, 80, None, None)


def live_latency(app: Any = None, seconds: float = 12.0) -> dict[str, Any]:
    """RTP received at the central → samples handed to the output callback."""
    with tempfile.TemporaryDirectory(prefix="c4-audio-bench-") as tmp, _audio_server() as pulse:
        central = CentralProcess(Path(tmp)).start()
        player = LivePlayer()
        player.period_log = (np.zeros(20000), np.zeros(20000, dtype=np.int64))
        stop = threading.Event()
        clock = None
        try:
            session = central.open_session(demo_panic_device(0), "PCMU")

            async def run() -> _TimedListener:
                async def headers():
                    return {"Authorization": f"Bearer {central.token}"}

                async with aiohttp.ClientSession() as http:
                    listener = _TimedListener(AudioSessions(central.api, http, headers),
                                              session["session_id"], player)
                    listener.start()
                    while not listener.stats.connected:
                        await asyncio.sleep(0.01)
                    load = _load([session["udp_port"]], seconds)
                    await asyncio.to_thread(load.wait)
                    await asyncio.sleep(0.5)
                    await listener.stop()
                    return listener

            player.start(8000)
            status = player.wait_ready()
            if not status.available:
                clock = threading.Thread(target=_clock_callbacks, args=(player, stop), daemon=True)
                clock.start()
            listener = asyncio.run(run())
        finally:
            stop.set()
            player.close()
            central.stop()
        count = player.period_count
        times, positions = player.period_log[0][:count], player.period_log[1][:count]
        latencies = []
        for position, received_at in listener.received:
            i = int(np.searchsorted(positions, position, side="right"))
            if 0 < i < len(positions) and positions[i] > position:
                latencies.append(times[i - 1] - received_at)
        skip = len(latencies) // 10  # the first second: the output opening, the buffer adapting
        stats = player.stats()
        return {"latency_ms": summary_ms(latencies[skip:]), "packets": len(listener.received),
                "packet_ms": 20, "jitter_buffer_start_ms": player.start_delay_ms,
                "jitter_buffer_final_ms": round(stats.target_ms, 1), "underruns": stats.underruns,
                "output": status.name if status.available else f"10 ms clock ({status.reason})",
                "audio_server": "PulseAudio null sink" if pulse else "none",
                "target_p95_ms": 150}


def concurrent_sessions(app: Any = None, counts: tuple[int, ...] = (25, 50, 75, 100),
                        seconds: float = 10.0) -> dict[str, Any]:
    """The most sessions recorded while the central stays under 50 % of the machine's CPU."""
    cores = os.cpu_count() or 1
    steps = []
    best = 0
    for n in counts:
        with tempfile.TemporaryDirectory(prefix="c4-audio-bench-") as tmp:
            central = CentralProcess(Path(tmp)).start()
            try:
                sessions = [central.open_session(demo_panic_device(k % 40), "PCMU") for k in range(n)]
                load = _load([s["udp_port"] for s in sessions], seconds + 2)
                time.sleep(1.0)  # steady state
                assert central.proc is not None
                cpu0, t0 = _cpu_seconds(central.proc.pid), time.monotonic()
                time.sleep(seconds)
                cpu = (_cpu_seconds(central.proc.pid) - cpu0) / (time.monotonic() - t0)
                load.wait()
                time.sleep(0.3)
                ended = [central.request("POST", f"/api/v1/audio-sessions/{s['session_id']}/end")[1]
                         for s in sessions]
            finally:
                central.stop()
        machine_pct = 100.0 * cpu / cores
        recorded = [e.get("duration_s", 0) for e in ended]
        step = {"sessions": n, "central_cpu_pct_of_machine": round(machine_pct, 1),
                "central_cpu_pct_of_one_core": round(100 * cpu, 1),
                "recorded_s_min": round(min(recorded), 2), "recorded_s_max": round(max(recorded), 2),
                "lost_packets": sum(e.get("lost", 0) for e in ended),
                "dropped": sum(sum((e.get("dropped") or {}).values()) for e in ended),
                "segments": sum(e.get("segments", 0) for e in ended)}
        steps.append(step)
        if machine_pct < 50.0 and step["dropped"] == 0:
            best = n
        else:
            break
    return {"max_sessions_under_50pct": best, "cores": cores, "steps": steps, "target": 50,
            "note": "the RTP load generator runs as another process on the same machine"}


def console_waveform_cpu(app: Any = None, seconds: float = 10.0) -> dict[str, Any]:
    """The console process's CPU while listening and painting the live waveform."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QApplication

    from c4console.gui.audio_controller import AudioController
    from c4console.gui.audio_panel import AudioPanel
    from c4console.gui.qt_loop import reusable_loop
    from c4console.resources import load_catalogue
    from c4console.sync.state import ConsoleState

    app = app or QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="c4-audio-bench-") as tmp, _audio_server() as pulse:
        central = CentralProcess(Path(tmp)).start()
        loop = reusable_loop(app)
        asyncio.set_event_loop(loop)
        try:
            session = central.open_session(demo_panic_device(0), "PCMU")

            async def run() -> dict[str, Any]:
                async def headers():
                    return {"Authorization": f"Bearer {central.token}"}

                async with aiohttp.ClientSession() as http:
                    engine = SimpleNamespace(client=SimpleNamespace(base_url=central.api, session=http,
                                                                    auth_headers=headers))
                    state = ConsoleState(load_catalogue(), "operadora1")
                    controller = AudioController(engine)
                    panel = AudioPanel(state, controller)
                    panel.resize(600, 400)
                    panel.show()
                    controller.listen(session["session_id"])
                    load = _load([session["udp_port"]], seconds + 3)
                    await asyncio.sleep(1.5)
                    paints0, cpu0, t0 = panel.paints, time.process_time(), time.monotonic()
                    await asyncio.sleep(seconds)
                    cpu = (time.process_time() - cpu0) / (time.monotonic() - t0)
                    paints = panel.paints - paints0
                    await asyncio.to_thread(load.wait)
                    status = controller.player.status if controller.player else None
                    await controller.close()
                    panel.deleteLater()
                    return {"console_cpu_pct_of_one_core": round(100 * cpu, 1),
                            "paints_per_s": round(paints / seconds, 1),
                            "output": status.name if status and status.available else "none",
                            "audio_server": "PulseAudio null sink" if pulse else "none",
                            "target_pct": 10}

            return loop.run_until_complete(run())
        finally:
            central.stop()
            asyncio.set_event_loop(None)


def run(app: Any = None) -> dict[str, Any]:
    """All three (for ``benchmarks.run``)."""
    return {"live_latency": live_latency(app), "concurrent_sessions": concurrent_sessions(app),
            "console_waveform_cpu": console_waveform_cpu(app)}


if __name__ == "__main__":
    import json

    which = sys.argv[1:] or ["live_latency", "concurrent_sessions", "console_waveform_cpu"]
    print(json.dumps({name: globals()[name]() for name in which}, indent=2))
