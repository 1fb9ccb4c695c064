"""Shifts and incident ownership at a real central: an operator is refused taking another
operator's patrol (forbidden, naming folio and owner; a security event and an audit
entry), a shift lead is not; ``set_shift`` is for leads, reaches the feed and a second
console's cache; ``GET /users`` lists names and roles to leads, supervisors and admins."""

from __future__ import annotations

import asyncio
import time

from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from tests.cache_files import TEST_KEY
from tests.central.helpers import (
    TEST_PASSWORD,
    all_changes,
    client,
    get_json,
    key,
    new_incident,
    post_commands,
    running_central,
)
from tests.central.test_audit import _audit
from tests.sync.test_sync_engine import Recorder, until

H = 3600.0


def _shift(**kw):
    now = time.time()
    return {"key": key(), "type": "set_shift", "shift_id": "T-1", "name": "Matutino",
            "starts_at": now - 2 * H, "ends_at": now + 6 * H, "lead": "jefe1",
            "operators": ["operadora1", "operadora2"], "units": ["P07", "P08"],
            "sectors": ["S1", "S3"], **kw}


def test_an_operator_may_not_take_another_operators_patrol_a_lead_may(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as op1, \
                client(c.api_url, "operadora2") as op2, client(c.api_url, "jefe1") as lead:
            api = c.api_url
            iid = await new_incident(op1, api)
            res = await post_commands(
                op1, api, {"key": key(), "type": "acknowledge", "incident_id": iid},
                {"key": key(), "type": "dispatch", "incident_id": iid, "unit_id": "P07"})
            assert [r["outcome"] for r in res] == ["accepted", "accepted"], res
            inc = await get_json(op1, f"{api}/api/v1/incidents/{iid}")
            assert inc["owner"] == "operadora1"

            # operadora2 tries to free P07 for her own work: refused, and said why.
            release = {"key": key(), "type": "unit_status", "unit_id": "P07",
                       "status": "available", "reason": "la necesito"}
            (r,) = await post_commands(op2, api, release)
            assert (r["outcome"], r["reason"]) == ("rejected", "forbidden"), r
            assert inc["folio"] in r["message"] and "operadora1" in r["message"], r
            assert "security event" in r["message"]
            units = {u["id"]: u for u in (await get_json(op1, f"{api}/api/v1/units"))["units"]}
            assert units["P07"]["status"] == "assigned" and units["P07"]["incident_id"] == iid

            # The refusal is audited like any other, and a security event.
            [entry] = [e for e in await _audit(api, "&actor=operadora2&action=command")
                       if e["target"].get("key") == release["key"]]
            assert (entry["outcome"], entry["detail"]["reason"]) == ("rejected", "forbidden")
            assert inc["folio"] in entry["detail"]["message"]
            async with client(api, "admin1") as s:
                events = (await get_json(s, f"{api}/api/v1/security-events"))["events"]
            assert any("operadora2 (operator)" in e["detail"] and inc["folio"] in e["detail"]
                       for e in events if e["kind"] == "command_refused"), events

            # Her own patrol's status she may change; the shift lead may release P07.
            (r,) = await post_commands(op1, api, {"key": key(), "type": "unit_status",
                                                  "unit_id": "P07", "status": "en_route"})
            assert r["outcome"] == "accepted", r
            (r,) = await post_commands(lead, api, {**release, "key": key()})
            assert r["outcome"] == "accepted", r
            units = {u["id"]: u for u in (await get_json(op1, f"{api}/api/v1/units"))["units"]}
            assert units["P07"]["status"] == "available" and units["P07"]["incident_id"] is None

    asyncio.run(main())


def test_set_shift_for_leads_on_the_feed_and_in_a_second_consoles_cache(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as op1, \
                client(c.api_url, "jefe1") as lead:
            api = c.api_url
            cache = LocalCache(tmp_path / "console2.sqlite", TEST_KEY)
            rec = Recorder()
            console2 = SyncEngine(cache, api, rec, actor="operadora2", username="operadora2",
                                  password=TEST_PASSWORD)
            console2.start()
            try:
                (r,) = await post_commands(op1, api, _shift())
                assert (r["outcome"], r["reason"]) == ("rejected", "forbidden"), r
                (r,) = await post_commands(lead, api, _shift(units=["P07", "P99"]))
                assert (r["outcome"], r["reason"]) == ("rejected", "not_found"), r
                (r,) = await post_commands(lead, api, _shift(sectors=["S9"]))
                assert (r["outcome"], r["reason"]) == ("rejected", "unknown_sector"), r
                (r,) = await post_commands(lead, api, _shift(ends_at=time.time() - 3 * H))
                assert (r["outcome"], r["reason"]) == ("rejected", "bad_period"), r
                (r,) = await post_commands(lead, api, _shift())
                assert r["outcome"] == "accepted", r
                [change] = [ch for ch in await all_changes(op1, api) if ch["entity"] == "shift"]
                assert change["data"]["operators"] == ["operadora1", "operadora2"]
                assert change["data"]["updated_by"] == "jefe1"

                # The second console gets it through its stream, durably in its cache.
                await until(lambda: any(ch.entity == "shift" for ch in rec.changes), 15)
                shifts = await console2.db(cache.load, "shift")
                assert set(shifts) == {"T-1"}
                got = shifts["T-1"]
                assert (got.name, got.lead, got.units, got.sectors) == (
                    "Matutino", "jefe1", ("P07", "P08"), ("S1", "S3"))
                assert got.covers(time.time())

                # Saved again (the lead edits it): replaced, not duplicated.
                (r,) = await post_commands(lead, api, _shift(operators=["operadora2"]))
                assert r["outcome"] == "accepted", r
                await until(lambda: sum(ch.entity == "shift" for ch in rec.changes) == 2, 15)
                shifts = await console2.db(cache.load, "shift")
                assert list(shifts) == ["T-1"] and shifts["T-1"].operators == ("operadora2",)
            finally:
                await console2.close()

    asyncio.run(main())


def test_users_lists_names_and_roles_to_leads_and_refuses_operators(tmp_path):
    async def main():
        async with running_central(tmp_path, seed=False) as c:
            api = c.api_url
            for user in ("jefe1", "supervisora1", "admin1"):
                async with client(api, user) as s:
                    body = await get_json(s, f"{api}/api/v1/users")
                assert {"name": "operadora2", "role": "operator"} in body["users"]
                assert all(set(u) == {"name", "role"} for u in body["users"])  # no hashes
            async with client(api, "operadora1") as s:
                body = await get_json(s, f"{api}/api/v1/users", status=403)
            assert "may not read the accounts" in body["error"] and "security event" in body["error"]
            reads = await _audit(api, "&action=users.read")
            [refused] = [e for e in reads if e["outcome"] == "refused"]
            assert (refused["actor"], refused["detail"]["reason"]) == ("operadora1", "forbidden")
            allowed = sorted((e["actor"], e["detail"]["count"]) for e in reads
                             if e["outcome"] == "accepted")
            assert [a for a, _ in allowed] == ["admin1", "jefe1", "supervisora1"], reads
            assert all(n >= 5 for _, n in allowed)  # every account listed, counted

    asyncio.run(main())
