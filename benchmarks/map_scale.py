"""The map at state scale: 2,000 patrol units and 5,000 devices reporting at 1 Hz.

What is real: a console session (``ConsoleSession``: its main window with the queue,
detail, unit board, roster… and the QtWebEngine map page, offscreen) logged in to an
embedded central (subprocess, demo data). What is generated: the feed's changes for
the load, handed to the console's ``StateBridge.on_changes`` — the call the sync
engine makes once its local cache has applied a frame. So the WebSocket, the JSON
parsing and the local SQLite cache are *not* in this figure (``sync`` measures them);
``ConsoleState`` → view models → widgets → map batches → page are.

Per second, in 20 frames of 450 changes (as the central's hub frames them, ≤ 500):
each of ``UNITS`` units reports once (its tracker's ``device`` upsert and its ``unit``
upsert with the new position, as one OsmAnd report makes them), and each of
``DEVICES`` panic devices reports once (a woman with no open incident: an operator's
feed carries it as a ``delete`` of her device, need-to-know). During the load a new
alarm (an ALTA panic incident) arrives ``ALARMS_PER_S`` times a second; its latency is
from its frame being handed to the bridge to the page acknowledging the batch that
carried it; beside it, its floor under the same load: an empty ``runJavaScript`` round
trip to the page.

Phases, one after the other in the same process and run:
- ``floor_idle``: the window shown with the units on the map, nothing fed: the probe alone;
- ``floor_generator``: the load's changes are built at the same rate but not delivered
  (what the bench itself costs);
- ``load``: the changes are delivered;
- ``load_map_hidden``: the same with the map widget hidden (the page still takes the
  batches; what is left is the cost of everything but drawing the map).
The stall probe is a 5 ms precise QTimer on the GUI thread; a stall is the gap between
two of its ticks beyond 5 ms. CPU is this process's CPU time over wall time (the
renderer, a separate QtWebEngineProcess, is reported beside it).
Targets (issue 17): stall max ≤ 50 ms, console CPU ≤ 50 % of one core, alarm to
marker p99 ≤ 50 ms. Knobs: ``C4_BENCH_UNITS``, ``C4_BENCH_DEVICES``, ``C4_BENCH_MAPSCALE_S``
(seconds per phase), ``C4_BENCH_ALARMS_PER_S``; ``C4_BENCH_PROFILE=FILE`` writes cProfile's
stats of the load phase.
"""

from __future__ import annotations

import asyncio
import cProfile
import csv
import gc
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer

from benchmarks.console_session import bench_console
from benchmarks.stats import summary_ms
from c4console.core.changes import Change
from c4console.gui.shell.qt_loop import reusable_loop
from c4console.resources import RESOURCES
from c4console.sync.processes import EmbeddedCentral

UNITS = int(os.environ.get("C4_BENCH_UNITS", "2000"))
DEVICES = int(os.environ.get("C4_BENCH_DEVICES", "5000"))
PHASE_S = float(os.environ.get("C4_BENCH_MAPSCALE_S", "20"))
ALARMS_PER_S = int(os.environ.get("C4_BENCH_ALARMS_PER_S", "4"))
TICKS_PER_S = 20
PROBE_MS = 5
SEQ_BASE = 10**12  # far above the demo central's own seqs


class StallProbe(QObject):
    """A precise timer on the GUI thread; every tick records the gap since the last one."""

    def __init__(self) -> None:
        super().__init__()
        self.gaps: list[float] = []
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Start (or restart) measuring."""
        self.gaps = []
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> list[float]:
        """Stop; the stalls (gap beyond the interval, seconds) of the run."""
        self._timer.stop()
        return [max(0.0, g - PROBE_MS / 1000) for g in self.gaps]

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now


def _centre() -> tuple[float, float]:
    with open(RESOURCES / "demo" / "beneficiaries.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return (sum(float(r["home_lat"]) for r in rows) / len(rows),
            sum(float(r["home_lon"]) for r in rows) / len(rows))


class Feed:
    """The generated change feed: per tick, one frame of reports (see module docstring)."""

    def __init__(self, units: int, devices: int) -> None:
        self.rng = random.Random(17)
        lat0, lon0 = _centre()
        self.seq = SEQ_BASE
        self.units = [{"id": f"bench-u{i:05d}", "callsign": f"B-{i:05d}", "status": "available",
                       "sector": f"S{i % 6 + 1}", "lat": lat0 + self.rng.uniform(-0.08, 0.08),
                       "lon": lon0 + self.rng.uniform(-0.08, 0.08), "position_at": 0.0,
                       "incident_id": None, "status_since": 1e9, "device_id": f"bench-t{i:05d}"}
                      for i in range(units)]
        self.panic = [f"bench-p{i:05d}" for i in range(devices)]
        self.alarms = 0
        self.centre = (lat0, lon0)

    def _next(self) -> int:
        self.seq += 1
        return self.seq

    def initial(self) -> list[Change]:
        """Every unit once (they appear on the board and the map)."""
        now = time.time()
        return [Change(self._next(), now, "unit", u["id"], "upsert", dict(u, position_at=now))
                for u in self.units]

    def frame(self, tick: int) -> list[Change]:
        """The reports of one tick: a 1/TICKS_PER_S share of the units and devices."""
        now = time.time()
        out: list[Change] = []
        rng = self.rng
        for u in self.units[tick % TICKS_PER_S::TICKS_PER_S]:
            u["lat"] += rng.uniform(-1e-4, 1e-4)  # ~10 m a second
            u["lon"] += rng.uniform(-1e-4, 1e-4)
            u["position_at"] = now
            out.append(Change(self._next(), now, "device", u["device_id"], "upsert", {
                "id": u["device_id"], "kind": "unit", "unit_id": u["id"],
                "last_lat": u["lat"], "last_lon": u["lon"], "last_at": now}))
            out.append(Change(self._next(), now, "unit", u["id"], "upsert", dict(u)))
        for did in self.panic[tick % TICKS_PER_S::TICKS_PER_S]:
            out.append(Change(self._next(), now, "device", did, "delete", {}))
        return out

    def alarm(self) -> Change:
        """A new panic alarm (ALTA) somewhere in the jurisdiction."""
        self.alarms += 1
        iid = f"bench-alarm-{self.alarms:05d}"
        lat0, lon0 = self.centre
        now = time.time()
        return Change(self._next(), now, "incident", iid, "upsert", {
            "id": iid, "folio": f"B-{self.alarms:05d}", "type_code": "30903", "priority": "ALTA",
            "channel": "panic_button", "status": "new", "created_at": now, "updated_at": now,
            "lat": lat0 + self.rng.uniform(-0.05, 0.05), "lon": lon0 + self.rng.uniform(-0.05, 0.05)})


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _renderer_cpu() -> float:
    """CPU seconds of this process's QtWebEngineProcess descendants (renderer, GPU, zygote)."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1: raw.rindex(")")]
        rest = raw[raw.rindex(")") + 2:].split()
        pid = int(entry)
        names[pid], stats[pid] = name, rest
        children.setdefault(int(rest[1]), []).append(pid)
    total, todo = 0.0, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        if "QtWebEngine" in names[pid]:
            total += (int(stats[pid][11]) + int(stats[pid][12])) / tick
    return total


class _AlarmClock:
    """Times alarms from their frame to the page's acknowledgement of the batch carrying them."""

    def __init__(self, map_view) -> None:
        self.map_view = map_view
        self.waiting: list[tuple[int, float]] = []  # (first batch seq that can carry it, t0)
        self.samples: list[float] = []
        self.pings: list[float] = []  # the floor: a bare runJavaScript round trip to the page
        _page_acks(map_view).connect(self._acked)

    def ping(self) -> None:
        """Time one empty script's round trip to the page, under the same load."""
        t0 = time.perf_counter()
        self.map_view.web_page().runJavaScript("0", 0, lambda _r: self.pings.append(time.perf_counter() - t0))

    def sent(self, t0: float) -> None:
        # The batch carrying it is the next one the view sends (its seq is above this one).
        self.waiting.append((_batches_sent(self.map_view) + 1, t0))

    def _acked(self, seq: int) -> None:
        now = time.perf_counter()
        keep = []
        for first, t0 in self.waiting:
            if seq >= first:
                self.samples.append(now - t0)
            else:
                keep.append((first, t0))
        self.waiting = keep


# (The fallbacks measure the code before MapView had these: the "before" figures.)
def _page_acks(map_view):
    """The page's per-batch acknowledgement signal (batch seq)."""
    if hasattr(map_view, "batchAcknowledged"):
        return map_view.batchAcknowledged
    return map_view._bridge.batchApplied


def _batches_sent(map_view) -> int:
    return map_view.batches_sent() if hasattr(map_view, "batches_sent") else map_view._seq


class _GcTimes:
    """Durations of the cyclic garbage collector's runs (a stall the probe cannot name)."""

    def __init__(self) -> None:
        self.runs: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._t0 = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._t0 = time.perf_counter()
        else:
            self.runs[info["generation"]].append(time.perf_counter() - self._t0)

    def take(self) -> dict:
        """Per generation: how many runs and the longest (ms); clears."""
        out = {f"gen{g}": {"runs": len(v), "max_ms": round(1000 * max(v, default=0.0), 1)}
               for g, v in self.runs.items()}
        self.runs = {0: [], 1: [], 2: []}
        return out


async def _phase(name: str, feed: Feed, deliver: Callable[[list[Change]], None] | None,
                 probe: StallProbe, clock: _AlarmClock | None) -> dict:
    print(f"bench: map_scale {name} ({PHASE_S:g} s)", file=sys.stderr, flush=True)
    ticks = int(PHASE_S * TICKS_PER_S)
    alarm_every = TICKS_PER_S // ALARMS_PER_S if ALARMS_PER_S else 0
    probe.start()
    handled: list[float] = []
    if deliver is not None:
        inner = deliver

        def deliver(changes: list[Change]) -> None:
            t = time.perf_counter()
            inner(changes)
            handled.append(time.perf_counter() - t)
    gc_times = _GcTimes()
    wall0, cpu0, rcpu0 = time.perf_counter(), _cpu(), _renderer_cpu()
    delivered = 0
    for k in range(ticks):
        due = wall0 + k / TICKS_PER_S
        # Frames arrive through the event loop: it always turns between two of them.
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        if name == "floor_idle":
            continue
        changes = feed.frame(k)
        if deliver is not None:
            deliver(changes)
            delivered += len(changes)
            if clock is not None and alarm_every and k % alarm_every == 0:
                clock.ping()
            if clock is not None and alarm_every and k % alarm_every == alarm_every // 2:
                t0 = time.perf_counter()
                clock.sent(t0)
                deliver([feed.alarm()])
    await asyncio.sleep(max(0.0, wall0 + PHASE_S - time.perf_counter()))
    wall = time.perf_counter() - wall0
    cpu, rcpu = _cpu() - cpu0, _renderer_cpu() - rcpu0
    stalls = probe.stop()
    out = {"stall_ms": summary_ms(stalls), "stalls_over_50ms": sum(1 for s in stalls if s > 0.05),
           "console_cpu_pct_of_one_core": round(100 * cpu / wall, 1),
           "renderer_cpu_pct_of_one_core": round(100 * rcpu / wall, 1),
           "changes_per_s": round(delivered / wall),
           # How long the console took to take one frame (state, view models, map batch).
           "frame_handled_ms": summary_ms(handled), "gc": gc_times.take()}
    gc.callbacks.remove(gc_times._callback)
    return out


async def _run_console(qapp, api: str, data_dir: Path) -> dict:
    async with bench_console(qapp, api, data_dir) as win:
        feed = Feed(UNITS, DEVICES)
        bridge = win.bridge
        bridge.on_changes(feed.initial())
        page_units = 0
        deadline = time.monotonic() + 60
        while page_units < UNITS and time.monotonic() < deadline:
            box: list = []
            win.map_view.evaluate_js("window.c4map.markerIds().units.length", box.append)
            while not box:
                await asyncio.sleep(0.05)
            page_units = int(box[0] or 0)
        await asyncio.sleep(1.0)
        probe = StallProbe()
        clock = _AlarmClock(win.map_view)
        out = {"units_on_page_before": page_units}
        out["floor_idle"] = await _phase("floor_idle", feed, None, probe, None)
        out["floor_generator"] = await _phase("floor_generator", feed, None, probe, None)
        profile = os.environ.get("C4_BENCH_PROFILE")  # a file for cProfile's stats of the load
        prof = cProfile.Profile() if profile else None
        if prof is not None:
            prof.enable()
        out["load"] = await _phase("load", feed, bridge.on_changes, probe, clock)
        if prof is not None:
            prof.disable()
            prof.dump_stats(profile)
        await asyncio.sleep(0.5)  # the last alarms' batches
        out["load"]["alarm_to_marker_ms"] = summary_ms(clock.samples)
        out["load"]["floor_page_round_trip_ms"] = summary_ms(clock.pings)
        clock.samples, clock.pings = [], []
        # The same load with the map widget hidden: what drawing the page costs the GUI thread.
        win.map_view.hide()
        out["load_map_hidden"] = await _phase("load_map_hidden", feed, bridge.on_changes, probe, clock)
        await asyncio.sleep(0.5)
        out["load_map_hidden"]["alarm_to_marker_ms"] = summary_ms(clock.samples)
        out["load_map_hidden"]["floor_page_round_trip_ms"] = summary_ms(clock.pings)
        win.map_view.show()
        out["load"]["alarms_sent"] = feed.alarms
        box = []
        win.map_view.evaluate_js("window.c4map.markerIds().incidents.filter("
                                 "function (i) { return i.indexOf('bench-alarm-') === 0; }).length",
                                 box.append)
        while not box:
            await asyncio.sleep(0.05)
        out["load"]["alarm_markers_in_page"] = box[0]
        out["board_rows"] = win.units.model.rowCount()
        return out


def run(qapp) -> dict:
    """The three phases (see module docstring); returns their figures."""
    loop = reusable_loop(qapp)
    asyncio.set_event_loop(loop)
    tmp = Path(tempfile.mkdtemp(prefix="c4bench-mapscale-"))
    central = EmbeddedCentral(tmp / "central", demo=True)
    ep = loop.run_until_complete(central.start_and_wait())
    try:
        out = loop.run_until_complete(_run_console(qapp, ep.api, tmp / "console"))
    finally:
        central.stop()
    out["load_shape"] = {"units": UNITS, "devices": DEVICES, "hz": 1, "frames_per_s": TICKS_PER_S,
                         "alarms_per_s": ALARMS_PER_S, "phase_s": PHASE_S, "loadavg_1m": os.getloadavg()[0]}
    out["target"] = {"stall_max_ms": 50, "console_cpu_pct_of_one_core": 50, "alarm_to_marker_p99_ms": 50}
    return out
