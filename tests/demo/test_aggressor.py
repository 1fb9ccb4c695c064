"""The demo's aggressor: with the demo's case history the central watches his ankle tracker
under her order (aggressors.csv), and the simulator drives him to her home — a proximity
alarm with both positions opens within the demo's first minute."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time

import pytest

from c4console.central.bootstrap import DEMO_PASSWORD
from c4console.demo.aggressor import CLOSEST_M, SPEED_MS, distance_from_home, load_aggressors, position
from c4console.demo.data import DEMO_FOLDER, load_beneficiaries
from c4console.sync.processes import EmbeddedCentral
from tests.central.helpers import CentralAccess, password_file
from tests.demo.test_end_to_end import get, wait_for

pytestmark = pytest.mark.slow


def test_his_walk_reaches_her_zone_in_the_first_minute():
    (him,) = load_aggressors(DEMO_FOLDER / "aggressors.csv", load_beneficiaries())
    inside_after = (him.start_m - 500.0) / SPEED_MS
    assert inside_after < 15  # the 500 m zone: in the headless demo's 20 s screenshot
    assert distance_from_home(10_000, him.start_m) == him.start_m  # he goes back out and stays
    assert distance_from_home(inside_after + 20, him.start_m) == pytest.approx(
        max(CLOSEST_M, 500 - 20 * SPEED_MS))
    lat, lon = position(him, 0.0)
    assert (lat, lon) != (him.home_lat, him.home_lon)


def test_demo_aggressor_raises_a_proximity_alarm(tmp_path):
    proc = EmbeddedCentral(tmp_path / "central-data", demo=True)  # with the demo's case history
    endpoints = asyncio.run(proc.start_and_wait())
    central = CentralAccess(endpoints.api, endpoints.osmand, endpoints.pid, "supervisora1",
                            DEMO_PASSWORD, password_file(tmp_path / "secrets", DEMO_PASSWORD))
    log = tmp_path / "simulator.log"
    sim: subprocess.Popen | None = None
    try:
        with log.open("wb") as out:
            sim = subprocess.Popen(
                [sys.executable, "-m", "c4console.demo", "--api", central.api, "--osmand",
                 central.osmand, "--alarm-every", "600", "--speedup", "10", "--tick", "0.3",
                 "--seed", "7", "--ambient-seconds", "0"],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        started = time.monotonic()

        def proximity() -> dict | None:
            return next((i for i in get(central, "/incidents?status=open")["incidents"]
                         if i["channel"] == "aggressor_tracker"), None)

        inc = wait_for("the aggressor's proximity alarm", proximity, 30, log)
        assert time.monotonic() - started < 30
        assert inc["priority"] == "ALTA" and inc["device_id"] == "AGR-0001"
        assert inc["beneficiary_id"] == "B0001" and inc["proximity"]["inside"] == ["casa"]
        assert inc["live_lat"] is not None and (inc["lat"], inc["lon"]) != (inc["live_lat"], inc["live_lon"])
        sim.send_signal(signal.SIGTERM)
        assert sim.wait(10) == 0
        assert "Traceback" not in log.read_text()
    finally:
        if sim is not None and sim.poll() is None:
            sim.kill()
        proc.stop()
