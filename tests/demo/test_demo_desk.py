"""The demo central's specialist desk (issue 12): ``serve --demo`` hands the calls of
resources/demo/desk_referrals.csv to the desk and schedules a follow-up due today, so the
psicóloga's console opens on a desk with work on it — and a restart adds nothing twice."""

from __future__ import annotations

import asyncio
import csv

from c4console.central.desk_demo import seed_demo_desk
from c4console.core.calls.records import Referral
from c4console.core.specialists.queue import ROW_FOLLOW_UP, ROW_REFERRAL, desk_queue
from c4console.core.specialists.records import DeskFollowUp
from c4console.demo.accounts import DEMO_PASSWORD
from c4console.demo.data import DEMO_FOLDER
from tests.central.helpers import all_changes, client, running_central


def test_the_demo_desk_has_referrals_and_a_follow_up_due_today(tmp_path):
    wanted = list(csv.DictReader((DEMO_FOLDER / "desk_referrals.csv").open(encoding="utf-8")))

    async def main():
        async with running_central(tmp_path, seed=False, demo_folder=DEMO_FOLDER) as c:
            assert c.demo_follow_up is not None
            await c.demo_follow_up  # the follow-up, then the desk, seeded while it serves
            async with client(c.api_url, "psicologa1", DEMO_PASSWORD) as p:
                changes = await all_changes(p, c.api_url)
            referrals = {ch["id"]: Referral.from_wire(ch["data"]) for ch in changes
                         if ch["entity"] == "referral" and ch["op"] == "upsert"}
            follow_ups = [DeskFollowUp.from_wire(ch["data"]) for ch in changes
                          if ch["entity"] == "desk_follow_up" and ch["op"] == "upsert"]
            assert sorted(r.narrative for r in referrals.values()) == sorted(
                w["narrative"] for w in wanted)
            assert all(r.case_id and r.incident_id for r in referrals.values())
            # The psychologist's desk: the referrals for her desk, and the follow-up later today.
            later = c.service.clock() + 70
            rows = desk_queue(referrals.values(), follow_ups, lambda cid: 0, later,
                              c.service.folio_tz, {"psicologica"})
            kinds = sorted(r.kind for r in rows)
            assert kinds == sorted([ROW_FOLLOW_UP] + [ROW_REFERRAL] * sum(
                "psicologica" in w["desks"] for w in wanted)), kinds
            # Started again on the same database: nothing twice.
            again = await seed_demo_desk(c.service, DEMO_FOLDER)
            assert set(again) == {"duplicate"}, again

    asyncio.run(main())
