"""The specialist desk through the real central (issue 12), on SQLite and PostgreSQL: a
referral made by ``hand_to_specialists`` answered by a psychological intervention (12–48 h
after the episode), a legal one by a lawyer on the same case, what each role receives of
them (feed and ``GET /cases/{id}/interventions``), bad input refused with nothing saved,
and a follow-up scheduled for tomorrow in the desk's queue on its day, missed the day after.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from c4console.central.bootstrap import Account
from c4console.core.access import Role
from c4console.core.calls.records import Referral
from c4console.core.specialists.queue import desk_queue
from c4console.core.specialists.records import CONTENT_FIELDS, DeskFollowUp
from tests.central.helpers import (
    TEST_ACCOUNTS,
    TEST_PASSWORD,
    all_changes,
    client,
    get_json,
    post_commands,
    running_central,
)

ACCOUNTS = [*TEST_ACCOUNTS, Account("psicologa1", Role.PSICOLOGA, TEST_PASSWORD),
            Account("abogada1", Role.ABOGADA, TEST_PASSWORD),
            Account("especialista1", Role.ESPECIALISTA, TEST_PASSWORD)]
HER_CASE = "case-B0042"
H = 3600.0
HAPPENED = {"id", "case_id", "kind", "channel", "timing", "started_at", "ended_at",
            "duration_s", "by", "recorded_at"}


def cmd(command_type: str, **fields: Any) -> dict[str, Any]:
    return {"key": str(uuid.uuid4()), "type": command_type, **fields}


def latest(changes: list[dict[str, Any]], entity: str, rid: str) -> dict[str, Any] | None:
    found = [c for c in changes if c["entity"] == entity and c["id"] == rid]
    return found[-1] if found else None


async def accepted(session, api: str, command: dict[str, Any]) -> None:
    (res,) = await post_commands(session, api, command)
    assert res["outcome"] == "accepted", res


async def interventions(session, api: str, status: int = 200) -> Any:
    body = await get_json(session, f"{api}/api/v1/cases/{HER_CASE}/interventions", status)
    return body.get("interventions", body)


def test_referral_answered_by_psychological_and_legal_interventions(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, accounts=ACCOUNTS) as c:
            api = c.api_url
            async with client(api) as o, client(api, "supervisora1") as s, \
                    client(api, "psicologa1") as p, client(api, "abogada1") as a, \
                    client(api, "jefe1") as j, client(api, "admin1") as adm:
                # An operator's 911 incident of hers, handed to both desks.
                iid = str(uuid.uuid4())
                await accepted(o, api, cmd("take_call", incident_id=iid, type_code="30503",
                                           narrative="Golpes anoche, llama hoy",
                                           persons=[{"role": "victim", "name": "María López",
                                                     "case_id": HER_CASE}]))
                await accepted(o, api, cmd("hand_to_specialists", incident_id=iid,
                                           desks=["psicologica", "juridica"], case_id=HER_CASE,
                                           narrative="Requiere contención", referral_id="r-1"))
                now = time.time()
                psych = {"case_id": HER_CASE, "kind": "psicologica", "channel": "llamada_911",
                         "started_at": now - 1500, "ended_at": now - 60,
                         "episode_incident_id": iid, "episode_at": now - 20 * H,
                         "notes": "Refiere miedo; contención", "next_steps": "Llamar el jueves",
                         "outcome": "Estable"}

                # Bad input: refused naming the field; nothing saved.
                bad = [({**psych, "ended_at": now - 2000}, "bad_time", "ended_at"),
                       ({**psych, "started_at": now - 13 * H}, "bad_time", "12 h"),
                       ({**psych, "channel": "paloma"}, "bad_command", "channel"),
                       ({**psych, "timing": "ayer"}, "bad_command", "timing"),
                       ({**psych, "case_id": ""}, "bad_command", "case_id"),
                       ({**psych, "case_id": "case-nadie"}, "not_found", "case_id"),
                       ({**psych, "referral_id": "r-nope"}, "not_found", "referral_id"),
                       ({**psych, "started_at": "ayer"}, "bad_command", "started_at")]
                for fields, reason, names in bad:
                    (res,) = await post_commands(p, api, cmd("record_intervention", **fields))
                    assert res["outcome"] == "rejected" and res["reason"] == reason, (fields, res)
                    assert names in res["message"], res
                (res,) = await post_commands(p, api, cmd("record_intervention",
                                                         **{**psych, "kind": "quiromancia"}))
                assert res["reason"] == "bad_command" and "kind" in res["message"], res
                # A lawyer records no psychological intervention; an operator none at all.
                (res,) = await post_commands(a, api, cmd("record_intervention", **psych))
                assert res["reason"] == "forbidden" and "psicologa, especialista" in res["message"]
                (res,) = await post_commands(o, api, cmd("record_intervention", **psych))
                assert res["reason"] == "forbidden", res
                assert await interventions(p, api) == []
                assert not [ch for ch in await all_changes(s, api)
                            if ch["entity"] in ("intervention", "case_timeline")]

                # The psychologist answers the referral: 12–48 h after the episode.
                await accepted(p, api, cmd("record_intervention", intervention_id="i-psi",
                                           referral_id="r-1", **psych))
                # Handed to both desks: it waits for the lawyer's part still.
                held = latest(await all_changes(s, api), "referral", "r-1")["data"]
                assert (held["status"], held["attended_desks"]) == ("waiting", ["psicologica"])
                # The lawyer answers it, on the same case (the same episode: subsecuente).
                later = time.time()
                await accepted(a, api, cmd("record_intervention", intervention_id="i-jur",
                                           referral_id="r-1", case_id=HER_CASE, kind="juridica",
                                           channel="linea_telefonica", started_at=later,
                                           ended_at=later + 1, episode_incident_id=iid,
                                           notes="Orientación sobre orden de protección"))
                (res,) = await post_commands(p, api, cmd("record_intervention",
                                                         referral_id="r-1", **psych))
                assert res["reason"] == "referral_closed", res
                # A referral for the legal desk only is not answered by a psychologist.
                await accepted(o, api, cmd("hand_to_specialists", incident_id=iid,
                                           desks=["juridica"], case_id=HER_CASE,
                                           narrative="Dudas sobre la orden", referral_id="r-2"))
                (res,) = await post_commands(p, api, cmd("record_intervention",
                                                         referral_id="r-2", **psych))
                assert res["reason"] == "bad_command" and "juridica desk" in res["message"], res

                mine = {i["id"]: i for i in await interventions(p, api)}
                assert mine["i-psi"]["timing"] == "12_48h" and mine["i-psi"]["by"] == "psicologa1"
                assert mine["i-psi"]["notes"] == "Refiere miedo; contención"
                assert mine["i-psi"]["referral_id"] == "r-1"
                assert mine["i-jur"]["timing"] == "subsecuente"
                assert mine["i-psi"]["duration_s"] == 1440
                sup = await all_changes(s, api)
                assert latest(sup, "referral", "r-1")["data"]["status"] == "attended"
                # (Her psychological notes' own entry reaches the supervisor as a delete.)
                entries = [ch["data"] for ch in sup if ch["entity"] == "case_timeline"
                           and ch["op"] == "upsert"]
                assert [(e["kind"], e["group"], e["text"], e["data"]["intervention_id"],
                         e["data"]["timing"]) for e in entries] == [
                    ("intervention", "interventions", "", "i-psi", "12_48h"),
                    ("intervention", "interventions", "", "i-jur", "subsecuente")]
                assert not any(set(CONTENT_FIELDS) & set(e["data"]) for e in entries)

                # The lawyer and the supervisor: legal content yes, psychological no.
                for who in (a, s):
                    seen = {i["id"]: i for i in await interventions(who, api)}
                    assert seen["i-jur"]["notes"] == "Orientación sobre orden de protección"
                    assert not set(CONTENT_FIELDS) & set(seen["i-psi"])
                # The operator and the shift lead, with her incident open: that both happened.
                for who in (o, j):
                    seen = await interventions(who, api)
                    assert sorted(i["id"] for i in seen) == ["i-jur", "i-psi"]
                    assert all(set(i) == HAPPENED for i in seen), seen
                    feed = await all_changes(who, api)
                    held = latest(feed, "intervention", "i-psi")
                    assert held["op"] == "upsert" and "notes" not in held["data"]
                    assert not [ch for ch in feed if ch["entity"] == "case_timeline"
                                and ch["op"] == "upsert"]
                # The admin: nothing (the read is refused, the feed withholds them).
                await interventions(adm, api, 403)
                assert all(ch["op"] == "delete" for ch in await all_changes(adm, api)
                           if ch["entity"] == "intervention")

                # Her incident closes: the operator's console drops what it held.
                await accepted(o, api, cmd("acknowledge", incident_id=iid))
                await accepted(o, api, cmd("close", incident_id=iid, disposition="atendido"))
                assert await interventions(o, api) == []
                feed = await all_changes(o, api)
                assert latest(feed, "intervention", "i-psi")["op"] == "delete"
                assert latest(feed, "intervention", "i-jur")["op"] == "delete"
            async with client(api, "admin1") as adm:
                rows = (await get_json(adm, f"{api}/api/v1/audit?action=interventions.read&limit=500"
                                       ))["entries"]
                seen = {(r["actor"], r["outcome"]) for r in rows}
                assert {("psicologa1", "accepted"), ("operadora1", "accepted"),
                        ("admin1", "refused")} <= seen, seen
                psi = next(r for r in rows if r["actor"] == "psicologa1" and r["detail"].get("count"))
                assert psi["action"] == "interventions.read" and psi["detail"]["count"] == 2
    asyncio.run(main())


def test_follow_up_shows_on_its_day_and_is_missed_the_day_after(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, accounts=ACCOUNTS) as c:
            api = c.api_url
            async with client(api, "psicologa1") as p, client(api) as o:
                now = time.time()
                tomorrow = now + 24 * H
                for fields, reason in (({"due_at": now - 2 * H}, "bad_time"),
                                       ({"channel": "telepatia"}, "bad_command"),
                                       ({"case_id": "case-nadie"}, "not_found")):
                    (res,) = await post_commands(p, api, cmd("schedule_follow_up", **{
                        "case_id": HER_CASE, "due_at": tomorrow, "channel": "whatsapp",
                        "follow_up_id": "f-x", **fields}))
                    assert res["reason"] == reason, res
                (res,) = await post_commands(o, api, cmd("schedule_follow_up", case_id=HER_CASE,
                                                         due_at=tomorrow, channel="whatsapp"))
                assert res["reason"] == "forbidden", res
                await accepted(p, api, cmd("schedule_follow_up", follow_up_id="f-1",
                                           case_id=HER_CASE, due_at=tomorrow, channel="whatsapp",
                                           note="Confirmar que llegó al DIF"))
                await accepted(p, api, cmd("schedule_follow_up", follow_up_id="f-2",
                                           case_id=HER_CASE, due_at=tomorrow, channel="videollamada"))
                await accepted(p, api, cmd("cancel_follow_up", follow_up_id="f-2"))
                (res,) = await post_commands(p, api, cmd("cancel_follow_up", follow_up_id="f-2"))
                assert res["reason"] == "follow_up_closed", res

                feed = await all_changes(p, api)
                follow_ups = [DeskFollowUp.from_wire(ch["data"]) for ch in feed
                              if ch["entity"] == "desk_follow_up" and ch["op"] == "upsert"]
                last = {f.id: f for f in follow_ups}
                referrals = [Referral.from_wire(ch["data"]) for ch in feed
                             if ch["entity"] == "referral" and ch["op"] == "upsert"]
                tz = ZoneInfo("America/Tijuana")

                def queue(at):
                    return [(r.record.id, r.missed) for r in desk_queue(
                        referrals, last.values(), lambda cid: 0, at, tz) if r.kind == "follow_up"]

                assert queue(now) == []
                assert queue(tomorrow) == [("f-1", False)]
                assert queue(tomorrow + 24 * H) == [("f-1", True)]
                # The follow-up call is made: an intervention fulfilling it (seguimiento).
                t = time.time()
                await accepted(p, api, cmd("record_intervention", intervention_id="i-seg",
                                           follow_up_id="f-1", case_id=HER_CASE,
                                           kind="psicologica", channel="whatsapp",
                                           started_at=t - 600, ended_at=t))
                (res,) = await post_commands(p, api, cmd(
                    "record_intervention", follow_up_id="f-1", case_id=HER_CASE,
                    kind="psicologica", channel="whatsapp", started_at=t - 60, ended_at=t))
                assert res["reason"] == "follow_up_closed", res
                feed = await all_changes(p, api)
                done = latest(feed, "desk_follow_up", "f-1")["data"]
                assert (done["status"], done["done_by_intervention"]) == ("done", "i-seg")
                assert latest(feed, "intervention", "i-seg")["data"]["timing"] == "seguimiento"
                last["f-1"] = DeskFollowUp.from_wire(done)
                assert queue(tomorrow) == []
                assert not [ch for ch in await all_changes(o, api)
                            if ch["entity"] == "desk_follow_up" and ch["op"] == "upsert"]
    asyncio.run(main())
