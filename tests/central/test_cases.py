"""The woman's case at the central, end to end on SQLite and PostgreSQL (issue 10's "done
when" at the central): her history reaches the operator in the same batch as her new
alarm (both prior incidents, her order in force, her risk level, the aggressor; no phone),
her risk raises its priority, a supervisor's reassessment reaches the operator handling
her incident, the operator's cache file holds no case of a woman without an open
incident, and bad case input is refused with reasons, nothing half-saved.
"""

from __future__ import annotations

import asyncio
import uuid

import aiohttp

from c4console.store.cache import LocalCache
from tests.cache_files import TEST_KEY
from tests.central.helpers import (
    IN_S3,
    PANIC_DEVICE,
    client,
    get_json,
    post_commands,
    running_central,
)
from tests.central.test_need_to_know_feed import Quiet, cached, engine, file_bytes, until

HER, HER_CASE, HER_PHONE = "B0042", "case-B0042", "6861234567"
OTHER_NAME, OTHER_PHONE = "Rosa Díaz Ontiveros", "6869998877"


def cmd(kind: str, **fields) -> dict:
    return {"key": str(uuid.uuid4()), "type": kind, **fields}


async def alarm(osmand: str, at: int) -> None:
    async with aiohttp.ClientSession() as dev, dev.get(
            f"{osmand}/", params={"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1],
                                  "timestamp": at, "alarm": "sos"}) as r:
        assert r.status == 200


async def open_incident_of_hers(o, api: str) -> dict:
    for _ in range(200):
        found = (await get_json(o, f"{api}/api/v1/incidents?status=open"))["incidents"]
        if found:
            return found[0]
        await asyncio.sleep(0.02)
    raise AssertionError("her alarm opened no incident")


def test_her_history_risk_and_need_to_know_reach_the_operator(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c:
            api = c.api_url
            async with client(api, "supervisora1") as s, client(api) as o:
                # The registry: her order in force, and a second woman imported (her case too).
                (res,) = await post_commands(s, api, cmd("update_beneficiary", beneficiary_id=HER,
                                                         order_valid_from="2020-01-01",
                                                         order_valid_until="2099-12-31"))
                assert res["outcome"] == "accepted", res
                async with s.post(f"{api}/api/v1/devices/import", data=(
                        f"device_id,name,phone\n861234560000099,{OTHER_NAME},{OTHER_PHONE}\n"
                ).encode(), headers={"Content-Type": "text/csv"}) as r:
                    assert r.status == 200, await r.text()
                mine = await get_json(s, f"{api}/api/v1/cases/{HER_CASE}?purpose=case_work")
                assert mine["orders"][0]["valid_until"] == "2099-12-31"
                assert mine["device_ids"] == [PANIC_DEVICE] and HER_PHONE in mine["phones"]

                # Two prior incidents, both closed.
                for n in range(2):
                    await alarm(c.osmand_url, 1_700_000_000 + n)
                    inc = await open_incident_of_hers(o, api)
                    for kind, extra in (("acknowledge", {}), ("close", {
                            "status": "closed", "disposition": f"atendido {n}"})):
                        (res,) = await post_commands(o, api, cmd(kind, incident_id=inc["id"], **extra))
                        assert res["outcome"] == "accepted", res
                # A supervisor assesses her risk: strangulation alone is at least alto.
                (res,) = await post_commands(s, api, cmd("assess_risk", case_id=HER_CASE,
                                                         answers={"estrangulamiento": True}))
                assert res["outcome"] == "accepted", res

                # The operator's console, synced: no case of anyone (no incident open).
                op_path = tmp_path / "op" / "cache.sqlite"
                op_cache = LocalCache(op_path, TEST_KEY)
                op = engine(op_cache, api, "operadora1", Quiet())
                op.start()
                try:
                    head = (await get_json(s, f"{api}/api/v1/health"))["head"]
                    await until(lambda: op_cache.cursor() >= head)
                    assert cached(op_path, "case") == {} and cached(op_path, "history") == {}
                    assert OTHER_NAME.encode() not in file_bytes(op_path)

                    # Her third alarm: the incident is ALTA, and its history comes with it.
                    await alarm(c.osmand_url, 1_700_000_100)
                    inc = await open_incident_of_hers(o, api)
                    assert inc["priority"] == "ALTA"
                    await until(lambda: inc["id"] in cached(op_path, "history"))
                    page = (await get_json(o, f"{api}/api/v1/changes?since={head}"))["changes"]
                    seqs = {(ch["entity"], ch["id"]): ch["seq"] for ch in page}
                    assert seqs[("history", inc["id"])] == seqs[("incident", inc["id"])] + 1
                    history = op_cache.load("history")[inc["id"]]
                    assert history.prior_total == 2 and len(history.prior) == 2
                    assert all("same_case" in p["reasons"] for p in history.prior)
                    assert {p["disposition"] for p in history.prior} == {"atendido 0", "atendido 1"}
                    assert [o_["number"] for o_ in history.orders] == ["OP-1/2026"]
                    assert history.risk_level == "alto" and history.aggressor_names == ("J. P.",)
                    await until(lambda: HER_CASE in cached(op_path, "case"))
                    held = op_cache.load("case")[HER_CASE]
                    assert held.person.name == "María López" and held.risk_level.value == "alto"
                    assert held.phones == () and HER_PHONE not in cached(op_path, "case")[HER_CASE]
                    assert HER_PHONE not in cached(op_path, "history")[inc["id"]]
                    assert OTHER_NAME.encode() not in file_bytes(op_path)  # not her: no incident
                    got = await get_json(o, f"{api}/api/v1/incidents/{inc['id']}/history")
                    assert got["risk_level"] == "alto" and got["prior_total"] == 2

                    # The supervisor raises her level: the operator handling her incident sees it.
                    (res,) = await post_commands(s, api, cmd(
                        "assess_risk", case_id=HER_CASE,
                        answers={"amenaza_muerte": True, "acceso_armas": True}))
                    assert res["outcome"] == "accepted", res
                    await until(lambda: op_cache.load("case")[HER_CASE].risk_level.value == "extremo")

                    # Read with a purpose, audited; an operator only on her open incident.
                    seen = await get_json(o, f"{api}/api/v1/cases/{HER_CASE}?purpose=dispatch"
                                             f"&incident_id={inc['id']}")
                    assert seen["risk_level"] == "extremo" and "phones" not in seen
                    await get_json(o, f"{api}/api/v1/cases/{HER_CASE}?purpose=dispatch", status=403)
                    await get_json(o, f"{api}/api/v1/cases/{HER_CASE}", status=400)

                    # Closed: her case and the history leave the operator's file.
                    for kind, extra in (("acknowledge", {}), ("close", {
                            "status": "closed", "disposition": "atendido"})):
                        (res,) = await post_commands(o, api, cmd(kind, incident_id=inc["id"], **extra))
                        assert res["outcome"] == "accepted", res
                    await until(lambda: cached(op_path, "case") == {}
                                and cached(op_path, "history") == {})
                    # ... and from its bytes once the withdrawal's checkpoint ran (right after
                    # the commit the rows are gone but the log may still hold their pages).
                    await until(lambda: b"J. P." not in file_bytes(op_path))
                finally:
                    await op.close()
                    op_cache.close()
                async with client(api, "admin1") as a:
                    audit = await get_json(a, f"{api}/api/v1/audit?action=case.read")
                assert {(e["actor"], e["outcome"]) for e in audit["entries"]} >= {
                    ("operadora1", "accepted"), ("operadora1", "refused"),
                    ("supervisora1", "accepted")}
                assert any(e["detail"].get("purpose") == "dispatch"
                           and e["target"].get("incident_id") == inc["id"] for e in audit["entries"])

    asyncio.run(main())


def test_bad_case_input_is_refused_with_reasons_and_nothing_half_saved(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c:
            api = c.api_url
            async with client(api, "supervisora1") as s, client(api) as o:
                before = await get_json(s, f"{api}/api/v1/cases/{HER_CASE}?purpose=case_work")
                refused = {
                    "future_birth_date": cmd("update_case", case_id=HER_CASE, phones=["6860000001"],
                                             person={"name": "María López",
                                                     "date_of_birth": "2999-01-01"}),
                    "order_ends_before_start": cmd("update_case", case_id=HER_CASE, orders=[{
                        "number": "OP-9", "authority": "J", "valid_from": "2026-05-01",
                        "valid_until": "2026-04-01"}]),
                    "unknown_relationship": cmd("update_case", case_id=HER_CASE, aggressors=[{
                        "id": "A1", "name": "X", "relationship": "vecino_raro"}]),
                    "unknown_violence_type": cmd("record_episode", case_id=HER_CASE,
                                                 incident_id="nope", types=["fisica"]),
                    "unknown_risk_item": cmd("assess_risk", case_id=HER_CASE, answers={"x": True}),
                    "duplicate_case": cmd("open_case", person={"name": "M. López"},
                                          phones=[f"+52 {HER_PHONE}"]),
                    "incident_not_found": cmd("link_incident", case_id=HER_CASE, incident_id="nope"),
                    "not_found": cmd("assess_risk", case_id="case-nobody", answers={"x": True}),
                }
                refused["incident_not_found_episode"] = refused.pop("unknown_violence_type")
                results = await post_commands(s, api, *refused.values())
                got = {name: (r["outcome"], r.get("reason")) for name, r in zip(refused, results,
                                                                                 strict=True)}
                for name, (outcome, reason) in got.items():
                    assert outcome == "rejected" and reason == name.removesuffix("_episode"), got
                dup = results[list(refused).index("duplicate_case")]
                assert HER_CASE in dup["message"]  # the candidate to merge with
                after = await get_json(s, f"{api}/api/v1/cases/{HER_CASE}?purpose=case_work")
                assert after == before  # nothing half-saved

                # Roles: an operator neither edits a case nor opens one outside an incident.
                results = await post_commands(o, api, cmd("update_case", case_id=HER_CASE,
                                                          phones=["6860000001"]),
                                              cmd("open_case", person={"name": "Ana"}))
                assert [r["reason"] for r in results] == ["forbidden", "forbidden"]

                # A good edit and a case opened from an incident ("abrir expediente").
                (res,) = await post_commands(s, api, cmd("update_case", case_id=HER_CASE, aggressors=[
                    {"id": "registry", "name": "J. P.", "relationship": "expareja",
                     "weapon_access": True}]))
                assert res["outcome"] == "accepted", res
                (res,) = await post_commands(o, api, cmd(
                    "create_incident", incident_id="I-wa-1", channel="call_911",
                    caller="+52 686 555 1234", lat=IN_S3[0], lon=IN_S3[1]))
                assert res["outcome"] == "accepted", res
                (res,) = await post_commands(o, api, cmd("open_case", case_id="C-ana",
                                                         incident_id="I-wa-1",
                                                         person={"name": "Ana Ruiz"}))
                assert res["outcome"] == "accepted", res
                ana = await get_json(s, f"{api}/api/v1/cases/C-ana?purpose=case_work")
                assert ana["incident_ids"] == ["I-wa-1"] and ana["phones"] == ["+52 686 555 1234"]
                # The incident's history now names her case (a console finds it after a
                # restart), and the operator handling it holds the case with its incidents.
                history = await get_json(o, f"{api}/api/v1/incidents/I-wa-1/history")
                assert history["case_id"] == "C-ana", history
                mine = await get_json(o, f"{api}/api/v1/cases/C-ana?purpose=dispatch"
                                         f"&incident_id=I-wa-1")
                assert mine["prior_incidents"] == ["I-wa-1"] and "phones" not in mine

    asyncio.run(main())
