"""A shift change at one desk loses no action (issue 16, the gap left by point 9): she saves
a command while the central is away, the next operator logs in at the same workstation
(her encrypted cache is parked, his is new), and at her next login here her cache is put
back and the command reaches the real central — once."""

from __future__ import annotations

import asyncio

import aiohttp

from c4console.central import admin
from c4console.core.access import Role
from c4console.store.cache_key import KeyStore
from c4console.store.cache_opening import OTHER_ACCOUNT, open_local_cache, parked_path
from c4console.sync.engine import SyncEngine
from tests.central.helpers import TEST_PASSWORD
from tests.sync.test_sync_engine import Recorder, create, until

NO_OS_STORE = KeyStore(None)  # this machine has no OS secret store: the password wraps


async def _send_everything(cache, api: str, user: str) -> Recorder:
    """Log ``user`` in with an engine on ``cache`` until the central has decided every
    command its outbox held; the results it was told."""
    keys = {e.key for e in cache.pending()}
    rec = Recorder()
    engine = SyncEngine(cache, api, rec, actor=user, username=user, password=TEST_PASSWORD)
    engine.start()
    try:
        await until(lambda: {r["key"] for r in rec.results} >= keys and not cache.pending())
    finally:
        await engine.close(logout=True)
    return rec


def test_her_unsent_command_waits_through_the_next_shift_and_is_sent_at_her_login(
        tmp_path, central):
    path = tmp_path / "console" / "cache.sqlite"
    db_url = f"sqlite:///{tmp_path / 'central-data' / 'central.sqlite'}"

    async def scenario():
        await admin.add_user(db_url, "operadora2", Role.OPERATOR, TEST_PASSWORD)
        # She saves an incident while the central is away: it waits in her outbox.
        mine = open_local_cache(path, "operadora1", TEST_PASSWORD, NO_OS_STORE)
        command = create()
        mine.cache.enqueue(command)
        mine.cache.close()

        # The next shift logs in at the same desk: a fresh cache, none of her commands.
        theirs = open_local_cache(path, "operadora2", TEST_PASSWORD, NO_OS_STORE)
        assert theirs.rebuilt == OTHER_ACCOUNT and theirs.cache.pending() == []
        parked = parked_path(path, "operadora1")
        assert parked.exists() and "operadora1" not in parked.name
        his = create()
        theirs.cache.enqueue(his)
        sent = await _send_everything(theirs.cache, central.api, "operadora2")
        assert [r["key"] for r in sent.results] == [his["key"]]  # his only
        theirs.cache.close()

        # Her next login here: her own cache is back, with the command, and it is sent.
        again = open_local_cache(path, "operadora1", TEST_PASSWORD, NO_OS_STORE)
        assert again.rebuilt is None
        assert [e.key for e in again.cache.pending()] == [command["key"]]
        sent = await _send_everything(again.cache, central.api, "operadora1")
        assert [(r["key"], r["outcome"]) for r in sent.results] == [(command["key"], "accepted")]
        again.cache.close()
        assert parked_path(path, "operadora2").exists()  # his waits for him in turn

        async with aiohttp.ClientSession(headers=central.headers()) as s, s.get(
                f"{central.api}/api/v1/incidents/{command['incident_id']}") as r:
            assert r.status == 200, await r.text()

    asyncio.run(scenario())
