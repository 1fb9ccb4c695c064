"""Need-to-know on the change feed, end to end: a real central, real consoles' sync engines
and their cache files, read byte by byte.

An operator's cache holds a woman's record only while she has an open incident, and then
only the fields dispatching needs (no phone number); when the incident closes it leaves the
file (and its write-ahead log). A supervisor holds the registry. A console whose cache was
filled for another user or role wipes it and receives the feed again for its own. GET
/changes and GET /devices answer the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from pathlib import Path

import aiohttp

from c4console.central import accounts
from c4console.central.passwords import hash_password
from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from tests.cache_files import TEST_KEY, connect_cache, decrypted_bytes
from tests.central.helpers import (
    IN_S3,
    PANIC_DEVICE,
    TEST_PASSWORD,
    client,
    get_json,
    post_commands,
    running_central,
)

HER = "B0042"
HER_NAME = "María López"
HER_PHONE = "6861234567"


class Quiet:
    """A SyncListener that only counts resets."""

    def __init__(self) -> None:
        self.resets = 0

    def on_changes(self, applied):
        pass

    def on_results(self, results):
        pass

    def on_connection(self, connected, detail):
        pass

    def on_reset(self):
        self.resets += 1


async def until(pred, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def file_bytes(path: Path) -> bytes:
    """The cache as it lies on disk, decrypted: every page of the database file (free ones
    too) and every frame of its write-ahead log."""
    return decrypted_bytes(path, TEST_KEY)


def cached(path: Path, entity: str) -> dict[str, str]:
    """id → JSON of the records of ``entity`` in the cache file, read with a connection
    of its own."""
    with contextlib.closing(connect_cache(path, TEST_KEY)) as db:
        return dict(db.execute("SELECT id, data FROM records WHERE entity = ?", (entity,)))


def engine(cache: LocalCache, api: str, user: str, listener) -> SyncEngine:
    return SyncEngine(cache, api, listener, actor=user, username=user, password=TEST_PASSWORD)


def test_operator_cache_holds_her_file_only_while_her_incident_is_open(tmp_path):
    async def main():
        async with running_central(tmp_path) as c:
            api = c.api_url
            op_path, sup_path = tmp_path / "op" / "cache.sqlite", tmp_path / "sup" / "cache.sqlite"
            op_cache, sup_cache = LocalCache(op_path, TEST_KEY), LocalCache(sup_path, TEST_KEY)
            op, sup = engine(op_cache, api, "operadora1", Quiet()), engine(sup_cache, api,
                                                                           "supervisora1", Quiet())
            op.start()
            sup.start()
            try:
                async with client(api, "supervisora1") as s:
                    head = (await get_json(s, f"{api}/api/v1/health"))["head"]
                await until(lambda: op_cache.cursor() >= head and sup_cache.cursor() >= head)
                # No open incident: the operator's file holds nothing of her, not even in
                # free pages; the supervisor's holds her whole record and her device.
                assert cached(op_path, "beneficiary") == {} and cached(op_path, "device").keys() == {
                    "TRK07", "TRK08"}
                assert HER_NAME.encode() not in file_bytes(op_path)
                assert HER_PHONE in cached(sup_path, "beneficiary")[HER]
                assert PANIC_DEVICE in cached(sup_path, "device")

                # Her alarm: the operator receives what dispatching needs, not her phone.
                async with aiohttp.ClientSession() as dev, dev.get(
                        f"{c.osmand_url}/", params={"id": PANIC_DEVICE, "lat": IN_S3[0],
                                                    "lon": IN_S3[1], "timestamp": int(time.time()),
                                                    "alarm": "sos"}) as r:
                    assert r.status == 200
                await until(lambda: HER in cached(op_path, "beneficiary"))
                held = op_cache.load("beneficiary")[HER]
                assert (held.name, held.address, held.order_number, held.aggressor) == (
                    HER_NAME, "Calle Uno 12", "OP-1/2026", "J. P.")
                assert held.phone == "" and HER_PHONE not in cached(op_path, "beneficiary")[HER]
                assert PANIC_DEVICE not in cached(op_path, "device")  # her last position

                # The same through GET /changes and GET /devices, per role.
                async with client(api) as o, client(api, "supervisora1") as s:
                    page = (await get_json(o, f"{api}/api/v1/changes?since=0&limit=5000"))["changes"]
                    # Judged on her state now (an open incident), the seed's change too.
                    mine = [ch for ch in page if ch["entity"] == "beneficiary"]
                    assert mine and all(ch["op"] == "upsert" and "phone" not in ch["data"]
                                        for ch in mine)
                    assert all(ch["op"] == "delete" for ch in page
                               if ch["entity"] == "device" and ch["id"] == PANIC_DEVICE)
                    assert [ch["seq"] for ch in page] == list(range(1, len(page) + 1))  # no gap
                    devices = (await get_json(o, f"{api}/api/v1/devices"))["devices"]
                    assert PANIC_DEVICE not in {d["id"] for d in devices}
                    devices = (await get_json(s, f"{api}/api/v1/devices"))["devices"]
                    assert PANIC_DEVICE in {d["id"] for d in devices}
                    (inc,) = (await get_json(o, f"{api}/api/v1/incidents?status=open"))["incidents"]

                    # Closed: her record leaves the operator's file within the feed's cycle.
                    for kind, extra in (("acknowledge", {}), ("close", {
                            "status": "false_alarm", "disposition": "prueba"})):
                        (res,) = await post_commands(o, api, {"key": str(uuid.uuid4()), "type": kind,
                                                              "incident_id": inc["id"], **extra})
                        assert res["outcome"] == "accepted", res
                await until(lambda: HER not in cached(op_path, "beneficiary"))
                await until(lambda: HER_NAME.encode() not in file_bytes(op_path))
                assert HER in cached(sup_path, "beneficiary")  # the registry keeps her
            finally:
                await op.close()
                await sup.close()

            # The supervisor's workstation, now used by an operator: the cache is wiped and
            # filled again with what the operator may hold.
            listener = Quiet()
            reuse = engine(sup_cache, api, "operadora2", listener)
            reuse.start()
            try:
                await until(lambda: listener.resets == 1 and sup_cache.cursor() > 0)
                await until(lambda: sup_cache.cursor() >= op_cache.cursor())
                assert cached(sup_path, "beneficiary") == {}
                assert PANIC_DEVICE not in cached(sup_path, "device")
                await until(lambda: HER_PHONE.encode() not in file_bytes(sup_path))
            finally:
                await reuse.close()
            op_cache.close()
            sup_cache.close()

    asyncio.run(main())


def test_a_role_change_ends_the_stream_and_the_console_drops_what_the_new_role_may_not_hold(
        tmp_path):
    async def main():
        async with running_central(tmp_path, token_recheck_s=0.1) as c:
            path = tmp_path / "ws" / "cache.sqlite"
            cache, listener = LocalCache(path, TEST_KEY), Quiet()
            sup = engine(cache, c.api_url, "supervisora1", listener)
            sup.start()
            try:
                await until(lambda: HER in cached(path, "beneficiary"))
                # The administrator makes her an operator (same password, so the console logs
                # in again by itself): her sessions end and the feed is sent for the new role.
                hashed = hash_password(TEST_PASSWORD)
                assert await c.service.write(lambda tx: accounts.add_user(
                    tx, "supervisora1", "operator", hashed, replace=True)) == "updated"
                await until(lambda: listener.resets == 1)
                await until(lambda: sup.connected and sup.client.info.role == "operator")
                assert cached(path, "beneficiary") == {}
                assert PANIC_DEVICE not in cached(path, "device")
                await until(lambda: HER_PHONE.encode() not in file_bytes(path))
            finally:
                await sup.close()
                cache.close()

    asyncio.run(main())
