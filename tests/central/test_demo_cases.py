"""The demo's cases (issue 10 "Demo"): ``--demo`` gives each of the 200 beneficiaries a case
with a computed risk level (all five present), an aggressor with his relationship, her
orders, and prior closed incidents stored as real incidents, so an alarm from a woman with
history yields a history record listing them. Seeding again adds nothing."""

from __future__ import annotations

import asyncio
import csv
from collections import Counter

import aiohttp
from sqlalchemy import func, select

from c4console.central import queries
from c4console.central import schema as t
from c4console.central.cases.demo_seed import seed_demo_cases
from c4console.core.cases.records import Case
from c4console.core.cases.vocabulary import RiskLevel
from c4console.resources import RESOURCES, load_case_catalogues
from tests.central.helpers import running_central

DEMO = RESOURCES / "demo"


def _csv(name: str) -> list[dict[str, str]]:
    with (DEMO / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_demo_cases_have_levels_aggressors_and_prior_incidents_a_new_alarm_lists(tmp_path):
    priors = _csv("prior_incidents.csv")
    per_woman = Counter(r["beneficiary_id"] for r in priors)
    her, count = next((b, n) for b, n in sorted(per_woman.items()) if n >= 2
                      and any(r["channel"] == "call_911" for r in priors if r["beneficiary_id"] == b))
    device = next(r["device_id"] for r in _csv("beneficiaries.csv") if r["beneficiary_id"] == her)
    home = next(r for r in _csv("beneficiaries.csv") if r["beneficiary_id"] == her)
    relationships = load_case_catalogues().relationships

    async def main():
        async with running_central(tmp_path, seed=False, demo_folder=DEMO) as c:
            assert c.service is not None and c.reader is not None
            engine = c.reader.engine
            with engine.connect() as conn:
                cases = [Case.from_wire(d) for (d,) in conn.execute(select(t.cases.c.data))]
                prior_rows = conn.execute(select(t.incidents.c.id, t.incidents.c.status,
                                                 t.incidents.c.created_at).where(
                    t.incidents.c.id.like("demo-prior-%"))).all()
            assert len(cases) == 200 and {c_.beneficiary_id for c_ in cases} == {
                f"B{i:04d}" for i in range(1, 201)}
            levels = Counter(c_.risk_level for c_ in cases)
            assert set(levels) == set(RiskLevel), levels  # computed from the answers
            assert all(a.answers and a.assessed_by == "demo" for c_ in cases
                       for a in c_.risk_assessments)
            assert all(c_.aggressors and c_.aggressors[0].relationship in relationships
                       for c_ in cases)
            assert all(c_.person.date_of_birth for c_ in cases)
            assert any(len(c_.orders) == 2 for c_ in cases)  # an earlier order, expired
            # Prior incidents: real, closed, in the past, linked to her case with an episode.
            assert len(prior_rows) == len(priors)
            now = c.service.clock()
            assert all(s == "closed" and at < now - 86400 for _, s, at in prior_rows)
            mine = next(c_ for c_ in cases if c_.beneficiary_id == her)
            assert len([i for i in mine.incident_ids if i.startswith("demo-prior-")]) == count
            assert len(mine.episodes) == count

            # Her alarm: the history record names every prior incident of hers.
            head = queries.head(engine)
            async with aiohttp.ClientSession() as dev, dev.get(
                    f"{c.osmand_url}/", params={"id": device, "lat": home["home_lat"],
                                                "lon": home["home_lon"], "alarm": "sos"}) as r:
                assert r.status == 200
            for _ in range(200):
                changes, _ = queries.changes_since(engine, head, 500)
                history = next((ch.data for ch in changes if ch.entity == "history"), None)
                if history is not None:
                    break
                await asyncio.sleep(0.02)
            else:
                raise AssertionError("her alarm got no history record")
            prior_ids = {p["incident_id"] for p in history["prior"]}
            assert {r["incident_id"] for r in priors if r["beneficiary_id"] == her} <= prior_ids
            assert history["prior_total"] >= count
            assert history["risk_level"] == mine.risk_level.value
            assert history["aggressor_names"] == [mine.aggressors[0].name]

            # A second start on the same database: nothing is applied again.
            again = await seed_demo_cases(c.service, DEMO)
            assert again == {"incidents": 0, "accepted": 0, "rejected": 0}
            with engine.connect() as conn:
                n = conn.execute(select(func.count()).select_from(t.incidents).where(
                    t.incidents.c.id.like("demo-prior-%"))).scalar_one()
            assert n == len(priors)

    asyncio.run(main())
