"""Lockout is per user *and* source address, addresses back off, leads unlock, and the
login endpoint bounds its bodies and its hashing queue (issue 16 points 7 and 12).

Real HTTP against a real central; the other addresses are loopback aliases
(127.0.0.2, 127.0.0.3…), which a client may bind on Linux without any set-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import aiohttp

from c4console.central import accounts
from tests.central.helpers import (
    TEST_PASSWORD,
    client,
    key,
    login,
    post_commands,
    running_central,
)


@contextlib.asynccontextmanager
async def from_address(address: str) -> AsyncIterator[aiohttp.ClientSession]:
    """A client session whose connections come from ``address`` (a loopback alias)."""
    async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=(address, 0), force_close=True)) as s:
        yield s


async def _login(s: aiohttp.ClientSession, api: str, user: str, password: str
                 ) -> tuple[int, dict, aiohttp.typedefs.LooseHeaders]:
    async with s.post(f"{api}/api/v1/auth/login",
                      json={"username": user, "password": password}) as r:
        return r.status, await r.json(), r.headers


def test_a_lock_from_one_address_leaves_her_other_addresses_and_her_token_alone(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, from_address("127.0.0.2") as attacker:
            api = c.api_url
            token = (await login(api, "operadora2"))["token"]  # her workstation: 127.0.0.1
            for n in range(4):
                status, body, _ = await _login(attacker, api, "operadora2", f"wrong-{n}")
                assert (status, body["reason"]) == (401, "bad_credentials")
            status, fifth, _ = await _login(attacker, api, "operadora2", "wrong-4")
            assert (status, fifth["reason"]) == (401, "locked")
            assert 590 < fifth["locked_until"] - time.time() <= 600
            # From that address even the right password is refused now…
            status, body, _ = await _login(attacker, api, "operadora2", TEST_PASSWORD)
            assert (status, body["reason"]) == (401, "locked")
            # …but her working token still works, and she logs in from her own address.
            async with aiohttp.ClientSession() as s, s.get(
                    f"{api}/api/v1/units", headers={"Authorization": f"Bearer {token}"}) as r:
                assert r.status == 200, await r.text()
            assert (await login(api, "operadora2"))["user"] == "operadora2"
            assert c.reader is not None
            locks = accounts.login_locks(c.reader.engine, time.time())
            assert [(x["user"], x["source"]) for x in locks] == [("operadora2", "127.0.0.2")]

    asyncio.run(main())


def test_a_shift_lead_unlocks_a_login_through_the_command_path_and_it_is_audited(tmp_path,
                                                                                db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, from_address("127.0.0.2") as desk:
            api = c.api_url
            for n in range(5):
                await _login(desk, api, "operadora2", f"wrong-{n}")
            assert (await _login(desk, api, "operadora2", TEST_PASSWORD))[1]["reason"] == "locked"
            async with client(api, "operadora1") as s:  # an operator may not unlock
                (refused,) = await post_commands(s, api, {"key": key(), "type": "unlock_login",
                                                          "user": "operadora2"})
                assert (refused["outcome"], refused["reason"]) == ("rejected", "forbidden")
            async with client(api, "jefe1") as s:
                (unknown,) = await post_commands(s, api, {"key": key(), "type": "unlock_login",
                                                          "user": "nadie"})
                assert (unknown["outcome"], unknown["reason"]) == ("rejected", "not_found")
                unlock_key = key()
                (done,) = await post_commands(s, api, {"key": unlock_key, "type": "unlock_login",
                                                       "user": "OperAdora2"})
                assert done["outcome"] == "accepted", done
                status, body, _ = await _login(desk, api, "operadora2", TEST_PASSWORD)
                assert status == 200, body
            async with client(api, "admin1") as s, s.get(
                    f"{api}/api/v1/audit", params={"action": "command.unlock_login"}) as r:
                assert r.status == 200
                entries = (await r.json())["entries"]
            assert [(e["actor"], e["outcome"], e["target"]["key"]) for e in entries
                    if e["actor"] == "jefe1" and e["outcome"] == "accepted"] == [
                ("jefe1", "accepted", unlock_key)]

    asyncio.run(main())


def test_an_address_that_keeps_failing_backs_off_with_429(tmp_path):
    async def main():
        async with running_central(tmp_path) as c, from_address("127.0.0.3") as s:
            api = c.api_url
            answers = []
            for n in range(12):  # a different name each time: no per-user lock helps here
                answers.append(await _login(s, api, f"nadie{n}", "x"))
            assert [a[0] for a in answers[:10]] == [401] * 10
            status, body, headers = answers[10]
            assert (status, body["reason"]) == (429, "too_many"), body
            assert int(headers["Retry-After"]) >= 1
            # Another address is not held up by it.
            assert (await login(api, "operadora1"))["user"] == "operadora1"

    asyncio.run(main())


def test_login_bodies_are_capped_and_a_flood_of_logins_gets_429_not_a_queue(tmp_path):
    async def main():
        async with running_central(tmp_path) as c, aiohttp.ClientSession() as s:
            api = c.api_url
            huge = b'{"username": "operadora1", "password": "' + b"a" * 8000 + b'"}'
            async with s.post(f"{api}/api/v1/auth/login", data=huge) as r:
                assert r.status == 413, await r.text()
            # Chunked (no Content-Length): still cut at the cap.

            async def chunks():
                for _ in range(10):
                    yield b"a" * 1000

            async with s.post(f"{api}/api/v1/auth/login", data=chunks()) as r:
                assert r.status == 413

            # 60 fake logins at once, each from its own address (no back-off applies).
            async def fake(n: int) -> tuple[int, str | None]:
                async with from_address(f"127.0.1.{n + 1}") as one, one.post(
                        f"{api}/api/v1/auth/login",
                        json={"username": "operadora1", "password": "x" * 20}) as r:
                    return r.status, r.headers.get("Retry-After")

            answers = await asyncio.gather(*(fake(n) for n in range(60)))
            statuses = [a[0] for a in answers]
            assert set(statuses) == {401, 429}, statuses
            assert all(retry and int(retry) >= 1 for status, retry in answers if status == 429)
            assert statuses.count(401) <= 20  # the bounded queue, not all 60
            assert (await login(api, "operadora1"))["user"] == "operadora1"

    asyncio.run(main())
