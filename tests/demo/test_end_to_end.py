"""The simulator against a real central (``c4central serve --demo`` as a subprocess).

It must send panic alarms that become panic_button incidents, and when an operator
dispatches one of its patrols, report en route and on scene as that unit and close
the incident — all through the public protocol, checked here on ``GET /changes``.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from c4console.demo.data import load_beneficiaries, load_units

pytestmark = pytest.mark.slow

T = TypeVar("T")


def get(central, path: str) -> Any:
    """GET /api/v1<path> logged in as the fixture's account (operadora1)."""
    req = urllib.request.Request(f"{central.api}/api/v1{path}", headers=central.headers())
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def post_commands(central, *commands: dict) -> list[dict]:
    body = {"workstation": "C4-OP-TEST",
            "commands": [{"key": str(uuid.uuid4()), **c} for c in commands]}
    req = urllib.request.Request(f"{central.api}/api/v1/commands", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", **central.headers()})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)["results"]


def all_changes(central) -> list[dict]:
    out: list[dict] = []
    while True:
        page = get(central, f"/changes?since={out[-1]['seq'] if out else 0}&limit=5000")
        out += page["changes"]
        if page["last_seq"] >= page["head"]:
            return out


def wait_for(what: str, probe: Callable[[], T | None], timeout: float, log: Path) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}; simulator log:\n{log.read_text()[-3000:]}")


def squash(statuses: list[str]) -> list[str]:
    """Consecutive repeats removed (position updates repeat the status)."""
    return [s for i, s in enumerate(statuses) if i == 0 or statuses[i - 1] != s]


@pytest.fixture
def simulator(demo_central, tmp_path) -> Iterator[tuple[Any, Path, subprocess.Popen]]:
    log = tmp_path / "simulator.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "c4console.demo", "--api", demo_central.api,
             "--osmand", demo_central.osmand, "--alarm-every", "1", "--speedup", "300",
             "--tick", "0.3", "--seed", "7", "--ambient-seconds", "2"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        yield demo_central, log, proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)


def test_simulator_alarms_and_answers_a_dispatch(simulator):
    central, log, proc = simulator
    devices = {b.device_id: b.beneficiary_id for b in load_beneficiaries()}

    def open_panic() -> dict | None:
        for inc in get(central, "/incidents?status=open")["incidents"]:
            if inc["channel"] == "panic_button" and inc["status"] == "new":
                return inc
        return None

    incident = wait_for("a panic alarm to open an incident", open_panic, 60, log)
    assert incident["priority"] == "ALTA"
    assert devices[incident["device_id"]] == incident["beneficiary_id"]  # her device, her record
    assert incident["cuadrante"] and incident["colonia"]  # inside the demo jurisdiction

    # The operator acknowledges and dispatches an available patrol.
    unit = next(u for u in get(central, "/units")["units"] if u["status"] == "available")
    callsign = unit["callsign"]
    results = post_commands(central, {"type": "acknowledge", "incident_id": incident["id"]},
                            {"type": "dispatch", "incident_id": incident["id"], "unit_id": unit["id"]})
    assert [r["outcome"] for r in results] == ["accepted", "accepted"], results

    closed = wait_for("the simulated crew to close the incident",
                      lambda: (inc := get(central, f"/incidents/{incident['id']}"))["status"] == "closed"
                      and inc,
                      60, log)
    assert closed["disposition"] == f"Atendido en sitio por unidad {callsign}"
    assert closed["en_route_at"] <= closed["on_scene_at"] <= closed["closed_at"]

    changes = all_changes(central)
    unit_statuses = squash([c["data"]["status"] for c in changes
                            if c["entity"] == "unit" and c["id"] == unit["id"]])
    assert unit_statuses[-4:] == ["assigned", "en_route", "on_scene", "available"]
    incident_statuses = squash([c["data"]["status"] for c in changes
                                if c["entity"] == "incident" and c["id"] == incident["id"]])
    assert incident_statuses == ["new", "acknowledged", "dispatched", "en_route", "on_scene", "closed"]
    # The crew's reports are sent by the simulator's own account (the central records the
    # logged-in user, whatever name a client claims).
    crew_events = [c["data"] for c in changes if c["entity"] == "event"
                   and c["data"]["incident_id"] == incident["id"] and c["data"]["actor"] == "simulador"]
    assert {e["kind"] for e in crew_events} >= {"status", "closed"}

    # The unit drove to her: its last positions end at the incident's location.
    positions = [(c["data"]["lat"], c["data"]["lon"]) for c in changes
                 if c["entity"] == "unit" and c["id"] == unit["id"] and c["data"]["status"] == "on_scene"]
    assert positions and positions[0] == pytest.approx((closed["lat"], closed["lon"]), abs=1e-5)

    # Every patrol reports positions; alarms keep coming as panic_button incidents.
    moved = {c["id"] for c in changes if c["entity"] == "unit" and c["data"]["position_at"]}
    assert moved >= {u.unit_id for u in load_units()}

    def panic_incidents() -> list[dict] | None:
        found = [i for i in get(central, "/incidents?status=all")["incidents"]
                 if i["channel"] == "panic_button"]
        return found if len(found) >= 3 else None

    for inc in wait_for("more panic alarms", panic_incidents, 60, log):
        assert inc["beneficiary_id"] == devices[inc["device_id"]]

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(10) == 0
    text = log.read_text()
    assert "Traceback" not in text and " ERROR " not in text, text[-3000:]
    assert f"{callsign} closed incident" in text


def test_a_withdrawn_crew_goes_back_on_patrol(demo_central, tmp_path):
    central = demo_central
    api = demo_central.api
    log = tmp_path / "simulator.log"
    with log.open("wb") as out:
        # Real speed and no emergencies of its own: the crew will still be driving.
        proc = subprocess.Popen(
            [sys.executable, "-m", "c4console.demo", "--api", api, "--osmand", demo_central.osmand,
             "--alarm-every", "600", "--tick", "0.3", "--seed", "3"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_for("the simulator to report positions",
                 lambda: "simulating 14 patrols" in log.read_text(), 60, log)
        iid = str(uuid.uuid4())
        # PM-101 starts in S1 (north-west); the incident is in S6 (south-east), km away.
        results = post_commands(
            central, {"type": "create_incident", "incident_id": iid, "channel": "call_911",
                  "lat": 32.595, "lon": -115.39, "address": "Calle Durazno 120", "caller": "Vecina"},
            {"type": "acknowledge", "incident_id": iid},
            {"type": "dispatch", "incident_id": iid, "unit_id": "P01"})
        assert [r["outcome"] for r in results] == ["accepted"] * 3, results
        wait_for("the crew to report en route",
                 lambda: get(central, f"/incidents/{iid}")["status"] == "en_route", 60, log)
        # The operator cancels: the central frees the unit and the crew must notice.
        assert post_commands(central, {"type": "close", "incident_id": iid, "status": "cancelled"})[0][
            "outcome"] == "accepted"
        wait_for("the crew to notice", lambda: "PM-101 withdrawn" in log.read_text(), 60, log)
        # A few more ticks (three more position reports of the crew): nothing more may be
        # reported for that incident.
        reports: list[float] = []

        def three_more_reports() -> bool:
            at = next(u for u in get(central, "/units")["units"] if u["id"] == "P01")["position_at"]
            if not reports or at != reports[-1]:
                reports.append(at)
            return len(reports) > 3

        wait_for("three more reports of PM-101", three_more_reports, 60, log)
        unit = next(u for u in get(central, "/units")["units"] if u["id"] == "P01")
        assert unit["status"] == "available" and unit["incident_id"] is None
        incident = get(central, f"/incidents/{iid}")
        assert incident["status"] == "cancelled" and incident["on_scene_at"] is None
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
    assert "Traceback" not in log.read_text()
