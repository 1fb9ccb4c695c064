"""A day of Fuerza Rosa rounds against a real demo central (issue 13 "Demo").

The central is seeded as ``c4central serve --demo`` seeds it: a plan for every demo woman
with an order in force and a risk level, the shift's visits planned onto units (Fuerza
Rosa of her sector first) and spread over the shift. The simulator's account reads the
planned visits from the change feed; its rounds logic (c4console/demo/rounds.py) drives
the units to them in simulated time — the fixes go through the real OsmAnd gateway with
the simulated time as their timestamp, the central's clock moved along — lingering past
the dwell time, and missing a share (driving past or never going). Then: the visits the
central proved by GPS are exactly those where a unit lingered, and every visit not made
(the missed ones among them) is in ``GET /api/v1/follow-up/overdue`` an hour after the
shift."""

from __future__ import annotations

import asyncio
import random

import aiohttp

from c4console.central.follow_up_demo import plan_id_for
from c4console.central.seed import DEMO_SHIFT_AFTER_S
from c4console.core.cases.registry_link import case_id_for
from c4console.demo.accounts import DEMO_PASSWORD, DEMO_SIMULATOR
from c4console.demo.data import DEMO_FOLDER, load_units
from c4console.demo.patrols import Area, PatrolMotion
from c4console.demo.rounds import DROVE_PAST, LINGERED, SKIPPED, VisitRounds
from c4console.demo.rounds_day import drive_rounds
from c4console.demo.simulator_client import SimulatorClient
from c4console.resources import DEFAULT_JURISDICTION, load_jurisdiction
from tests.central.helpers import all_changes, client, get_json, running_central


async def latest_visits(session: aiohttp.ClientSession, api: str) -> dict[str, dict]:
    """Every patrol visit's latest record on the feed, read page by page (the units'
    positions make it long)."""
    latest: dict[str, dict] = {}
    since = 0
    while page := await all_changes(session, api, since):
        latest.update((ch["id"], ch["data"]) for ch in page if ch["entity"] == "patrol_visit")
        since = page[-1]["seq"]
    return latest


TICK_S = 30.0  # simulated seconds between fixes (a fifth of the dwell plus its margin)
MISS_SHARE = 0.2


def test_a_day_of_rounds_proves_the_lingered_visits_and_lists_the_missed(tmp_path):
    jurisdiction = load_jurisdiction(DEFAULT_JURISDICTION)

    async def main():
        async with running_central(tmp_path, seed=False, demo_folder=DEMO_FOLDER,
                                   jurisdiction=jurisdiction, device_rate=1e6,
                                   device_burst=1e6) as c:
            assert c.demo_follow_up is not None
            await c.demo_follow_up  # seeded while the central serves
            start = c.service.clock()
            sim = [start]
            c.service.clock = lambda: max(sim[0], start)
            async with aiohttp.ClientSession() as session:
                sim_client = SimulatorClient(session, c.api_url, c.osmand_url,
                                             username=DEMO_SIMULATOR, password=DEMO_PASSWORD)
                assert await sim_client.login() == "operator"
                head = (await sim_client.api.health())["head"]
                visits = await sim_client.records("patrol_visit", head)
                # The seed's plans: her default plan, the Fuerza Rosa units take the visits.
                assert len(visits) >= 100
                assert all("case_id" not in v for v in visits)  # the operator's projection
                rounds = VisitRounds(random.Random(13), miss_share=MISS_SHARE)
                for v in visits:
                    rounds.put(v)
                units = [u for u in load_units(DEMO_FOLDER / "units.csv") if rounds.planned(u.unit_id)]
                assert {u.kind for u in units} == {"fuerza_rosa"}
                # Shared out: women of a sector without a Fuerza Rosa unit do not all go to one.
                loads = [len(rounds.planned(u.unit_id)) for u in units]
                assert len(units) == 4 and max(loads) <= 2 * min(loads), loads
                assert min(v["due_at"] for v in visits) > start  # spread over the shift
                rng = random.Random(7)
                motions = {u.unit_id: PatrolMotion(u.lat, u.lon, Area(
                    [q for q in jurisdiction.cuadrantes if q.sector == u.sector]), rng) for u in units}
                end = start + DEMO_SHIFT_AFTER_S
                statuses = await drive_rounds(sim_client, rounds, units, motions, start=start,
                                              end=end, tick_s=TICK_S,
                                              on_tick=lambda t: sim.__setitem__(0, t))
                assert set(statuses) == {200}

            sim[0] = end + 3600.0 + 1.0  # an hour after the shift: every visit not made is late
            outcome = rounds.done
            lingered = {v for v, what in outcome.items() if what == LINGERED}
            missed = {v for v, what in outcome.items() if what in (DROVE_PAST, SKIPPED)}
            assert lingered and {DROVE_PAST, SKIPPED} <= set(outcome.values()), outcome
            async with client(c.api_url, "jefe1", DEMO_PASSWORD) as lead:
                latest = await latest_visits(lead, c.api_url)
                proven = {vid for vid, v in latest.items() if v["status"] == "proven"}
                assert all(latest[vid]["proof"] == "gps" for vid in proven)
                assert proven == lingered
                late = await get_json(lead, f"{c.api_url}/api/v1/follow-up/overdue?at={sim[0]}")
                late_visits = {o["visit_id"] for o in late["overdue"] if o["kind"] == "visit"}
                assert missed <= late_visits
                assert late_visits == set(latest) - proven  # the missed and those not reached
                # Her case: the plan is hers, the proof went to her case timeline.
                some = latest[sorted(proven)[0]]
                assert some["plan_id"] == plan_id_for(some["case_id"])
                assert some["case_id"].startswith(case_id_for(""))

    asyncio.run(main())
