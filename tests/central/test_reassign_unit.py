"""reassign_unit at a real central: a shift lead moves an idle patrol to another sector
(the unit change reaches the feed); an operator is refused ``forbidden``; a busy unit
``unit_busy``; a sector outside the jurisdiction ``unknown_sector``."""

from __future__ import annotations

import asyncio

from tests.central.helpers import (
    all_changes,
    client,
    get_json,
    key,
    new_incident,
    post_commands,
    running_central,
)


def _move(unit_id: str, sector: str, **kw):
    return {"key": key(), "type": "reassign_unit", "unit_id": unit_id, "sector": sector, **kw}


def test_shift_lead_reassigns_operator_forbidden_busy_unit_refused(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as op, \
                client(c.api_url, "jefe1") as lead:
            api = c.api_url
            (r,) = await post_commands(op, api, _move("P08", "S3"))
            assert (r["outcome"], r["reason"]) == ("rejected", "forbidden")

            (r,) = await post_commands(lead, api, _move("P08", "S3", reason="refuerzo"))
            assert r["outcome"] == "accepted", r
            units = {u["id"]: u for u in (await get_json(lead, f"{api}/api/v1/units"))["units"]}
            assert units["P08"]["sector"] == "S3" and units["P08"]["status"] == "available"
            moved = [ch for ch in await all_changes(op, api)
                     if ch["entity"] == "unit" and ch["data"]["id"] == "P08"]
            assert moved[-1]["data"]["sector"] == "S3"

            (r,) = await post_commands(lead, api, _move("P08", "S9"))
            assert (r["outcome"], r["reason"]) == ("rejected", "unknown_sector")
            (r,) = await post_commands(lead, api, _move("P08", "S3"))
            assert (r["outcome"], r["reason"]) == ("rejected", "no_change")

            iid = await new_incident(op, api)
            res = await post_commands(
                op, api, {"key": key(), "type": "acknowledge", "incident_id": iid},
                {"key": key(), "type": "dispatch", "incident_id": iid, "unit_id": "P07"})
            assert [x["outcome"] for x in res] == ["accepted", "accepted"]
            (r,) = await post_commands(lead, api, _move("P07", "S1"))
            assert (r["outcome"], r["reason"]) == ("rejected", "unit_busy")
            units = {u["id"]: u for u in (await get_json(lead, f"{api}/api/v1/units"))["units"]}
            assert units["P07"]["sector"] == "S3"

    asyncio.run(main())
