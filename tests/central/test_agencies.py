"""Agencies and cases shared on purpose (issue 15) through the real central, on SQLite and
PostgreSQL: a supervisor shares a high-risk case with the DIF at level resumen; the DIF
liaison's console (a real sync engine on the WebSocket stream, its cache file read with
its key) holds only that case with the resumen fields; a liaison of another agency holds
nothing and is refused the case by id (audited, a security event); the C4 sees who at which
agency read it; revoked, the DIF console's cache no longer holds the case. Bad input is
refused with nothing saved."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp

from c4console.central import accounts, agencies
from c4console.central.passwords import hash_password
from c4console.central.share_expiry import expire_shares
from c4console.core.agencies.records import Agency
from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from tests.cache_files import TEST_KEY, connect_cache, decrypted_bytes
from tests.central.helpers import (
    TEST_PASSWORD,
    client,
    get_json,
    post_commands,
    running_central,
)

HER_CASE = "case-B0042"  # María López's registry case (tests/central/helpers.BENEFICIARIES)
HER_NAME = "María López"
HER_PHONE = "6861234567"


class Quiet:
    """A SyncListener that ignores everything."""

    def on_changes(self, applied):
        pass

    def on_results(self, results):
        pass

    def on_connection(self, connected, detail):
        pass

    def on_reset(self):
        pass


def cmd(kind: str, **fields: Any) -> dict[str, Any]:
    return {"key": str(uuid.uuid4()), "type": kind, **fields}


async def send(session: aiohttp.ClientSession, api: str, kind: str, **fields: Any) -> dict[str, Any]:
    (result,) = await post_commands(session, api, cmd(kind, **fields))
    return result


async def until(pred, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def cached(path: Path, entity: str) -> dict[str, str]:
    """id → JSON of the records of ``entity`` in the cache file, read with a connection
    of its own."""
    with contextlib.closing(connect_cache(path, TEST_KEY)) as db:
        return dict(db.execute("SELECT id, data FROM records WHERE entity = ?", (entity,)))


def entities(path: Path) -> set[str]:
    with contextlib.closing(connect_cache(path, TEST_KEY)) as db:
        return {row[0] for row in db.execute("SELECT DISTINCT entity FROM records")}


def file_bytes(path: Path) -> bytes:
    return decrypted_bytes(path, TEST_KEY)


async def add_agencies_and_liaisons(service) -> None:
    hashed = hash_password(TEST_PASSWORD)

    def add(tx):
        agencies.add_agency(tx, Agency("dif", "DIF Mexicali", "dif", "686 000 0000"))
        agencies.add_agency(tx, Agency("fge", "Fiscalía Especializada", "fiscalia"))
        accounts.add_user(tx, "enlace_dif", "enlace", hashed, agency="dif")
        accounts.add_user(tx, "enlace_fge", "enlace", hashed, agency="fge")

    await service.write(add)


def test_a_case_shared_with_the_dif_reaches_its_liaison_only_while_shared(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c:
            api = c.api_url
            await add_agencies_and_liaisons(c.service)
            async with client(api, "supervisora1") as s, client(api) as o, \
                    client(api, "enlace_dif") as dif, client(api, "enlace_fge") as fge:
                # Her risk: strangulation alone is at least alto.
                res = await send(s, api, "assess_risk", case_id=HER_CASE,
                                 answers={"estrangulamiento": True})
                assert res["outcome"] == "accepted", res

                # Bad input: clear refusals, nothing saved.
                ok = {"case_id": HER_CASE, "agency_id": "dif", "level": "resumen",
                      "reason": "Mesa de coordinación: seguimiento DIF"}
                for fields, reason in [({**ok, "agency_id": "nadie"}, "unknown_agency"),
                                       ({**ok, "ends_on": "2020-01-01"}, "in_the_past"),
                                       ({**ok, "reason": ""}, "bad_command"),
                                       ({k: v for k, v in ok.items() if k != "reason"}, "bad_command"),
                                       ({**ok, "agency_id": "c4"}, "own_agency"),
                                       ({**ok, "level": "todo"}, "bad_command"),
                                       ({**ok, "case_id": "case-nadie"}, "not_found")]:
                    res = await send(s, api, "share_case", **fields)
                    assert (res["outcome"], res["reason"]) == ("rejected", reason), (fields, res)
                for who in (o, dif):  # an operator, a liaison: not theirs to share
                    res = await send(who, api, "share_case", **ok)
                    assert (res["outcome"], res["reason"]) == ("rejected", "forbidden"), res
                changes = (await get_json(s, f"{api}/api/v1/changes?since=0&limit=5000"))["changes"]
                assert not [ch for ch in changes if ch["entity"] == "case_share"]

                # The liaisons' consoles: a real sync engine each, on the stream.
                paths = {n: tmp_path / n / "cache.sqlite" for n in ("enlace_dif", "enlace_fge")}
                caches = {n: LocalCache(p, TEST_KEY) for n, p in paths.items()}
                engines = {n: SyncEngine(caches[n], api, Quiet(), actor=n, username=n,
                                         password=TEST_PASSWORD) for n in paths}
                for e in engines.values():
                    e.start()
                try:
                    res = await send(s, api, "share_case", share_id="sh-1", **ok)
                    assert res["outcome"] == "accepted", res
                    head = (await get_json(s, f"{api}/api/v1/health"))["head"]
                    await until(lambda: all(c.cursor() >= head for c in caches.values()))
                    # The C4: the supervisor reads the share; an operator receives a delete.
                    for who, op in ((s, "upsert"), (o, "delete")):
                        page = (await get_json(who, f"{api}/api/v1/changes?since=0&limit=5000")
                                )["changes"]
                        assert [ch["op"] for ch in page if ch["entity"] == "case_share"] == [op]
                    dif_path, fge_path = paths["enlace_dif"], paths["enlace_fge"]
                    # The DIF holds her case at resumen (name, risk level, orders in force) and
                    # its share; no queue, no patrols, no registry, nothing else of her.
                    assert entities(dif_path) == {"case", "case_share"}
                    held = caches["enlace_dif"].load("case")[HER_CASE]
                    assert held.person.name == HER_NAME and held.risk_level.value == "alto"
                    assert HER_PHONE not in cached(dif_path, "case")[HER_CASE]
                    assert held.addresses == () and held.aggressors == ()
                    # The Fiscalía holds nothing at all.
                    assert entities(fge_path) == set()
                    assert HER_NAME.encode() not in file_bytes(fge_path)

                    # Reads by id: the DIF's audited for the C4; the Fiscalía's refused.
                    seen = await get_json(dif, f"{api}/api/v1/cases/{HER_CASE}")
                    assert seen["person"]["name"] == HER_NAME and seen["share_level"] == "resumen"
                    assert "phones" not in seen
                    refused = await get_json(fge, f"{api}/api/v1/cases/{HER_CASE}", status=403)
                    assert refused["reason"] == "not_shared" and "security event" in refused["error"]
                    for path in ("incidents", "units", "devices", "users", "security-events",
                                 f"cases/{HER_CASE}/interventions"):
                        await get_json(dif, f"{api}/api/v1/{path}", status=403)
                    events = (await get_json(s, f"{api}/api/v1/security-events"))["events"]
                    assert any(e["kind"] == "liaison_unshared_case" and "enlace_fge" in e["detail"]
                               for e in events)
                    await get_json(o, f"{api}/api/v1/cases/{HER_CASE}/agency-reads", status=403)

                    async def reads() -> list[dict[str, Any]]:
                        return (await get_json(s, f"{api}/api/v1/cases/{HER_CASE}/agency-reads")
                                )["reads"]
                    for _ in range(200):  # the audit log is written behind the answer
                        found = await reads()
                        if len([r for r in found if r["via"] == "read"]) >= 2:
                            break
                        await asyncio.sleep(0.05)
                    # What the DIF console received on its feed is a read too.
                    assert any(r["user"] == "enlace_dif" and r["via"] == "feed"
                               and r["level"] == "resumen" for r in found)
                    assert not any(r["user"] == "enlace_fge" and r["via"] == "feed" for r in found)
                    by_user = {r["user"]: r for r in found if r["via"] == "read"}
                    assert by_user["enlace_dif"]["agency"] == "dif"
                    assert by_user["enlace_dif"]["outcome"] == "accepted"
                    assert by_user["enlace_dif"]["level"] == "resumen"
                    assert "name" in by_user["enlace_dif"]["fields"]
                    assert (by_user["enlace_fge"]["agency"], by_user["enlace_fge"]["outcome"]) == (
                        "fge", "refused")

                    # Psychological notes: only a psychologist's explicit step, and not on resumen.
                    res = await send(s, api, "share_psych_notes", share_id="sh-1", reason="mesa")
                    assert (res["outcome"], res["reason"]) == ("rejected", "forbidden"), res

                    # Revoked: the DIF console drops her case within the feed's cycle.
                    res = await send(s, api, "revoke_case_share", share_id="sh-1",
                                     reason="Cerró la atención del DIF")
                    assert res["outcome"] == "accepted", res
                    await until(lambda: HER_CASE not in cached(dif_path, "case"))
                    await until(lambda: HER_NAME.encode() not in file_bytes(dif_path))
                    share = caches["enlace_dif"].load("case_share")["sh-1"]
                    assert share.revoked_by == "supervisora1"
                    await get_json(dif, f"{api}/api/v1/cases/{HER_CASE}", status=403)
                    res = await send(s, api, "revoke_case_share", share_id="sh-1", reason="otra vez")
                    assert (res["outcome"], res["reason"]) == ("rejected", "revoked"), res
                finally:
                    for e in engines.values():
                        await e.close()
                    for cache in caches.values():
                        cache.close()

    asyncio.run(main())


def test_a_share_past_its_end_date_leaves_the_liaisons_cache(tmp_path):
    """A share ending today holds today; the day after, the central's sweep marks it expired
    and re-publishes her case: the liaison's console drops it within the feed's cycle."""
    async def main():
        async with running_central(tmp_path) as c:
            api = c.api_url
            await add_agencies_and_liaisons(c.service)
            gate = c.hub.gate
            today = gate.today()
            async with client(api, "supervisora1") as s:
                res = await send(s, api, "share_case", case_id=HER_CASE, agency_id="dif",
                                 level="completo", reason="Mesa", ends_on=today.isoformat(),
                                 share_id="sh-hoy")
                assert res["outcome"] == "accepted", res
                path = tmp_path / "dif" / "cache.sqlite"
                cache = LocalCache(path, TEST_KEY)
                sync = SyncEngine(cache, api, Quiet(), actor="enlace_dif", username="enlace_dif",
                                  password=TEST_PASSWORD)
                sync.start()
                try:
                    await until(lambda: HER_CASE in cached(path, "case"))
                    held = cache.load("case")[HER_CASE]
                    assert HER_PHONE in cached(path, "case")[HER_CASE]  # completo: her contact
                    assert held.person.name == HER_NAME
                    # Tomorrow in the C4's calendar: the gate and the sweep agree.
                    tomorrow = date.fromordinal(today.toordinal() + 1)
                    gate.today = lambda: tomorrow
                    assert await c.service.write(
                        lambda tx: expire_shares(tx, ZoneInfo("UTC"), tomorrow)) == 1
                    await until(lambda: HER_CASE not in cached(path, "case"))
                    await until(lambda: HER_NAME.encode() not in file_bytes(path))
                    assert cache.load("case_share")["sh-hoy"].expired_at is not None
                    assert await c.service.write(
                        lambda tx: expire_shares(tx, ZoneInfo("UTC"), tomorrow)) == 0
                finally:
                    await sync.close()
                    cache.close()

    asyncio.run(main())
