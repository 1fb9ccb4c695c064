"""Follow-up of protection orders through a real central (SQLite and PostgreSQL) and real
OsmAnd position posts: a supervisor sets her plan (bad intervals and radius refused, an
operator refused); a shift lead plans the day's visits, which go to the Fuerza Rosa unit
of her sector; that unit driving past her home proves nothing, stopping two minutes there
proves the visit by GPS — the visit record and her case timeline entry; an outcome for a
visit that did not happen is refused, a visit cannot move to a unit out of service; a late
call shows in the overdue list; an interview is recorded; the counts give the visit with
its GPS proof, the interview and the call; her case timeline has ids and times, no notes. Position
timestamps come from the posts: nothing waits two real minutes."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from c4console.central.seed import BENEFICIARY_COLUMNS, UNIT_COLUMNS, seed_file
from tests.central.helpers import (
    BENEFICIARIES,
    IN_S3,
    all_changes,
    client,
    get_json,
    key,
    post_commands,
    running_central,
    write_csv,
)

HER_CASE = "case-B0042"
PLAN = "plan-B0042-OP1"
HOME = IN_S3  # her home (seeded from beneficiaries.csv)
PINK = "P09"  # the Fuerza Rosa unit of her sector (S3)
PINK_TRACKER = "TRK09"
FAR = (32.6245, -115.4400)     # ≈ 1.2 km east of her home
AT_HOME = (32.6249, -115.4521)  # ≈ 50 m from her door: inside the 100 m proof radius
UNITS = [
    {"unit_id": "P07", "callsign": "P-07", "sector": "S3", "device_id": "TRK07",
     "lat": "32.6300", "lon": "-115.4500", "kind": "general"},
    {"unit_id": "P08", "callsign": "P-08", "sector": "S1", "device_id": "TRK08",
     "lat": "32.6100", "lon": "-115.4700", "kind": "general"},
    {"unit_id": PINK, "callsign": "FR-09", "sector": "S3", "device_id": PINK_TRACKER,
     "lat": "32.6300", "lon": "-115.4400", "kind": "fuerza_rosa"},
    {"unit_id": "P10", "callsign": "FR-10", "sector": "S1", "device_id": "TRK10",
     "lat": "32.6100", "lon": "-115.4700", "kind": "fuerza_rosa"},
]


def _plan_cmd(**kw) -> dict:
    return {"key": key(), "type": "set_follow_plan", "id": PLAN, "case_id": HER_CASE,
            "order_number": "OP-1/2026", **kw}


async def _post_position(osmand: str, device: str, lat: float, lon: float, at: float) -> None:
    """One real OsmAnd report (a form POST, as Traccar Client sends it)."""
    async with aiohttp.ClientSession() as s, s.post(
            f"{osmand}/", data={"id": device, "lat": f"{lat}", "lon": f"{lon}",
                                "timestamp": f"{at:.3f}"}) as r:
        assert r.status == 200, await r.text()


def _last(changes: list[dict], entity: str, rid: str) -> dict:
    return [ch for ch in changes if ch["entity"] == entity and ch["id"] == rid][-1]


def test_follow_up_end_to_end(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, seed=False) as c:
            folder = tmp_path / "seed"
            folder.mkdir()
            write_csv(folder / "units.csv", (*UNIT_COLUMNS, "kind"), UNITS)
            write_csv(folder / "beneficiaries.csv", BENEFICIARY_COLUMNS, BENEFICIARIES)
            await seed_file(c.service, folder / "units.csv", "units")
            await seed_file(c.service, folder / "beneficiaries.csv", "beneficiaries")
            # A unit kind the catalogue does not list is refused with its reason.
            write_csv(folder / "odd.csv", (*UNIT_COLUMNS, "kind"),
                      [{**UNITS[0], "unit_id": "P99", "device_id": "TRK99", "kind": "ovni"}])
            (row,) = (await seed_file(c.service, folder / "odd.csv", "units")).rows
            assert row.outcome == "refused" and "unit_kinds.csv" in row.reason, row
            await _run(c)

    async def _run(c):
        api = c.api_url
        async with client(api) as op, client(api, "supervisora1") as sup, \
                client(api, "jefe1") as lead:
            units = {u["id"]: u for u in (await get_json(op, f"{api}/api/v1/units"))["units"]}
            assert units[PINK]["kind"] == "fuerza_rosa" and units["P07"]["kind"] == "general"
            # Her plan: an operator may not set it; bad intervals and radius are refused.
            (res,) = await post_commands(op, api, _plan_cmd())
            assert (res["outcome"], res["reason"]) == ("rejected", "forbidden"), res
            bad = {"bad_interval": {"visit_every_h": 0, "reason": "x"},
                   "reason_required": {"visit_every_h": 8},
                   "bad_radius": {"radius_m": 10}}
            for reason, fields in bad.items():
                (res,) = await post_commands(sup, api, _plan_cmd(**fields))
                assert (res["outcome"], res["reason"]) == ("rejected", reason), res
            (res,) = await post_commands(sup, api, _plan_cmd(**{"call_every_h": -1, "reason": "x"}))
            assert res["reason"] == "bad_interval", res
            (res,) = await post_commands(sup, api, _plan_cmd(
                visit_every_h=8, call_every_h=24, interview_every_days=7,
                reason="valoración de riesgo extremo en la audiencia"))
            assert res["outcome"] == "accepted", res
            plan = _last(await all_changes(sup, api), "follow_plan", PLAN)["data"]
            assert (plan["visit_every_h"], plan["sector"], plan["places"][0]["kind"]) == (8, "S3", "home")
            assert plan["phone"] == "6861234567"

            # The shift lead plans the next 24 h: every visit to her sector's Fuerza Rosa unit.
            (res,) = await post_commands(lead, api, {"key": key(), "type": "plan_visits",
                                                     "plan_id": PLAN, "horizon_h": 0})
            assert (res["outcome"], res["reason"]) == ("rejected", "bad_command"), res
            (res,) = await post_commands(lead, api, {"key": key(), "type": "plan_visits",
                                                     "plan_id": PLAN, "horizon_h": 24})
            assert res["outcome"] == "accepted", res
            visits = sorted((ch["data"] for ch in await all_changes(lead, api)
                             if ch["entity"] == "patrol_visit"), key=lambda v: v["due_at"])
            assert len(visits) == 4 and {v["unit_id"] for v in visits} == {PINK}
            first, later = visits[0], visits[1]
            assert (first["lat"], first["lon"], first["radius_m"], first["dwell_s"]) == (*HOME, 100, 120)

            # Outcome of a visit that did not happen; a visit moved to a unit out of service.
            (res,) = await post_commands(op, api, {"key": key(), "type": "visit_outcome",
                                                   "visit_id": first["id"],
                                                   "outcome": "presente_sin_novedad"})
            assert (res["outcome"], res["reason"]) == ("rejected", "visit_not_made"), res
            (res,) = await post_commands(lead, api, {"key": key(), "type": "unit_status",
                                                     "unit_id": "P07", "status": "out_of_service",
                                                     "reason": "taller"})
            assert res["outcome"] == "accepted", res
            (res,) = await post_commands(lead, api, {"key": key(), "type": "move_visit",
                                                     "visit_id": later["id"], "unit_id": "P07"})
            assert (res["outcome"], res["reason"]) == ("rejected", "unit_out_of_service"), res

            # The unit drives past her home without stopping: no proof.
            t0 = time.time()
            for dt, point in ((0, FAR), (5, AT_HOME), (15, AT_HOME), (25, FAR)):
                await _post_position(c.osmand_url, PINK_TRACKER, *point, t0 + dt)
            changes = await all_changes(sup, api)
            assert _last(changes, "patrol_visit", first["id"])["data"]["status"] == "planned"
            assert not [ch for ch in changes if ch["entity"] == "case_timeline"]
            # It stops two minutes at her door (a fix every 20 s): proven at 120 s of stay.
            for dt in range(40, 181, 20):
                await _post_position(c.osmand_url, PINK_TRACKER, *AT_HOME, t0 + dt)
            changes = await all_changes(sup, api)
            proven = _last(changes, "patrol_visit", first["id"])["data"]
            assert (proven["status"], proven["proof"]) == ("proven", "gps"), proven
            assert abs(proven["proven_at"] - (t0 + 160)) < 1e-3
            assert _last(changes, "patrol_visit", later["id"])["data"]["status"] == "planned"
            (entry,) = [ch["data"] for ch in changes if ch["entity"] == "case_timeline"]
            assert (entry["case_id"], entry["kind"], entry["group"]) == (HER_CASE, "patrol_visit", "history")
            assert entry["data"]["visit_id"] == first["id"] and entry["data"]["proof"] == "gps"
            # Lingering on proves nothing more (each visit once).
            await _post_position(c.osmand_url, PINK_TRACKER, *AT_HOME, t0 + 200)
            assert len([ch for ch in await all_changes(sup, api) if ch["entity"] == "case_timeline"]) == 1

            # The operator adds the outcome; she holds the visit's point, not her case.
            (res,) = await post_commands(op, api, {"key": key(), "type": "visit_outcome",
                                                   "visit_id": first["id"],
                                                   "outcome": "presente_sin_novedad"})
            assert res["outcome"] == "accepted", res
            op_changes = await all_changes(op, api)
            seen = _last(op_changes, "patrol_visit", first["id"])
            assert seen["op"] == "upsert" and "case_id" not in seen["data"]
            assert seen["data"]["lat"] == HOME[0] and seen["data"]["outcome"] == "presente_sin_novedad"
            assert all(ch["op"] == "delete" for ch in op_changes
                       if ch["entity"] in ("follow_plan", "case_timeline"))

            # A visit made without GPS proof is recorded by hand, with its reason; an incident
            # found on it needs the incident opened for it.
            (res,) = await post_commands(op, api, {"key": key(), "type": "record_visit",
                                                   "visit_id": later["id"]})
            assert (res["outcome"], res["reason"]) == ("rejected", "bad_command"), res
            (res,) = await post_commands(op, api, {"key": key(), "type": "record_visit",
                                                   "visit_id": later["id"],
                                                   "reason": "el rastreador de la patrulla sin señal"})
            assert res["outcome"] == "accepted", res
            (res,) = await post_commands(op, api, {"key": key(), "type": "visit_outcome",
                                                   "visit_id": later["id"], "outcome": "incidente"})
            assert (res["outcome"], res["reason"]) == ("rejected", "incident_required"), res
            manual = _last(await all_changes(sup, api), "patrol_visit", later["id"])["data"]
            assert (manual["status"], manual["proof"]) == ("manual", "manual") and manual["manual_reason"]

            # A follow-up call she did not answer does not count: the call is overdue a day on.
            (res,) = await post_commands(op, api, {"key": key(), "type": "record_follow_call",
                                                   "id": "call-1", "plan_id": PLAN,
                                                   "result": "asks_help"})
            assert (res["outcome"], res["reason"]) == ("rejected", "help_not_routed"), res
            (res,) = await post_commands(op, api, {"key": key(), "type": "record_follow_call",
                                                   "id": "call-1", "plan_id": PLAN,
                                                   "result": "not_reached", "duration_s": 40})
            assert res["outcome"] == "accepted", res
            # An interview by specialised officers; bad input refused.
            interview = {"key": key(), "type": "record_interview", "id": "int-1", "plan_id": PLAN,
                         "held_at": t0 + 100, "place": "su domicilio", "who": "Oficial Ruiz (UVI)",
                         "notes": "Refiere llamadas del agresor", "agreements": "Cambiar de número"}
            (res,) = await post_commands(sup, api, {**interview, "key": key(), "place": ""})
            assert (res["outcome"], res["reason"]) == ("rejected", "bad_command"), res
            (res,) = await post_commands(sup, api, interview)
            assert res["outcome"] == "accepted", res
            entries = [ch["data"] for ch in await all_changes(sup, api) if ch["entity"] == "case_timeline"]
            assert [e["kind"] for e in entries] == ["patrol_visit", "patrol_visit", "follow_up_call",
                                                    "interview"]
            assert all("notes" not in e["data"] for e in entries)  # ids and times, never notes
            await get_json(op, f"{api}/api/v1/follow-up/overdue", status=403)
            late = (await get_json(lead, f"{api}/api/v1/follow-up/overdue?at={t0 + 25 * 3600}"))["overdue"]
            kinds = [(o["kind"], o["plan_id"]) for o in late]
            assert ("call", PLAN) in kinds, late
            assert all(o["risk_level"] == plan["risk_level"] for o in late)
            await get_json(lead, f"{api}/api/v1/follow-up/overdue?at=nunca", status=400)
            counts = await get_json(sup, f"{api}/api/v1/follow-up/counts?from={t0 - 60}&to={t0 + 3600}")
            assert (counts["visits"], counts["visits_gps"], counts["visits_manual"], counts["interviews"],
                    counts["calls"], counts["calls_reached"]) == (2, 1, 1, 1, 1, 0)

    asyncio.run(main())
