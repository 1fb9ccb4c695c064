"""One simulated month of Fuerza Rosa follow-up through a real central, checked against
Mexicali's seed figures (issue 13 "Done when"): 523 patrol visits (rondines), 96 interviews
and 130 phone attentions, read back exactly from ``GET /api/v1/follow-up/counts``.

Everything goes through the central's commands and its OsmAnd gateway: a supervisor sets
twenty plans (a visit and a call a day, an interview a week); each day the shift lead
plans the day's visits (``plan_visits``, onto the Fuerza Rosa unit of their sector); the
unit proves six visits a day by GPS — real position posts, stopping two minutes at each
door — the crews record the rest of the day's quota by hand (``record_visit`` with a
reason), the day's other visits are missed; interviews and calls are recorded with their
day's times. The month's times come from the posts and the commands (the central's clock
is moved along): nothing waits. A representative part of the visits (180 of 523) is
proven by GPS, the rest recorded by hand, and the counts tell them apart.

The visits the crews miss are kept to women who already had one missed: the central's GPS
proof proves every planned visit of the unit at the door it stops at, a missed one of
yesterday included, so a stop at her door would count two visits.
"""

from __future__ import annotations

import asyncio

import aiohttp

from c4console.central.seed import BENEFICIARY_COLUMNS, UNIT_COLUMNS, seed_file
from tests.central.helpers import (
    all_changes,
    client,
    get_json,
    key,
    post_commands,
    running_central,
    write_csv,
)

DAYS = 30
DAY_S = 86400.0
VISITS, INTERVIEWS, CALLS = 523, 96, 130  # Mexicali's month (the seed's figures)
GPS_PER_DAY = 6
PLANS = 20
FR_TRACKER = "TRK-FR1"
AWAY = (32.6300, -115.4300)  # outside sector S3: no home within a kilometre
CALL_RESULTS = ("reached", "reached", "not_reached", "reached")  # she answers three in four


def _spread(total: int, days: int) -> list[int]:
    """``total`` over ``days`` as evenly as whole numbers allow (the first days one more)."""
    base, extra = divmod(total, days)
    return [base + (1 if d < extra else 0) for d in range(days)]


def _homes() -> list[tuple[float, float]]:
    """Twenty homes in sector S3 (the test jurisdiction's square), 440 m or more apart: a
    stop at one door proves no other woman's visit."""
    return [(32.622 + 0.004 * i, -115.458 + 0.005 * j) for i in range(5) for j in range(4)]


def _beneficiaries() -> list[dict[str, str]]:
    return [{"beneficiary_id": f"B{900 + n}", "name": f"Mujer {n}", "phone": f"68610000{n:02d}",
             "address": f"Calle {n}", "colonia": "Pueblo Nuevo", "home_lat": f"{lat:.6f}",
             "home_lon": f"{lon:.6f}", "order_number": f"OP-{n}/2026", "order_authority": "Juzgado 3",
             "order_valid_until": "2027-12-31", "order_measures": "rondines", "aggressor": "X",
             "device_id": f"86123456{900 + n:07d}", "device_model": "BS-2"}
            for n, (lat, lon) in enumerate(_homes())]


UNITS = [
    {"unit_id": "FR1", "callsign": "FR-1", "sector": "S3", "device_id": FR_TRACKER,
     "lat": "32.6300", "lon": "-115.4500", "kind": "fuerza_rosa"},
    {"unit_id": "G1", "callsign": "P-1", "sector": "S3", "device_id": "TRK-G1",
     "lat": "32.6300", "lon": "-115.4500", "kind": "general"},
]


async def _post(session: aiohttp.ClientSession, osmand: str, lat: float, lon: float, at: float) -> None:
    async with session.post(f"{osmand}/", data={"id": FR_TRACKER, "lat": f"{lat}", "lon": f"{lon}",
                                                "timestamp": f"{at:.3f}"}) as r:
        assert r.status == 200, await r.text()


class _Visits:
    """The patrol visits as the shift lead's feed has them (read on from a cursor)."""

    def __init__(self) -> None:
        self.latest: dict[str, dict] = {}
        self.cursor = 0

    async def refresh(self, session: aiohttp.ClientSession, api: str) -> None:
        while page := await all_changes(session, api, self.cursor):
            self.latest.update((ch["id"], ch["data"]) for ch in page if ch["entity"] == "patrol_visit")
            self.cursor = page[-1]["seq"]

    def planned(self, start: float, end: float) -> list[dict]:
        """The visits due in [start, end), hers first when she has no earlier visit still
        planned (one missed): a stop at her door would prove that one too, so the visits
        the crews miss are kept to the women who already had one missed."""
        stale = {v["plan_id"] for v in self.latest.values()
                 if v["status"] == "planned" and v["due_at"] < start}
        return sorted((v for v in self.latest.values()
                       if v["status"] == "planned" and start <= v["due_at"] < end),
                      key=lambda v: (v["plan_id"] in stale, v["due_at"], v["id"]))

    def stale(self, visit: dict) -> bool:
        """True if her plan has an earlier visit still planned."""
        return any(v["plan_id"] == visit["plan_id"] and v["status"] == "planned"
                   and v["due_at"] < visit["due_at"] for v in self.latest.values())


def test_a_simulated_month_counts_the_seed_figures(tmp_path):
    made_per_day = _spread(VISITS, DAYS)
    interviews_per_day = _spread(INTERVIEWS, DAYS)
    calls_per_day = _spread(CALLS, DAYS)

    async def main():
        async with running_central(tmp_path, seed=False, device_rate=1e6, device_burst=1e6) as c:
            folder = tmp_path / "seed"
            folder.mkdir()
            write_csv(folder / "units.csv", (*UNIT_COLUMNS, "kind"), UNITS)
            write_csv(folder / "beneficiaries.csv", BENEFICIARY_COLUMNS, _beneficiaries())
            await seed_file(c.service, folder / "units.csv", "units")
            await seed_file(c.service, folder / "beneficiaries.csv", "beneficiaries")
            start = c.service.clock()
            sim = [start]
            c.service.clock = lambda: sim[0]
            async with client(c.api_url) as op, client(c.api_url, "supervisora1") as sup, \
                    client(c.api_url, "jefe1") as lead, aiohttp.ClientSession() as tracker:
                await _month(c, sim, start, op, sup, lead, tracker)

    async def _month(c, sim, start, op, sup, lead, tracker):
        api = c.api_url
        plans = [f"plan-B{900 + n}" for n in range(PLANS)]
        results = await post_commands(sup, api, *(
            {"key": key(), "type": "set_follow_plan", "id": p, "case_id": f"case-B{900 + n}",
             "order_number": f"OP-{n}/2026", "visit_every_h": 24, "call_every_h": 24,
             "interview_every_days": 7, "reason": "seguimiento del mes (prueba)"}
            for n, p in enumerate(plans)))
        assert {r["outcome"] for r in results} == {"accepted"}, results
        visits = _Visits()
        gps_made: set[str] = set()
        hand_made: set[str] = set()
        for d in range(DAYS):
            day0 = start + d * DAY_S
            sim[0] = day0 + 60.0
            results = await post_commands(lead, api, *({"key": key(), "type": "plan_visits",
                                                        "plan_id": p, "horizon_h": 24} for p in plans))
            assert {r["outcome"] for r in results} == {"accepted"}, results
            await visits.refresh(lead, api)
            today = visits.planned(day0, day0 + DAY_S)
            assert len(today) >= made_per_day[d], (d, len(today))
            assert {v["unit_id"] for v in today} == {"FR1"}  # Fuerza Rosa of her sector
            sim[0] = day0 + DAY_S - 60.0  # the day's work is posted with its own times
            # The unit stops two minutes at six doors (proven at 125 s), then drives off; it
            # comes at most half an hour early (a visit counts from two hours before due).
            t = day0 - 300.0
            for v in today[:GPS_PER_DAY]:
                assert not visits.stale(v)
                t = max(t + 900.0, v["due_at"] - 1800.0, day0 + 600.0)
                for dt in (0.0, 60.0, 125.0):
                    await _post(tracker, c.osmand_url, v["lat"], v["lon"], t + dt)
                await _post(tracker, c.osmand_url, *AWAY, t + 300.0)
                gps_made.add(v["id"])
            by_hand = today[GPS_PER_DAY:made_per_day[d]]
            results = await post_commands(op, api, *(
                {"key": key(), "type": "record_visit", "visit_id": v["id"],
                 "reason": "el rastreador de la patrulla sin señal", "at": day0 + 8 * 3600.0 + k * 60}
                for k, v in enumerate(by_hand)))
            assert {r["outcome"] for r in results} <= {"accepted"}, results
            hand_made |= {v["id"] for v in by_hand}
            results = await post_commands(sup, api, *(
                {"key": key(), "type": "record_interview", "id": f"int-{d}-{k}",
                 "plan_id": plans[(d * 4 + k) % PLANS], "held_at": day0 + 10 * 3600.0 + k * 600,
                 "place": "su domicilio", "who": "Oficial de la UVI"}
                for k in range(interviews_per_day[d])))
            assert {r["outcome"] for r in results} == {"accepted"}, results
            results = await post_commands(op, api, *(
                {"key": key(), "type": "record_follow_call", "id": f"call-{d}-{k}",
                 "plan_id": plans[(d * 5 + k) % PLANS], "placed_at": day0 + 12 * 3600.0 + k * 600,
                 "result": CALL_RESULTS[k % len(CALL_RESULTS)], "duration_s": 120}
                for k in range(calls_per_day[d])))
            assert {r["outcome"] for r in results} == {"accepted"}, results

        sim[0] = start + DAYS * DAY_S + 60.0
        await visits.refresh(lead, api)
        proven = {vid for vid, v in visits.latest.items() if v["status"] == "proven"}
        assert proven == gps_made and len(gps_made) == GPS_PER_DAY * DAYS
        assert {vid for vid, v in visits.latest.items() if v["status"] == "manual"} == hand_made
        counts = await get_json(lead, f"{api}/api/v1/follow-up/counts?from={start}&to={start + DAYS * DAY_S}")
        reached = sum(1 for d in range(DAYS) for k in range(calls_per_day[d])
                      if CALL_RESULTS[k % len(CALL_RESULTS)] == "reached")
        assert {k: counts[k] for k in ("visits", "visits_gps", "visits_manual", "interviews", "calls",
                                       "calls_reached")} == {
            "visits": VISITS, "visits_gps": GPS_PER_DAY * DAYS,
            "visits_manual": VISITS - GPS_PER_DAY * DAYS, "interviews": INTERVIEWS,
            "calls": CALLS, "calls_reached": reached}

    asyncio.run(main())
