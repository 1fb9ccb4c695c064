"""Coordination meetings (mesas) through the real central, on SQLite and PostgreSQL (issue 15):
a supervisor convenes the DIF and the Fiscalía around a high-risk case shared with the DIF
only; the DIF liaison's console (a real sync engine) receives the DIF's tasks and the meeting
(the Fiscalía's console: its own task and the case's reference only); the DIF liaison marks
her task done and the C4 sees it on the case timeline; a task past its due date is flagged
overdue; the chair signs the minutes (pdftotext reads the agreements and the signature);
the next meeting's agenda holds exactly the high-risk case, its new incident, the overdue
task and the order about to end. Every bad input is refused."""

from __future__ import annotations

import asyncio
import json
import subprocess
from datetime import timedelta
from zoneinfo import ZoneInfo

from c4console.central.coordination.overdue import flag_overdue
from c4console.central.service import DEFAULT_TIMEZONE
from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from tests.cache_files import TEST_KEY
from tests.central.helpers import (
    TEST_PASSWORD,
    all_changes,
    c4_today,
    client,
    get_json,
    panic_alarm,
    running_central,
)
from tests.central.test_agencies import (
    HER_CASE,
    HER_NAME,
    Quiet,
    add_agencies_and_liaisons,
    cached,
    entities,
    send,
    until,
)

OTHER_CASE = "C-ana"  # shared with the DIF too, never assessed: not on the agenda


def pdf_text(body: bytes, tmp_path) -> str:
    path = tmp_path / "minuta.pdf"
    path.write_bytes(body)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


async def pdf(session, url: str) -> bytes:
    async with session.get(url) as r:
        assert r.status == 200, await r.text()
        assert r.content_type == "application/pdf"
        return await r.read()


def test_a_meeting_its_tasks_minutes_and_next_agenda(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c:
            api = c.api_url
            await add_agencies_and_liaisons(c.service)
            today = c4_today()
            day = lambda n: (today + timedelta(days=n)).isoformat()  # noqa: E731
            async with client(api, "supervisora1") as s, client(api) as o, \
                    client(api, "admin1") as adm, client(api, "enlace_dif") as dif, \
                    client(api, "enlace_fge") as fge:
                # Her order ends in 20 days; her risk is alto; her case and Ana's are shared
                # with the DIF (not with the Fiscalía).
                for kind, fields in [
                    ("update_beneficiary", {"beneficiary_id": "B0042", "order_valid_from": "2020-01-01",
                                            "order_valid_until": day(20)}),
                    ("assess_risk", {"case_id": HER_CASE, "answers": {"estrangulamiento": True}}),
                    ("open_case", {"case_id": OTHER_CASE, "person": {"name": "Ana Ruiz"}}),
                    ("share_case", {"case_id": HER_CASE, "agency_id": "dif", "level": "resumen",
                                    "reason": "Mesa de coordinación", "share_id": "sh-her"}),
                    ("share_case", {"case_id": OTHER_CASE, "agency_id": "dif", "level": "resumen",
                                    "reason": "Mesa de coordinación", "share_id": "sh-ana"}),
                ]:
                    res = await send(s, api, kind, **fields)
                    assert res["outcome"] == "accepted", (kind, res)

                # Meeting 1, twenty days ago: the DIF and the Fiscalía.
                res = await send(o, api, "schedule_meeting", date=day(-20), time="10:00",
                                 place="Sala C4", agencies=["dif", "fge"])
                assert (res["outcome"], res["reason"]) == ("rejected", "forbidden"), res
                res = await send(s, api, "schedule_meeting", meeting_id="m1", date=day(-20),
                                 time="10:00", place="Sala de juntas C4", agencies=["dif", "fge"])
                assert res["outcome"] == "accepted", res
                bad = [("schedule_meeting", {"date": day(1), "time": "10:00", "place": "x",
                                             "agencies": ["nadie"]}, "unknown_agency"),
                       ("schedule_meeting", {"date": day(1), "time": "25:00", "place": "x",
                                             "agencies": ["dif"]}, "bad_command"),
                       # Her case is not shared with the Fiscalía: not at full view.
                       ("add_case_to_meeting", {"meeting_id": "m1", "case_id": HER_CASE},
                        "not_shared"),
                       ("add_case_to_meeting", {"meeting_id": "m1", "case_id": "case-nadie",
                                                "view": "reducido"}, "not_found")]
                for kind, fields, reason in bad:
                    res = await send(s, api, kind, **fields)
                    assert (res["outcome"], res["reason"]) == ("rejected", reason), (kind, res)
                res = await send(s, api, "add_case_to_meeting", meeting_id="m1", case_id=HER_CASE,
                                 view="reducido")
                assert res["outcome"] == "accepted", res
                task = {"meeting_id": "m1", "case_id": HER_CASE, "what": "Visita domiciliaria"}
                for fields, reason in [({**task, "agency_id": "dif", "due_on": day(-21)},
                                        "due_before_meeting"),
                                       ({**task, "agency_id": "imm", "due_on": day(5)},
                                        "agency_not_present"),
                                       ({**task, "case_id": OTHER_CASE, "agency_id": "dif",
                                         "due_on": day(5)}, "not_reviewed")]:
                    res = await send(s, api, "assign_task", **fields)
                    assert (res["outcome"], res["reason"]) == ("rejected", reason), res
                for tid, agency, due, what in [("t-old", "dif", day(-10), "Valoración psicológica"),
                                               ("t-dif", "dif", day(5), "Visita domiciliaria DIF"),
                                               ("t-fge", "fge", day(5), "Citar al agresor")]:
                    res = await send(s, api, "assign_task", **{**task, "what": what},
                                     task_id=tid, agency_id=agency, due_on=due)
                    assert res["outcome"] == "accepted", res
                for text, agency in [("Acuerdo general: reforzar rondines", ""),
                                     ("El DIF acompaña a sus hijos a la escuela", "dif"),
                                     ("La Fiscalía solicita la orden de aprehensión", "fge")]:
                    res = await send(s, api, "record_agreement", meeting_id="m1",
                                     case_id=HER_CASE, text=text, agency_id=agency)
                    assert res["outcome"] == "accepted", res
                res = await send(s, api, "record_attendance", meeting_id="m1", attendees=[
                    {"name": "Lic. Ana Pérez", "agency_id": "dif", "account": "enlace_dif"},
                    {"name": "Lic. Berta Ruiz", "agency_id": "fge"},
                    {"name": "Supervisora", "agency_id": "c4", "account": "supervisora1"}])
                assert res["outcome"] == "accepted", res
                await panic_alarm(c.osmand_url)  # a new incident of hers since meeting 1

                paths = {n: tmp_path / n / "cache.sqlite" for n in ("enlace_dif", "enlace_fge")}
                caches = {n: LocalCache(p, TEST_KEY) for n, p in paths.items()}
                engines = {n: SyncEngine(caches[n], api, Quiet(), actor=n, username=n,
                                         password=TEST_PASSWORD) for n in paths}
                for e in engines.values():
                    e.start()
                try:
                    dif_path, fge_path = paths["enlace_dif"], paths["enlace_fge"]
                    await until(lambda: {"t-old", "t-dif"} <= set(cached(dif_path, "coordination_task"))
                                and "m1" in cached(dif_path, "meeting"))
                    await until(lambda: "t-fge" in cached(fge_path, "coordination_task")
                                and "m1" in cached(fge_path, "meeting"))
                    head = (await get_json(s, f"{api}/api/v1/health"))["head"]
                    await until(lambda: all(x.cursor() >= head for x in caches.values()))
                    # The DIF: its two tasks, not the Fiscalía's; the meeting with her case and
                    # the agreements for everyone and for the DIF.
                    assert set(cached(dif_path, "coordination_task")) == {"t-old", "t-dif"}
                    m1 = json.loads(cached(dif_path, "meeting")["m1"])
                    assert [e["case_id"] for e in m1["cases"]] == [HER_CASE]
                    assert [a["agency_id"] for a in m1["agreements"]] == ["", "dif"]
                    assert "orden de aprehensión" not in cached(dif_path, "meeting")["m1"]
                    # The Fiscalía: its task and the case's reference only (not shared with it).
                    assert set(cached(fge_path, "coordination_task")) == {"t-fge"}
                    fge_task = json.loads(cached(fge_path, "coordination_task")["t-fge"])
                    assert fge_task["case_id"] == "" and fge_task["case_ref"].startswith("CM-")
                    fm1 = json.loads(cached(fge_path, "meeting")["m1"])
                    assert fm1["cases"] == [{"case_id": "", "ref": fge_task["case_ref"],
                                             "view": "reducido"}]
                    assert [a["text"] for a in fm1["agreements"]] == [
                        "La Fiscalía solicita la orden de aprehensión"]
                    assert entities(fge_path) == {"meeting", "coordination_task"}
                    assert HER_CASE not in json.dumps([cached(fge_path, "meeting"),
                                                       cached(fge_path, "coordination_task")])
                    # An operator receives no meeting nor task.
                    page = await all_changes(o, api)
                    assert {ch["op"] for ch in page
                            if ch["entity"] in ("meeting", "coordination_task")} == {"delete"}

                    # The Fiscalía's liaison cannot mark the DIF's task: refused, audited, a
                    # security event; nor send any other command.
                    res = await send(fge, api, "complete_task", task_id="t-dif", note="hecho")
                    assert (res["outcome"], res["reason"]) == ("rejected", "forbidden"), res
                    assert "belongs to agency dif" in res["message"]
                    assert "security event" in res["message"]
                    res = await send(dif, api, "record_agreement", meeting_id="m1",
                                     case_id=HER_CASE, text="x")
                    assert (res["outcome"], res["reason"]) == ("rejected", "forbidden"), res
                    events = (await get_json(s, f"{api}/api/v1/security-events"))["events"]
                    assert any(e["kind"] == "command_refused" and "enlace_fge" in e["detail"]
                               and "t-dif" in e["detail"] for e in events)

                    # The DIF liaison marks her task done; the C4 sees it on her case timeline.
                    res = await send(dif, api, "complete_task", task_id="t-dif",
                                     note="Visita hecha el martes; sin novedad")
                    assert res["outcome"] == "accepted", res
                    res = await send(dif, api, "complete_task", task_id="t-dif", note="otra vez")
                    assert (res["outcome"], res["reason"]) == ("rejected", "done"), res
                    await until(lambda: json.loads(cached(dif_path, "coordination_task")["t-dif"])
                                ["status"] == "hecha")
                    page = await all_changes(s, api)
                    entries = [ch["data"] for ch in page if ch["entity"] == "case_timeline"
                               and ch["op"] == "upsert"
                               and ch["data"]["kind"] == "coordination_task_done"]
                    assert [(e["case_id"], e["actor"]) for e in entries] == [(HER_CASE, "enlace_dif")]
                    assert "sin novedad" in entries[0]["text"]

                    # Overdue: the task assigned already past its due date carries the flag;
                    # the sweep flags an open task once its due date passes (not a done one).
                    assert json.loads(cached(dif_path, "coordination_task")["t-old"])["overdue"]
                    tz = ZoneInfo(DEFAULT_TIMEZONE)
                    assert await c.service.write(lambda tx: flag_overdue(tx, tz, today)) == 0
                    later = today + timedelta(days=6)
                    assert await c.service.write(lambda tx: flag_overdue(tx, tz, later)) == 1
                    page = await all_changes(s, api)
                    last = {ch["id"]: ch["data"] for ch in page
                            if ch["entity"] == "coordination_task" and ch["op"] == "upsert"}
                    assert [t for t, d in sorted(last.items()) if d["overdue"]] == ["t-fge", "t-old"]
                    await until(lambda: json.loads(cached(fge_path, "coordination_task")["t-fge"])
                                ["overdue"] is True)

                    # Minutes: a draft until the chair signs; then signed, immutable.
                    draft = pdf_text(await pdf(s, f"{api}/api/v1/meetings/m1/minutes.pdf"), tmp_path)
                    assert "BORRADOR" in draft and "Firmado por" not in draft
                    res = await send(adm, api, "sign_minutes", meeting_id="m1")
                    assert (res["outcome"], res["reason"]) == ("rejected", "forbidden"), res
                    res = await send(s, api, "sign_minutes", meeting_id="m1")
                    assert res["outcome"] == "accepted", res
                    for kind, fields in [("sign_minutes", {}),
                                         ("record_agreement", {"case_id": HER_CASE, "text": "tarde"}),
                                         ("assign_task", {**task, "agency_id": "dif",
                                                          "due_on": day(9)})]:
                        res = await send(s, api, kind, **{"meeting_id": "m1", **fields})
                        assert (res["outcome"], res["reason"]) == ("rejected", "signed"), res
                    text = pdf_text(await pdf(adm, f"{api}/api/v1/meetings/m1/minutes.pdf"), tmp_path)
                    assert "Firmado por supervisora1 el" in text and "BORRADOR" not in text
                    for line in ("reforzar rondines", "orden de aprehensión", "Lic. Ana Pérez",
                                 "Visita domiciliaria DIF", "sin novedad", "Citar al agresor"):
                        assert line in text, line
                    await get_json(dif, f"{api}/api/v1/meetings/m1/minutes.pdf", status=403)
                    await get_json(o, f"{api}/api/v1/meetings/m1/agenda", status=403)

                    # Meeting 2, in ten days: its agenda.
                    res = await send(s, api, "schedule_meeting", meeting_id="m2", date=day(10),
                                     time="09:30", place="DIF Mexicali", agencies=["dif", "fge"])
                    assert res["outcome"] == "accepted", res
                    res = await send(s, api, "sign_minutes", meeting_id="m2")  # not held yet
                    assert (res["outcome"], res["reason"]) == ("rejected", "not_held"), res
                    agenda = await get_json(s, f"{api}/api/v1/meetings/m2/agenda")
                    assert agenda["since_meeting"] == "m1"
                    assert [(x["case_id"], x["risk_level"], x["shared_with"], x["view"])
                            for x in agenda["cases"]] == [(HER_CASE, "alto", ["dif"], "reducido")]
                    assert agenda["cases"][0]["name"] == HER_NAME
                    assert len(agenda["new_incidents"]) == 1
                    assert agenda["new_incidents"][0]["case_id"] == HER_CASE
                    assert [t["task_id"] for t in agenda["overdue_tasks"]] == ["t-old"]
                    assert [(x["case_id"], x["number"], x["valid_until"])
                            for x in agenda["orders_expiring"]] == [(HER_CASE, "OP-1/2026", day(20))]
                    await get_json(s, f"{api}/api/v1/meetings/nadie/agenda", status=404)
                finally:
                    for e in engines.values():
                        await e.close()
                    for cache in caches.values():
                        cache.close()

    asyncio.run(main())
