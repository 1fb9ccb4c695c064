"""911 call intake through the real central (issue 11), on SQLite and PostgreSQL: the screen
pop a PBX posts (``POST /api/v1/calls``) with every bad input refused with its reason, its
idempotence by call id, the call record on the feed with her history for the number
(need-to-know: operators hold it while the call or its incident is open), and the
call-taker's commands — take_call, link_call, reclassify_incident, hand_to_specialists.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import aiohttp

from c4console.central.bootstrap import Account
from c4console.core.access import Role
from c4console.core.places.data import Places
from c4console.core.places.search import PlaceIndex
from c4console.resources import DEFAULT_JURISDICTION, read_place_files
from tests.central.helpers import (
    IN_S3,
    TEST_ACCOUNTS,
    TEST_PASSWORD,
    all_changes,
    client,
    get_json,
    post_commands,
    running_central,
)

PBX = "pbx"
ACCOUNTS = [*TEST_ACCOUNTS, Account(PBX, Role.TELEPHONY, TEST_PASSWORD)]
HER_PHONE = "+52 686 123 4567"  # B0042's registry phone, as a carrier formats it
HER_CASE = "case-B0042"


def cmd(kind: str, **fields: Any) -> dict[str, Any]:
    return {"key": str(uuid.uuid4()), "type": kind, **fields}


def pop(call_id: str | None = None, **fields: Any) -> dict[str, Any]:
    body = {"call_id": call_id or f"1733400000.{uuid.uuid4().int % 10**6}",
            "number": "6869990001", "answered_at": time.time() - 2}
    body.update(fields)
    return body


async def post_pop(session: aiohttp.ClientSession, api: str, body: Any, status: int
                   ) -> dict[str, Any]:
    async with session.post(f"{api}/api/v1/calls", json=body) as r:
        answer = await r.json()
        assert r.status == status, answer
        return answer


def latest(changes: list[dict[str, Any]], entity: str, rid: str) -> dict[str, Any] | None:
    found = [c for c in changes if c["entity"] == entity and c["id"] == rid]
    return found[-1] if found else None


def test_screen_pop_refuses_bad_input_with_reasons(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, accounts=ACCOUNTS) as c:
            api = c.api_url
            async with aiohttp.ClientSession() as anon, anon.post(f"{api}/api/v1/calls",
                                                                  json=pop()) as r:
                assert r.status == 401 and "Bearer" in (await r.json())["error"]
            async with aiohttp.ClientSession(headers={"Authorization": "Bearer nope"}) as bad, \
                    bad.post(f"{api}/api/v1/calls", json=pop()) as r:
                assert r.status == 401
            async with client(api) as o:  # an operator is not the telephone system
                answer = await post_pop(o, api, pop(), 403)
                assert answer["reason"] == "forbidden" and "security event" in answer["error"]
            async with client(api, PBX) as pbx:
                cases = [
                    (pop(number="686-ABC-1234"), "bad_number"),
                    (pop(number="12"), "bad_number"),
                    (pop(number="+52 686 123 4567 8901 2345"), "bad_number"),
                    (pop(number=6861234567), "bad_number"),
                    (pop(location={"lat": 32.62, "lon": -115.45, "radius_m": -5}), "bad_location"),
                    (pop(location={"lat": 32.62, "lon": -115.45, "radius_m": 0}), "bad_location"),
                    (pop(location={"lat": 32.62, "lon": -115.45, "radius_m": 5e6}), "bad_location"),
                    (pop(location={"lat": 91, "lon": -115.45, "radius_m": 50}), "bad_location"),
                    (pop(location={"lat": 32.62, "lon": -181, "radius_m": 50}), "bad_location"),
                    (pop(location={"lat": 0, "lon": 0, "radius_m": 50}), "bad_location"),
                    (pop(location={"lat": 32.62, "lon": -115.45}), "bad_location"),
                    (pop(location={"lat": 32.62, "lon": -115.45, "radius_m": 50,
                                   "source": "psychic"}), "bad_location"),
                    (pop(answered_at=time.time() + 3600), "bad_time"),
                    (pop(answered_at=time.time() - 3 * 86400), "bad_time"),
                    (pop(answered_at="ayer"), "bad_time"),
                    (pop(answered_at="2026-03-01T10:15:00"), "bad_time"),
                    (pop(caller_name="x" * 201), "too_long"),
                    (pop(agent="a" * 65), "too_long"),
                    (pop(call_id="x" * 65), "bad_call_id"),
                    (pop(call_id="../etc"), "bad_call_id"),
                    (pop(lattitude=32.6), "unknown_field"),
                    ([1, 2], "bad_body"),
                ]
                for body, reason in cases:
                    answer = await post_pop(pbx, api, body, 400)
                    assert answer["reason"] == reason, (body, answer)
                    assert "nothing was recorded" in answer["error"]
                async with pbx.post(f"{api}/api/v1/calls", data=b"{not json",
                                    headers={"Content-Type": "application/json"}) as r:
                    assert r.status == 400 and (await r.json())["reason"] == "bad_body"
                # The service account reads no feed.
                async with pbx.get(f"{api}/api/v1/changes") as r:
                    assert r.status == 403
                (res,) = await post_commands(pbx, api, cmd("take_call", incident_id="i",
                                                           type_code="30503"))
                assert res["outcome"] == "rejected" and res["reason"] == "forbidden"
            async with client(api, "supervisora1") as s:
                changes = await all_changes(s, api)
                assert not [ch for ch in changes if ch["entity"] == "call"]
    asyncio.run(main())


def test_screen_pop_is_idempotent_and_brings_her_history(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, accounts=ACCOUNTS) as c:
            api = c.api_url
            call_id = "1733400000.42"
            answered = datetime.fromtimestamp(time.time() - 3, timezone(timedelta(hours=-8)))
            body = pop(call_id, number=HER_PHONE, answered_at=answered.isoformat(),
                       location={"lat": IN_S3[0], "lon": IN_S3[1], "radius_m": 30,
                                 "source": "device"}, agent="operadora1", dialed="911")
            async with client(api, PBX) as pbx:
                first = await post_pop(pbx, api, body, 201)
                again = await post_pop(pbx, api, {**body, "number": "6860000000"}, 200)
            assert first["created"] is True and again["created"] is False
            assert again["call"] == first["call"]  # the stored record, not the second body
            call = first["call"]
            assert call["id"] == call_id and call["number"] == HER_PHONE
            assert (call["sector"], call["cuadrante"], call["status"]) == ("S3", "S3-2", "open")
            assert call["outside_jurisdiction"] is False and "history" not in call
            async with client(api) as o:
                changes = await all_changes(o, api)
                calls = [ch for ch in changes if ch["entity"] == "call"]
                assert len(calls) == 1  # two screen pops, one call
                seen = calls[0]["data"]
                # Her history for the number: her case suggested (the number is hers).
                assert seen["history"]["suggestions"][0]["case_id"] == HER_CASE
                assert "number" in seen["history"]["suggestions"][0]["reasons"]
                read = await get_json(o, f"{api}/api/v1/calls/{call_id}")
                assert read["number"] == HER_PHONE and read["history"] is not None
                await get_json(o, f"{api}/api/v1/calls/nope", status=404)
    asyncio.run(main())


def test_take_link_reclassify_and_hand_over(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, accounts=ACCOUNTS) as c:
            api = c.api_url
            async with client(api, PBX) as pbx:
                await post_pop(pbx, api, pop("c-1", location={"lat": IN_S3[0], "lon": IN_S3[1],
                                                               "radius_m": 20}), 201)
            async with client(api) as o, client(api, "supervisora1") as s:
                iid = str(uuid.uuid4())
                base = {"call_id": "c-1", "incident_id": iid, "type_code": "30503",
                        "narrative": "Vecina escucha gritos", "address": "Uxmal 1234",
                        "lat": IN_S3[0], "lon": IN_S3[1]}
                bad = [({**base, "type_code": "99999"}, "unknown_type"),
                       ({**base, "narrative": "x" * 10_001}, "too_long"),
                       ({**base, "priority": "BAJA"}, "reason_required"),
                       ({**base, "call_id": "no-such-call"}, "not_found"),
                       ({**base, "channel": "carrier_pigeon"}, "bad_command"),
                       ({**base, "callback_number": "abc"}, "bad_number"),
                       ({**base, "persons": [{"role": "victim", "name": "M", "case_id": "x"}]},
                        "not_found"),
                       ({**base, "persons": [{"role": "vecina", "name": "M"}]}, "bad_command")]
                for fields, reason in bad:
                    (res,) = await post_commands(o, api, cmd("take_call", **fields))
                    assert res["outcome"] == "rejected" and res["reason"] == reason, (fields, res)
                (res,) = await post_commands(o, api, cmd(
                    "take_call", **base, priority="ALTA", weapons=["arma blanca"],
                    children_present=True, caller_name="Vecina",
                    persons=[{"role": "victim", "name": "María López", "case_id": HER_CASE},
                             {"role": "aggressor", "name": "J. P."}]))
                assert res["outcome"] == "accepted", res
                inc = await get_json(o, f"{api}/api/v1/incidents/{iid}")
                assert (inc["channel"], inc["type_code"], inc["priority"]) == ("call_911", "30503", "ALTA")
                assert inc["call_id"] == "c-1" and inc["caller"] == "6869990001"
                assert inc["weapons"] == ["arma blanca"] and inc["children_present"] is True
                assert (inc["sector"], inc["cuadrante"]) == ("S3", "S3-2") and not inc["transfer"]
                (res,) = await post_commands(o, api, cmd("take_call", **{**base, "incident_id": "x2"}))
                assert res["reason"] == "call_closed", res

                # A second call from the same block within minutes: its record lists the
                # first incident as a possible duplicate; the operator links it.
                async with client(api, PBX) as pbx:
                    await post_pop(pbx, api, pop("c-2", number="6867770000", location={
                        "lat": IN_S3[0] + 0.0005, "lon": IN_S3[1], "radius_m": 15}), 201)
                changes = await all_changes(o, api)
                second = latest(changes, "call", "c-2")["data"]
                assert [d["incident_id"] for d in second["history"]["possible_duplicates"]] == [iid]
                (res,) = await post_commands(o, api, cmd("link_call", call_id="c-2", incident_id=iid,
                                                         narrative="Otra vecina, mismo domicilio"))
                assert res["outcome"] == "accepted", res
                (res,) = await post_commands(o, api, cmd("link_call", incident_id=iid))
                assert res["reason"] == "bad_command"  # no call and no narrative

                (res,) = await post_commands(o, api, cmd("reclassify_incident", incident_id=iid,
                                                         type_code="30502"))
                assert res["reason"] == "reason_required", res
                (res,) = await post_commands(o, api, cmd("reclassify_incident", incident_id=iid,
                                                         type_code="30502",
                                                         reason="Es su pareja"))
                assert res["outcome"] == "accepted", res
                (res,) = await post_commands(o, api, cmd("hand_to_specialists", incident_id=iid,
                                                         desks=["psicologica", "juridica"],
                                                         narrative="Requiere contención",
                                                         referral_id="r-1", patrol=True))
                assert res["outcome"] == "accepted", res
                (res,) = await post_commands(o, api, cmd("hand_to_specialists", incident_id=iid,
                                                         desks=["astrologica"]))
                assert res["reason"] == "bad_command"

                changes = await all_changes(o, api)
                kinds = [(ch["data"]["kind"], ch["data"]["text"]) for ch in changes
                         if ch["entity"] == "event" and ch["data"]["incident_id"] == iid]
                assert ("call_taken", "Vecina escucha gritos") in kinds
                assert ("call_linked", "Otra vecina, mismo domicilio") in kinds
                assert ("reclassified", "Es su pareja") in kinds
                assert ("handed_to_specialists", "Requiere contención") in kinds
                taken = next(ch["data"] for ch in changes if ch["entity"] == "event"
                             and ch["data"]["kind"] == "call_taken")
                assert taken["data"]["persons"][0]["case_id"] == HER_CASE
                assert latest(changes, "call", "c-1")["data"]["status"] == "taken"
                assert latest(changes, "call", "c-2")["data"]["status"] == "linked"
                # The referral is the desk's: the operator holds none of it.
                assert latest(changes, "referral", "r-1")["op"] == "delete"
                await get_json(o, f"{api}/api/v1/referrals", status=403)
                queue = (await get_json(s, f"{api}/api/v1/referrals"))["referrals"]
                assert [(r["id"], r["desks"], r["case_id"], r["narrative"], r["handed_by"])
                        for r in queue] == [("r-1", ["psicologica", "juridica"], None,
                                             "Requiere contención", "operadora1")]
                sup = await all_changes(s, api)
                assert latest(sup, "referral", "r-1")["data"]["patrol"] is True
                # Her case now holds the incident (the victim's case link).
                case = await get_json(s, f"{api}/api/v1/cases/{HER_CASE}?purpose=case_work")
                assert iid in case["incident_ids"]

                # Closing the incident takes its calls out of the operator's hands.
                for kind, extra in (("acknowledge", {}), ("close", {"disposition": "atendido"})):
                    (res,) = await post_commands(o, api, cmd(kind, incident_id=iid, **extra))
                    assert res["outcome"] == "accepted", res
                changes = await all_changes(o, api)
                assert latest(changes, "call", "c-1")["op"] == "delete"
                assert latest(changes, "call", "c-2")["op"] == "delete"
                await get_json(o, f"{api}/api/v1/calls/c-1", status=403)
    asyncio.run(main())


def test_walk_in_and_a_location_outside_the_jurisdiction(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, accounts=ACCOUNTS) as c:
            api = c.api_url
            far = {"lat": 32.50, "lon": -116.90, "radius_m": 800}  # Tijuana: not this C4's
            async with client(api, PBX) as pbx:
                answer = await post_pop(pbx, api, pop("c-far", location=far), 201)
                assert answer["call"]["outside_jurisdiction"] is True
                assert answer["call"]["sector"] == ""
            async with client(api) as o:
                iid = str(uuid.uuid4())
                (res,) = await post_commands(o, api, cmd("take_call", call_id="c-far",
                                                         incident_id=iid, type_code="31002"))
                assert res["outcome"] == "accepted", res
                inc = await get_json(o, f"{api}/api/v1/incidents/{iid}")
                assert inc["transfer"] is True and inc["priority"] == "MEDIA"
                assert (inc["lat"], inc["lon"]) == (far["lat"], far["lon"])  # the carrier's
                walk_in = str(uuid.uuid4())
                (res,) = await post_commands(o, api, cmd("take_call", incident_id=walk_in,
                                                         channel="walk_in", type_code="30903",
                                                         narrative="Acude a la estación"))
                assert res["outcome"] == "accepted", res
                inc = await get_json(o, f"{api}/api/v1/incidents/{walk_in}")
                assert inc["channel"] == "walk_in" and inc["call_id"] is None
                changes = await all_changes(o, api)
                assert any(ch["entity"] == "event" and ch["data"]["kind"] == "transfer_needed"
                           for ch in changes)
    asyncio.run(main())


def test_places_are_served_with_an_etag_and_parse_as_shipped(tmp_path, db_url):
    async def main():
        files = read_place_files(DEFAULT_JURISDICTION.parent)
        async with running_central(tmp_path, db_url, places=files) as c:
            api = c.api_url
            async with aiohttp.ClientSession() as anon, anon.get(f"{api}/api/v1/places") as r:
                assert r.status == 401
            async with client(api) as o:
                async with o.get(f"{api}/api/v1/places") as r:
                    assert r.status == 200
                    etag, body = r.headers["ETag"], await r.json()
                assert body["format"] == "c4-places/1"
                served = PlaceIndex(Places.parse(body["files"]))
                assert served.search("Uxmal y Palenque")[0].kind == "crossing"
                async with o.get(f"{api}/api/v1/places", headers={"If-None-Match": etag}) as r:
                    assert r.status == 304 and r.headers["ETag"] == etag
        async with running_central(tmp_path / "none", db_url) as c, client(c.api_url) as o:
            answer = await get_json(o, f"{c.api_url}/api/v1/places", status=404)
            assert "streets.csv" in answer["error"]
    asyncio.run(main())
