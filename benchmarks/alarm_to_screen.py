"""Alarm to screen: OsmAnd request sent → row in the queue model → marker in the page.

A real central (subprocess, SQLite, demo devices) and a real console session
(offscreen window with the QtWebEngine map) in this process. Alarms are sent one
at a time from 200 different devices. Beside it, in the same run:
- ``central_only``: OsmAnd request → the change on a raw WebSocket client
  (the central's share, no console);
- ``floor_loopback``: a bare aiohttp HTTP → WebSocket push on loopback;
- ``floor_page_round_trip``: an empty ``runJavaScript`` round trip to the same console's
  map page (the page's share that no batching can remove).
``queue_row_to_map_marker`` is the map's own share: from the alarm's row in the queue
to the page acknowledging the batch that carried it.
Targets: p99 alarm-to-marker ≤ 150 ms (issue 2); the map's share p99 ≤ 50 ms (issue 17).
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from benchmarks.console_session import bench_console
from benchmarks.stats import summary_ms
from c4console.demo.accounts import DEMO_OPERATOR, DEMO_PASSWORD
from c4console.gui.shell.qt_loop import reusable_loop
from c4console.resources import RESOURCES
from c4console.sync.processes import EmbeddedCentral

ALARMS = int(os.environ.get("C4_BENCH_ALARMS", "200"))


def _devices() -> list[dict[str, str]]:
    with open(RESOURCES / "demo" / "beneficiaries.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


async def _floor(n: int) -> list[float]:
    tmp = Path(tempfile.mkdtemp())
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.loopback_floor",
                             str(tmp / "port")])
    try:
        while not (tmp / "port").exists():
            await asyncio.sleep(0.02)
        base = f"http://127.0.0.1:{(tmp / 'port').read_text()}"
        out = []
        async with aiohttp.ClientSession() as s, s.ws_connect(base + "/ws") as ws:
            for i in range(n):
                t0 = time.perf_counter()
                async with s.get(base + "/ping", params={"n": str(i)}) as r:
                    await r.read()
                while (await ws.receive()).data != str(i):
                    pass
                out.append(time.perf_counter() - t0)
        return out
    finally:
        proc.terminate()
        proc.wait()


async def _central_only(api: str, osmand: str, rows: list[dict[str, str]]) -> list[float]:
    out = []
    async with aiohttp.ClientSession() as s:
        async with s.get(f"{api}/api/v1/health") as r:
            head = (await r.json())["head"]
        async with s.post(f"{api}/api/v1/auth/login",
                          json={"username": DEMO_OPERATOR, "password": DEMO_PASSWORD}) as r:
            token = (await r.json())["token"]
        ws_url = api.replace("http://", "ws://") + f"/api/v1/stream?since={head}"
        async with s.ws_connect(ws_url, headers={"Authorization": f"Bearer {token}"}) as ws:
            for row in rows:
                t0 = time.perf_counter()
                async with s.get(osmand + "/", params={
                        "id": row["device_id"], "lat": row["home_lat"], "lon": row["home_lon"],
                        "timestamp": int(time.time()), "alarm": "sos"}) as r:
                    assert r.status == 200, await r.text()
                while True:
                    frame = json.loads((await ws.receive()).data)
                    if frame.get("type") == "changes" and any(
                            c["entity"] == "incident" and c["data"].get("device_id") == row["device_id"]
                            for c in frame["changes"]):
                        break
                out.append(time.perf_counter() - t0)
    return out


async def _console(qapp, api: str, osmand: str, data_dir: Path, rows) -> dict:
    async with bench_console(qapp, api, data_dir) as win:
        marks: dict[str, float] = {}
        wanted: dict[str, str] = {}
        rows_at: dict[str, float] = {}
        markers_at: dict[str, float] = {}
        batch_waiters: list[str] = []

        def on_touched(t) -> None:
            now = time.perf_counter()
            for iid in t.incidents:
                inc = win.state.incident(iid)
                dev = inc.device_id if inc else None
                if dev in wanted and dev not in rows_at and win.queue_model.row_of(iid) >= 0:
                    rows_at[dev] = now
                    batch_waiters.append(dev)

        def on_batch(_latency: float) -> None:
            now = time.perf_counter()
            while batch_waiters:
                markers_at.setdefault(batch_waiters.pop(), now)

        win.bridge.touched.connect(on_touched)
        win.map_view.batchApplied.connect(on_batch)
        async with aiohttp.ClientSession() as s:
            for row in rows:
                dev = row["device_id"]
                wanted[dev] = dev
                marks[dev] = time.perf_counter()
                async with s.get(osmand + "/", params={
                        "id": dev, "lat": row["home_lat"], "lon": row["home_lon"],
                        "timestamp": int(time.time()), "alarm": "sos"}) as r:
                    assert r.status == 200, await r.text()
                deadline = time.monotonic() + 5
                while dev not in markers_at and time.monotonic() < deadline:
                    await asyncio.sleep(0.001)
                await asyncio.sleep(0.02)
        ids = {i.device_id: i.id for i in win.state.incidents.values()}
        fut = asyncio.get_running_loop().create_future()
        win.map_view.web_page().runJavaScript(
            "JSON.stringify(window.c4map.markerIds().incidents)", 0,
            lambda r: fut.done() or fut.set_result(r))
        in_page = set(json.loads(await asyncio.wait_for(fut, 10)))
        verified = sum(1 for r in rows if ids.get(r["device_id"]) in in_page)
        trips = []
        for _ in range(len(rows)):
            trip = asyncio.get_running_loop().create_future()
            t0 = time.perf_counter()
            win.map_view.web_page().runJavaScript(
                "0", 0, lambda _r, f=trip: f.done() or f.set_result(time.perf_counter()))
            trips.append(await asyncio.wait_for(trip, 10) - t0)
            await asyncio.sleep(0.02)
        return {
            "queue_row_to_map_marker_ms": summary_ms([markers_at[d] - rows_at[d] for d in markers_at
                                                      if d in rows_at]),
            "floor_page_round_trip_ms": summary_ms(trips),
            "to_queue_row_ms": summary_ms([rows_at[d] - marks[d] for d in rows_at]),
            "to_map_marker_ms": summary_ms([markers_at[d] - marks[d] for d in markers_at]),
            "alarms_sent": len(rows), "rows_seen": len(rows_at), "markers_seen": len(markers_at),
            "markers_verified_in_page": verified,
        }


def run(qapp) -> dict:
    """Run the three measurements; returns their figures."""
    loop = reusable_loop(qapp)
    asyncio.set_event_loop(loop)
    rows = _devices()[:ALARMS]
    tmp = Path(tempfile.mkdtemp(prefix="c4bench-"))
    central = EmbeddedCentral(tmp / "central", demo=True)
    ep = loop.run_until_complete(central.start_and_wait())
    try:
        floor = loop.run_until_complete(_floor(ALARMS))
        console = loop.run_until_complete(_console(qapp, ep.api, ep.osmand, tmp / "console", rows))
    finally:
        central.stop()
    # central_only on a fresh central so each alarm opens a new incident
    central2 = EmbeddedCentral(tmp / "central2", demo=True)
    ep2 = loop.run_until_complete(central2.start_and_wait())
    try:
        central_only = loop.run_until_complete(_central_only(ep2.api, ep2.osmand, rows))
    finally:
        central2.stop()
    return {
        "alarm_to_screen": console,
        "central_only_osmand_to_websocket_ms": summary_ms(central_only),
        "floor_loopback_http_to_websocket_ms": summary_ms(floor),
        "target": {"to_map_marker_p99_ms": 150, "queue_row_to_map_marker_p99_ms": 50},
    }
