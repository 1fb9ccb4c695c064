"""The demo's coordination tables (issue 15): ``--demo`` creates the DIF (agencies_demo), shares the
highest-risk case with it, holds one past mesa with the DIF (its agreement, one DIF task,
signed by the chair) and schedules the next one; the next mesa's agenda lists the shared
case; seeding again adds nothing."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from sqlalchemy import func, select

from c4console.central import agencies
from c4console.central import schema as t
from c4console.central.agencies_demo import seed_demo_agencies, seed_demo_share
from c4console.central.coordination.demo import NEXT, PAST, seed_demo_meetings
from c4console.central.coordination.store import meeting, tasks_of_meeting
from c4console.resources import RESOURCES
from tests.central.helpers import client, get_json, running_central

DEMO = RESOURCES / "demo"


def test_the_demo_has_a_signed_mesa_with_a_dif_task_and_the_next_mesa(tmp_path):
    async def main():
        async with running_central(tmp_path, seed=False, demo_folder=DEMO) as c:
            engine = c.reader.engine
            assert {a.id: a.kind for a in agencies.list_agencies(engine)}["dif"] == "dif"
            with engine.connect() as conn:
                past, upcoming = meeting(conn, PAST), meeting(conn, NEXT)
                (task,) = tasks_of_meeting(conn, PAST)
                counted = conn.execute(select(func.count()).select_from(t.meetings)).scalar()
            assert past.signed and past.signed_by == "supervisora1"
            assert past.agencies == ("dif",) and len(past.cases) == 1 and past.agreements
            assert (task.agency_id, task.status, task.case_id) == ("dif", "abierta",
                                                                  past.cases[0]["case_id"])
            assert not upcoming.signed and date.fromisoformat(upcoming.date) > date.fromisoformat(
                past.date) + timedelta(days=14)
            async with client(c.api_url, "supervisora1", "demo-c4") as s:
                agenda = await get_json(s, f"{c.api_url}/api/v1/meetings/{NEXT}/agenda")
            assert agenda["since_meeting"] == PAST
            assert past.cases[0]["case_id"] in [x["case_id"] for x in agenda["cases"]]

            # Again (a restarted demo central): nothing new.
            await seed_demo_agencies(c.service)
            assert await seed_demo_share(c.service) == "duplicate"
            again = await seed_demo_meetings(c.service)
            assert set(again) == {"duplicate"}, again
            with engine.connect() as conn:
                assert conn.execute(select(func.count()).select_from(t.meetings)).scalar() == counted

    asyncio.run(main())
