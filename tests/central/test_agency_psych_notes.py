"""Psychological notes at level completo through the real central (issue 15): a supervisor
shares her case completo with the DIF; the DIF liaison's console (a real sync engine, its
cache read through the store) holds her interventions without the psychological notes; the
psicóloga's explicit ``share_psych_notes`` without a reason is refused; with one, the notes
arrive in the DIF's cache. A supervisor never receives the notes. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

from c4console.central.bootstrap import Account
from c4console.core.access import Role
from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from tests.cache_files import TEST_KEY
from tests.central.helpers import (
    TEST_ACCOUNTS,
    TEST_PASSWORD,
    all_changes,
    client,
    get_json,
    post_commands,
)
from tests.central.test_agencies import (
    HER_CASE,
    Quiet,
    add_agencies_and_liaisons,
    file_bytes,
    send,
    until,
)

ACCOUNTS = [*TEST_ACCOUNTS, Account("psicologa1", Role.PSICOLOGA, TEST_PASSWORD)]
NOTES = "Refiere miedo constante; contención y plan de seguridad"


def _timeline(cache: LocalCache) -> list[tuple[str, str, str]]:
    """(group, kind, text) of her case's timeline entries held in the cache."""
    return sorted((e.group, e.kind, e.text) for e in cache.load("case_timeline").values()
                  if e.case_id == HER_CASE)


def test_psych_notes_reach_the_dif_only_after_the_psychologists_step(tmp_path, db_url):
    async def main():
        async with running(tmp_path, db_url) as c:
            api = c.api_url
            await add_agencies_and_liaisons(c.service)
            async with client(api, "supervisora1") as s, client(api, "psicologa1") as p:
                now = time.time()
                (res,) = await post_commands(p, api, {
                    "key": str(uuid.uuid4()), "type": "record_intervention",
                    "intervention_id": "iv-1", "case_id": HER_CASE, "kind": "psicologica",
                    "channel": "linea_telefonica", "started_at": now - 1500, "ended_at": now - 60,
                    "notes": NOTES})
                assert res["outcome"] == "accepted", res
                res = await send(s, api, "share_case", share_id="sh-full", case_id=HER_CASE,
                                 agency_id="dif", level="completo",
                                 reason="Mesa de coordinación: atención integral DIF")
                assert res["outcome"] == "accepted", res

                path = tmp_path / "dif" / "cache.sqlite"
                cache = LocalCache(path, TEST_KEY)
                engine = SyncEngine(cache, api, Quiet(), actor="enlace_dif", username="enlace_dif",
                                    password=TEST_PASSWORD)
                engine.start()
                try:
                    head = (await get_json(s, f"{api}/api/v1/health"))["head"]
                    await until(lambda: cache.cursor() >= head)
                    # Completo: her case and the intervention's entry, not the notes.
                    assert HER_CASE in cache.load("case")
                    held = _timeline(cache)
                    assert ("interventions", "intervention", "") in held, held
                    assert not [g for g, _, _ in held if g == "psych_notes"], held
                    assert NOTES.encode() not in file_bytes(path)

                    # The explicit step: a psychologist's, and never without a reason.
                    res = await send(p, api, "share_psych_notes", share_id="sh-full")
                    assert (res["outcome"], res["reason"]) == ("rejected", "bad_command"), res
                    assert "reason" in res["message"], res
                    res = await send(p, api, "share_psych_notes", share_id="sh-full", reason="  ")
                    assert res["outcome"] == "rejected", res
                    res = await send(s, api, "share_psych_notes", share_id="sh-full",
                                     reason="Mesa")
                    assert (res["outcome"], res["reason"]) == ("rejected", "forbidden"), res
                    head = (await get_json(s, f"{api}/api/v1/health"))["head"]
                    await until(lambda: cache.cursor() >= head)
                    assert not [g for g, _, _ in _timeline(cache) if g == "psych_notes"]

                    res = await send(p, api, "share_psych_notes", share_id="sh-full",
                                     reason="La mesa acordó atención psicológica en el DIF")
                    assert res["outcome"] == "accepted", res
                    await until(lambda: ("psych_notes", "psych_notes", NOTES) in _timeline(cache))
                    share = cache.load("case_share")["sh-full"]
                    assert share.psych_notes and share.psych_by == "psicologa1"

                    # The C4's supervisor never holds the notes (specialists' only).
                    sup = [ch for ch in await all_changes(s, api) if ch["entity"] == "case_timeline"
                           and ch["op"] == "upsert"]
                    assert sup and all(ch["data"]["group"] != "psych_notes" for ch in sup)
                finally:
                    await engine.close()
                    cache.close()

    asyncio.run(main())


def running(tmp_path, db_url) -> Any:
    from tests.central.helpers import running_central

    return running_central(tmp_path, db_url, accounts=ACCOUNTS)
