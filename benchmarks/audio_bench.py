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
from concurrent.futures import ThreadPoolExecutor
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

            async def run() -> tuple[_TimedListener, float | None]:
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
                    return listener, player.output_latency_ms()

            player.start(8000)
            status = player.wait_ready()
            if not status.available:
                clock = threading.Thread(target=_clock_callbacks, args=(player, stop), daemon=True)
                clock.start()
            listener, device_ms = asyncio.run(run())
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
                "output_device_latency_ms": device_ms,
                "output": status.name if status.available else f"10 ms clock ({status.reason})",
                "audio_server": "PulseAudio null sink" if pulse else "none",
                "target_p95_ms": 150}


def _open_sessions(central: CentralProcess, n: int) -> list[dict[str, Any]]:
    """``n`` PCMU sessions, opened a few at a time (as many gateways would)."""
    devices = [demo_panic_device(k) for k in range(40)]
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda k: central.open_session(devices[k % 40], "PCMU"), range(n)))


def _end_sessions(central: CentralProcess, sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """End each session by command (as the gateway: an operator may not end them); their
    final figures."""
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda s: central.end_session(s["session_id"])[1], sessions))


def concurrent_sessions(app: Any = None, counts: tuple[int, ...] = (50, 100, 200, 300, 400),
                        seconds: float = 8.0) -> dict[str, Any]:
    """The most sessions recorded while the central stays under 50 % of the machine's CPU.

    Counts rise until the central passes 50 %, drops or loses packets, or records less than
    was sent (the load generator, on the same machine, could not keep pace): the last count
    below is the figure; ``limit_reached`` False means even the largest count stayed under.
    """
    cores = os.cpu_count() or 1
    steps = []
    best = 0
    limit_reached = False
    sent_s = seconds + 2
    for n in counts:
        with tempfile.TemporaryDirectory(prefix="c4-audio-bench-") as tmp:
            central = CentralProcess(Path(tmp)).start()
            try:
                sessions = _open_sessions(central, n)
                load = _load([s["udp_port"] for s in sessions], sent_s)
                time.sleep(1.0)  # steady state
                assert central.proc is not None
                gen0 = _cpu_seconds(load.pid)
                cpu0, t0 = _cpu_seconds(central.proc.pid), time.monotonic()
                time.sleep(seconds)
                elapsed = time.monotonic() - t0
                cpu = (_cpu_seconds(central.proc.pid) - cpu0) / elapsed
                gen_cpu = (_cpu_seconds(load.pid) - gen0) / elapsed
                load.wait()
                time.sleep(0.3)
                ended = _end_sessions(central, sessions)
            finally:
                central.stop()
        machine_pct = 100.0 * cpu / cores
        recorded = [e.get("duration_s", 0) for e in ended]
        step = {"sessions": n, "central_cpu_pct_of_machine": round(machine_pct, 1),
                "central_cpu_pct_of_one_core": round(100 * cpu, 1),
                "load_generator_cpu_pct_of_one_core": round(100 * gen_cpu, 1), "sent_s": sent_s,
                "recorded_s_min": round(min(recorded), 2), "recorded_s_max": round(max(recorded), 2),
                "lost_packets": sum(e.get("lost", 0) for e in ended),
                "dropped": sum(sum((e.get("dropped") or {}).values()) for e in ended),
                "segments": sum(e.get("segments", 0) for e in ended)}
        steps.append(step)
        kept_up = step["dropped"] == 0 and step["lost_packets"] == 0 and min(recorded) >= sent_s - 0.1
        if machine_pct < 50.0 and kept_up:
            best = n
        else:
            limit_reached = True
            break
    return {"max_sessions_under_50pct": best, "limit_reached": limit_reached, "cores": cores,
            "steps": steps, "target": 50,
            "note": "the RTP load generator (one process, 20 ms PCMU packets) runs on the same "
                    "machine; recorded_s < sent_s, a loss or a drop ends the climb"}


FLOOR_S = 6.0


def console_waveform_cpu(app: Any = None, seconds: float = 10.0) -> dict[str, Any]:
    """The console process's CPU while listening and painting the live waveform."""
    from PySide6.QtWidgets import QApplication

    from c4console.gui.audio.audio_controller import AudioController
    from c4console.gui.audio.audio_panel import AudioPanel
    from c4console.gui.shell.qt_loop import reusable_loop
    from c4console.resources import load_catalogue
    from c4console.sync.central_api import CentralApi
    from c4console.sync.client import CentralClient
    from c4console.sync.state import ConsoleState

    app = app or QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="c4-audio-bench-") as tmp, _audio_server() as pulse:
        central = CentralProcess(Path(tmp)).start()
        loop = reusable_loop(app)
        asyncio.set_event_loop(loop)
        try:
            session = central.open_session(demo_panic_device(0), "PCMU")

            async def run() -> dict[str, Any]:
                async with aiohttp.ClientSession() as http:
                    api = CentralApi(CentralClient(central.api, http, token=central.token))
                    state = ConsoleState(load_catalogue(), "operadora1")
                    controller = AudioController(api)
                    panel = AudioPanel(state, controller)
                    panel.resize(600, 400)
                    panel.show()
                    controller.listen(session["session_id"])
                    load = _load([session["udp_port"]], seconds + FLOOR_S + 3)
                    await asyncio.sleep(1.5)
                    paints0, cpu0, t0 = panel.paints, time.process_time(), time.monotonic()
                    await asyncio.sleep(seconds)
                    cpu = (time.process_time() - cpu0) / (time.monotonic() - t0)
                    paints = panel.paints - paints0
                    # Floor: the same listening (network, decoding, playback) with the paint
                    # timer stopped, for the second half of the load.
                    panel._paint_timer.stop()
                    cpu0, t0 = time.process_time(), time.monotonic()
                    await asyncio.sleep(FLOOR_S)
                    floor = (time.process_time() - cpu0) / (time.monotonic() - t0)
                    await asyncio.to_thread(load.wait)
                    status = controller.player.status if controller.player else None
                    await controller.close()
                    panel.deleteLater()
                    return {"console_cpu_pct_of_one_core": round(100 * cpu, 1),
                            "paints_per_s": round(paints / seconds, 1),
                            "floor_listening_without_painting_pct": round(100 * floor, 1),
                            "output": status.name if status and status.available else "none",
                            "audio_server": "PulseAudio null sink" if pulse else "none",
                            "target_pct": 10}

            return loop.run_until_complete(run())
        finally:
            central.stop()
            loop.close()  # also ends qasync's executor threads (the player was closed in one)
            asyncio.set_event_loop(None)


def run(app: Any = None) -> dict[str, Any]:
    """All three (for ``benchmarks.run``)."""
    return {"live_latency": live_latency(app), "concurrent_sessions": concurrent_sessions(app),
            "console_waveform_cpu": console_waveform_cpu(app)}


if __name__ == "__main__":
    import json

    which = sys.argv[1:] or ["live_latency", "concurrent_sessions", "console_waveform_cpu"]
    print(json.dumps({name: globals()[name]() for name in which}, indent=2))
