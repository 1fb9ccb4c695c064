"""The liaison's copy of meetings and tasks follows her case's shares (issue 15), through the
real central on SQLite and PostgreSQL with real sync engines for two liaisons' consoles.

Her case is shared with the DIF at resumen and with the Fiscalía at completo (until today);
both agencies have a task on her case from a meeting that reviewed it at full view.

- Revoking the DIF's share re-publishes the meeting and the DIF's task: the DIF console's
  cache (read through SQLCipher with its key) holds the task and the meeting without her
  case id; sharing again puts it back.
- The Fiscalía's share reaching its end date does the same through the expiry sweep.
- The completion note of the DIF's task goes on her case timeline for the C4; the Fiscalía,
  which reads her timeline's history at completo, never receives it (it receives its own).
"""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from c4console.central.share_expiry import expire_shares
from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from tests.cache_files import TEST_KEY
from tests.central.helpers import TEST_PASSWORD, all_changes, client, get_json, running_central
from tests.central.test_agencies import (
    HER_CASE,
    Quiet,
    add_agencies_and_liaisons,
    cached,
    send,
    until,
)


def _record(path, entity: str, rid: str) -> dict:
    return json.loads(cached(path, entity).get(rid, "{}"))


def _task_case(path, tid: str) -> str | None:
    return _record(path, "coordination_task", tid).get("case_id")


def _meeting_cases(path) -> list[str]:
    return [e["case_id"] for e in _record(path, "meeting", "m1").get("cases", [])]


def _done_entries(path) -> list[dict]:
    return [e for e in map(json.loads, cached(path, "case_timeline").values())
            if e["kind"] == "coordination_task_done"]


def test_shares_granted_revoked_or_ended_recut_meetings_and_tasks(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c:
            api = c.api_url
            await add_agencies_and_liaisons(c.service)
            gate = c.hub.gate
            today = gate.today()
            day = lambda n: (today + timedelta(days=n)).isoformat()  # noqa: E731
            async with client(api, "supervisora1") as s, client(api, "enlace_dif") as dif, \
                    client(api, "enlace_fge") as fge:
                task = {"meeting_id": "m1", "case_id": HER_CASE, "due_on": day(7)}
                for kind, fields in [
                    ("share_case", {"case_id": HER_CASE, "agency_id": "dif", "level": "resumen",
                                    "reason": "Mesa", "share_id": "sh-dif"}),
                    ("share_case", {"case_id": HER_CASE, "agency_id": "fge", "level": "completo",
                                    "reason": "Mesa", "share_id": "sh-fge", "ends_on": day(0)}),
                    ("schedule_meeting", {"meeting_id": "m1", "date": day(0), "time": "10:00",
                                          "place": "Sala C4", "agencies": ["dif", "fge"]}),
                    ("add_case_to_meeting", {"meeting_id": "m1", "case_id": HER_CASE}),
                    ("assign_task", {**task, "task_id": "t-dif", "agency_id": "dif",
                                     "what": "Visita domiciliaria"}),
                    ("assign_task", {**task, "task_id": "t-fge", "agency_id": "fge",
                                     "what": "Citar al agresor"}),
                ]:
                    res = await send(s, api, kind, **fields)
                    assert res["outcome"] == "accepted", (kind, res)

                paths = {n: tmp_path / n / "cache.sqlite" for n in ("enlace_dif", "enlace_fge")}
                caches = {n: LocalCache(p, TEST_KEY) for n, p in paths.items()}
                engines = {n: SyncEngine(caches[n], api, Quiet(), actor=n, username=n,
                                         password=TEST_PASSWORD) for n in paths}
                for e in engines.values():
                    e.start()
                dif_path, fge_path = paths["enlace_dif"], paths["enlace_fge"]
                try:
                    await until(lambda: _task_case(dif_path, "t-dif") == HER_CASE
                                and _task_case(fge_path, "t-fge") == HER_CASE)
                    assert _meeting_cases(dif_path) == [HER_CASE]

                    # Each agency marks its own task done: the C4 reads both notes on her
                    # timeline; the Fiscalía (completo: her history) only its own.
                    for session, tid, note in [(dif, "t-dif", "Visita hecha; sin novedad"),
                                               (fge, "t-fge", "Citatorio entregado")]:
                        res = await send(session, api, "complete_task", task_id=tid, note=note)
                        assert res["outcome"] == "accepted", res
                    await until(lambda: len(_done_entries(fge_path)) == 1)
                    await until(lambda: _record(fge_path, "coordination_task", "t-fge")
                                .get("status") == "hecha"
                                and _record(dif_path, "coordination_task", "t-dif")
                                .get("status") == "hecha")
                    page = await all_changes(s, api)
                    c4_notes = {ch["data"]["data"]["agency_id"] for ch in page
                                if ch["entity"] == "case_timeline" and ch["op"] == "upsert"
                                and ch["data"]["kind"] == "coordination_task_done"}
                    assert c4_notes == {"dif", "fge"}
                    head = (await get_json(s, f"{api}/api/v1/health"))["head"]
                    await until(lambda: caches["enlace_fge"].cursor() >= head)
                    (own,) = _done_entries(fge_path)
                    assert own["data"]["agency_id"] == "fge" and "Citatorio" in own["text"]
                    assert "sin novedad" not in json.dumps(cached(fge_path, "case_timeline"))
                    assert _done_entries(dif_path) == []  # resumen: no timeline at all

                    # Revoked: the DIF's task and the meeting lose her case id at once.
                    res = await send(s, api, "revoke_case_share", share_id="sh-dif",
                                     reason="Termina el acompañamiento")
                    assert res["outcome"] == "accepted", res
                    await until(lambda: _task_case(dif_path, "t-dif") == "")
                    await until(lambda: _meeting_cases(dif_path) == [""])
                    held = _record(dif_path, "coordination_task", "t-dif")
                    assert held["case_ref"].startswith("CM-") and held["what"] == "Visita domiciliaria"
                    assert HER_CASE not in json.dumps([cached(dif_path, "coordination_task"),
                                                       cached(dif_path, "meeting")])
                    assert _task_case(fge_path, "t-fge") == HER_CASE  # the Fiscalía's share holds

                    # Shared again: the case id comes back.
                    res = await send(s, api, "share_case", case_id=HER_CASE, agency_id="dif",
                                     level="resumen", reason="Nueva valoración")
                    assert res["outcome"] == "accepted", res
                    await until(lambda: _task_case(dif_path, "t-dif") == HER_CASE)

                    # The Fiscalía's share ends today; tomorrow the sweep re-cuts its copy.
                    tomorrow = today + timedelta(days=1)
                    gate.today = lambda: tomorrow
                    assert await c.service.write(
                        lambda tx: expire_shares(tx, ZoneInfo("UTC"), tomorrow)) == 1
                    await until(lambda: _task_case(fge_path, "t-fge") == "")
                    await until(lambda: _meeting_cases(fge_path) == [""])
                    assert HER_CASE not in cached(fge_path, "case")
                finally:
                    for e in engines.values():
                        await e.close()
                    for cache in caches.values():
                        cache.close()

    asyncio.run(main())
