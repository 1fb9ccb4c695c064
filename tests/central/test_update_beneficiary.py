"""update_beneficiary at a real central: a supervisor edits her record (the change reaches
the feed with her trusted contacts where the SMS gateway reads them); an operator is refused
``forbidden``; bad input is refused with a clear reason and changes nothing."""

from __future__ import annotations

import asyncio

from c4console.central.gateways.sms import trusted_contacts
from tests.central.helpers import all_changes, client, key, post_commands, running_central


def _update(**fields):
    return {"key": key(), "type": "update_beneficiary", "beneficiary_id": "B0042", **fields}


async def _her(session, api) -> dict:
    return [ch for ch in await all_changes(session, api)
            if ch["entity"] == "beneficiary" and ch["data"]["id"] == "B0042"][-1]["data"]


def test_supervisor_edits_operator_forbidden_bad_fields_refused(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as op, \
                client(c.api_url, "supervisora1") as sup:
            api = c.api_url
            contacts = [{"name": "Ana Ruiz", "phone": "+52 686 111 2233", "relation": "madre"}]
            (r,) = await post_commands(op, api, _update(phone="6869990000"))
            assert (r["outcome"], r["reason"]) == ("rejected", "forbidden")

            (r,) = await post_commands(sup, api, _update(
                phone="686 999 0000", order_valid_from="2026-01-01",
                order_valid_until="2026-06-30", trusted_contacts=contacts))
            assert r["outcome"] == "accepted", r
            her = await _her(sup, api)
            assert her["phone"] == "686 999 0000" and her["name"] == "María López"
            assert (her["order_valid_from"], her["order_valid_until"]) == ("2026-01-01",
                                                                             "2026-06-30")
            assert her["order_number"] == "OP-1/2026"  # fields not sent are kept
            sms_contacts, problems = trusted_contacts(her)
            assert not problems and [x.name for x in sms_contacts] == ["Ana Ruiz"]

            refusals = {
                "empty_name": _update(name="  "),
                "bad_phone": _update(phone="12-ab"),
                "bad_date": _update(order_valid_until="31/12/2026"),
                "order_dates": _update(order_valid_until="2025-12-31"),
                "bad_contact": _update(trusted_contacts=[{"name": "", "phone": "6861112233"}]),
                "bad_position": _update(home_lat=200.0, home_lon=0.0),
                "not_found": {**_update(phone="6861234567"), "beneficiary_id": "B9999"},
            }
            for reason, cmd in refusals.items():
                (r,) = await post_commands(sup, api, cmd)
                assert (r["outcome"], r["reason"]) == ("rejected", reason), (reason, r)
            (r,) = await post_commands(sup, api, _update(
                trusted_contacts=[{"name": "Luis", "phone": "no tengo", "relation": "hermano"}]))
            assert r["reason"] == "bad_phone" and "Luis" in r["message"]
            assert (await _her(sup, api))["phone"] == "686 999 0000"

    asyncio.run(main())
