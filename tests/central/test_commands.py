"""POST /api/v1/commands over real loopback HTTP: idempotency, concurrency, dispatch rules."""

from __future__ import annotations

import asyncio
import re

from tests.central.helpers import (
    IN_S3,
    all_changes,
    client,
    get_json,
    key,
    new_incident,
    post_commands,
    running_central,
)


def test_same_key_twice_is_applied_once_and_answered_duplicate(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            iid = await new_incident(s, c.api_url)
            note = {"key": key(), "type": "add_note", "incident_id": iid, "text": "llamó la vecina"}
            (first,) = await post_commands(s, c.api_url, note)
            (again,) = await post_commands(s, c.api_url, note)
            assert first["outcome"] == "accepted" and isinstance(first["seq"], int)
            assert again == {"key": note["key"], "outcome": "duplicate",
                             "original": {"outcome": "accepted", "seq": first["seq"]}}
            notes = [ch for ch in await all_changes(s, c.api_url)
                     if ch["entity"] == "event" and ch["data"]["kind"] == "note"]
            assert len(notes) == 1

            # A rejection is remembered too: resending it repeats the reason.
            bad = {"key": key(), "type": "dispatch", "incident_id": iid, "unit_id": "P07"}
            (r1,) = await post_commands(s, c.api_url, bad)
            (r2,) = await post_commands(s, c.api_url, bad)
            assert r1["outcome"] == "rejected" and r1["reason"] == "not_acknowledged"
            assert r2["outcome"] == "duplicate"
            assert r2["original"] == {"outcome": "rejected", "reason": "not_acknowledged",
                                      "message": r1["message"]}

    asyncio.run(main())


def test_two_concurrent_acknowledgements_exactly_one_accepted(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s, \
                client(c.api_url, "operadora2") as s2:
            for _ in range(5):
                iid = await new_incident(s, c.api_url)
                results = await asyncio.gather(*(
                    post_commands(session, c.api_url, {"key": key(), "type": "acknowledge",
                                                       "incident_id": iid})
                    for session in (s, s2)))
                outcomes = sorted(r[0]["outcome"] for r in results)
                assert outcomes == ["accepted", "rejected"], results
                loser = next(r[0] for r in results if r[0]["outcome"] == "rejected")
                assert loser["reason"] == "already_acknowledged"
                inc = await get_json(s, f"{c.api_url}/api/v1/incidents/{iid}")
                assert inc["status"] == "acknowledged"
                # The timeline names whoever won: the logged-in user, not a claimed name.
                events = [ch["data"] for ch in await all_changes(s, c.api_url)
                          if ch["entity"] == "event" and ch["data"]["incident_id"] == iid
                          and ch["data"]["kind"] == "acknowledged"]
                assert len(events) == 1 and events[0]["actor"] in ("operadora1", "operadora2")

    asyncio.run(main())


def test_dispatch_rules(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            api = c.api_url
            a, b = await new_incident(s, api), await new_incident(s, api)
            (r,) = await post_commands(s, api, {"key": key(), "type": "dispatch",
                                                "incident_id": a, "unit_id": "P07"})
            assert (r["outcome"], r["reason"]) == ("rejected", "not_acknowledged")
            res = await post_commands(
                s, api,
                {"key": key(), "type": "acknowledge", "incident_id": a},
                {"key": key(), "type": "dispatch", "incident_id": a, "unit_id": "P07"},
                {"key": key(), "type": "acknowledge", "incident_id": b},
                {"key": key(), "type": "dispatch", "incident_id": b, "unit_id": "P07"},
                {"key": key(), "type": "dispatch", "incident_id": a, "unit_id": "P08"},
                {"key": key(), "type": "dispatch", "incident_id": b, "unit_id": "NOPE"},
            )
            assert [x["outcome"] for x in res] == ["accepted", "accepted", "accepted", "rejected",
                                                   "rejected", "rejected"]
            assert [x.get("reason") for x in res[3:]] == ["unit_unavailable", "already_dispatched",
                                                          "not_found"]
            assert "P-07" in res[3]["message"]
            units = {u["id"]: u for u in (await get_json(s, f"{api}/api/v1/units"))["units"]}
            assert units["P07"]["status"] == "assigned" and units["P07"]["incident_id"] == a

            res = await post_commands(
                s, api,
                {"key": key(), "type": "set_status", "incident_id": a, "status": "on_scene"},
                {"key": key(), "type": "close", "incident_id": a, "status": "closed",
                 "disposition": "orden de protección notificada"},
                {"key": key(), "type": "dispatch", "incident_id": b, "unit_id": "P07"},
                {"key": key(), "type": "close", "incident_id": a, "status": "cancelled"},
            )
            assert [x["outcome"] for x in res] == ["accepted", "accepted", "accepted", "rejected"]
            assert res[3]["reason"] == "terminal"
            units = {u["id"]: u for u in (await get_json(s, f"{api}/api/v1/units"))["units"]}
            assert units["P07"]["incident_id"] == b  # freed by the close, then sent to b
            open_ids = {i["id"] for i in
                        (await get_json(s, f"{api}/api/v1/incidents?status=open"))["incidents"]}
            assert open_ids == {b}

    asyncio.run(main())


def test_create_incident_gets_folio_and_place(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            ids = [await new_incident(s, c.api_url) for _ in range(3)]
            incs = [await get_json(s, f"{c.api_url}/api/v1/incidents/{i}") for i in ids]
            folios = [i["folio"] for i in incs]
            assert all(re.fullmatch(r"C4-\d{8}-\d{5}", f) for f in folios), folios
            assert [int(f[-5:]) for f in folios] == [1, 2, 3]
            assert (incs[0]["sector"], incs[0]["cuadrante"], incs[0]["colonia"]) == \
                ("S3", "S3-2", "Pueblo Nuevo")
            assert (incs[0]["lat"], incs[0]["lon"]) == IN_S3
            (dup,) = await post_commands(s, c.api_url, {"key": key(), "type": "create_incident",
                                                        "incident_id": ids[0], "channel": "phone"})
            assert dup["reason"] == "exists"
            await get_json(s, f"{c.api_url}/api/v1/incidents/nope", status=404)

    asyncio.run(main())


def test_bad_batches_are_refused_whole_with_400(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            url = f"{c.api_url}/api/v1/commands"
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            cases = [
                b"{not json",
                b"[1, 2]",
                b'{"actor": "op", "commands": {"key": "k"}}',
                b'{"actor": 7, "commands": []}',
                b'{"commands": [{"key": "k\\u0000", "type": "acknowledge"}]}',  # NUL: not storable
                b'{"commands": [{"key": "k", "type": "add_note", "text": "\\ud800"}]}',  # lone surrogate
                b'{"commands": [{"key": "k", "type": "create_incident", "lat": 1e400}]}',
                b'{"commands": [{"key": "k", "type": "create_incident", "lat": NaN}]}',
                b'{"commands": [{"key": "k", "lat": 100000000000000000000000}]}',
                b'[' * 5000 + b']' * 5000,
                # The first command is fine, the second has no key: nothing is applied.
                b'{"actor": "op", "commands": [{"key": "k1", "type": "create_incident",'
                b' "incident_id": "x1", "channel": "phone"}, {"type": "acknowledge"}]}',
                b"\xff\xfe",
            ]
            for body in cases:
                async with s.post(url, data=body) as r:
                    answer = await r.json()
                    assert r.status == 400, (body, answer)
                    assert "no command was applied" in answer["error"]
            assert (await get_json(s, f"{c.api_url}/api/v1/health"))["head"] == head
            await get_json(s, f"{c.api_url}/api/v1/incidents/x1", status=404)
            # Unknown types and bad fields are per-command rejections, not 400s.
            res = await post_commands(s, c.api_url, {"key": key(), "type": "teleport"},
                                      {"key": key(), "type": "acknowledge", "incident_id": 7})
            assert [r["reason"] for r in res] == ["unknown_command", "bad_command"]
            async with s.get(f"{c.api_url}/api/v1/changes?since=-1") as r:
                assert r.status == 400 and "since" in (await r.json())["error"]
            async with s.get(f"{c.api_url}/api/v1/nowhere") as r:
                assert r.status == 404 and "error" in await r.json()

    asyncio.run(main())
