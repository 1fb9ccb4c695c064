"""The live demo (issue 13 "Demo"): ``c4central serve --demo`` with the case history and the
simulator as subprocesses, as ``make demo`` runs them. Within its first seconds the
simulator learns the Fuerza Rosa units' planned visits from its feed and drives them there:
a Fuerza Rosa unit's reported position (through the real OsmAnd gateway) reaches the door
of one of its planned visits, and the visit stays in the unit's hands."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from c4console.central.bootstrap import DEMO_PASSWORD
from c4console.core.geo import haversine_m
from c4console.demo.data import load_units
from c4console.sync.processes import EmbeddedCentral
from tests.central.helpers import CentralAccess, password_file
from tests.demo.test_end_to_end import all_changes, get, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def full_demo_central(tmp_path) -> Iterator[CentralAccess]:
    """``serve --demo`` with the demo's case history: the follow-up plans and visits."""
    proc = EmbeddedCentral(tmp_path / "central-data", demo=True)
    endpoints = asyncio.run(proc.start_and_wait(timeout=120))
    yield CentralAccess(endpoints.api, endpoints.osmand, endpoints.pid, "operadora1", DEMO_PASSWORD,
                        password_file(tmp_path / "secrets", DEMO_PASSWORD))
    proc.stop()


def test_fuerza_rosa_units_drive_to_their_planned_visits(full_demo_central, tmp_path):
    central = full_demo_central
    pink = {u.unit_id for u in load_units() if u.kind == "fuerza_rosa"}
    log = tmp_path / "simulator.log"

    def planned_visits() -> list[dict] | None:
        latest = {c["id"]: c["data"] for c in all_changes(central) if c["entity"] == "patrol_visit"}
        return [v for v in latest.values() if v["status"] == "planned"] or None

    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "c4console.demo", "--api", central.api, "--osmand", central.osmand,
             "--alarm-every", "600", "--speedup", "300", "--tick", "0.3", "--seed", "5",
             "--ambient-seconds", "0"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        visits = wait_for("the demo's planned visits", planned_visits, 60, log)
        assert {v["unit_id"] for v in visits} <= pink  # Fuerza Rosa units take them

        def at_a_door() -> tuple[str, dict] | None:
            # Read again: the seed moves visits (time, and unit for sectors without one).
            units = {u["id"]: u for u in get(central, "/units")["units"]}
            for v in planned_visits() or ():
                u = units[v["unit_id"]]
                if u["lat"] is not None and haversine_m(u["lat"], u["lon"], v["lat"], v["lon"]) < 5:
                    return u["callsign"], v
            return None

        callsign, visit = wait_for("a Fuerza Rosa unit at a planned visit's door", at_a_door, 60, log)
        assert f"{callsign} heading to planned visit" in log.read_text()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
    assert "Traceback" not in log.read_text()
