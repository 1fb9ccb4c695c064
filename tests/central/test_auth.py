"""Logins, lockout, tokens and role checks over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import time

import aiohttp
from argon2 import PasswordHasher

from c4console.central import accounts, queries
from c4console.central.passwords import HASHER
from tests.central.helpers import (
    TEST_PASSWORD,
    all_changes,
    client,
    get_json,
    key,
    login,
    new_incident,
    post_commands,
    running_central,
)


async def _status(s: aiohttp.ClientSession, method: str, url: str, **kw) -> tuple[int, dict]:
    async with s.request(method, url, **kw) as r:
        return r.status, await r.json()


def test_login_gives_a_token_that_opens_the_api_and_nothing_else_does(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, aiohttp.ClientSession() as s:
            api = f"{c.api_url}/api/v1"
            answer = await login(c.api_url, " OperAdora1 ")  # names ignore case and blanks
            assert (answer["user"], answer["role"]) == ("operadora1", "operator")
            assert 11.9 * 3600 < answer["expires_at"] - time.time() <= 12 * 3600
            bearer = {"Authorization": f"Bearer {answer['token']}"}
            assert (await _status(s, "GET", f"{api}/units", headers=bearer))[0] == 200

            for headers, why in [({}, "missing 'Authorization: Bearer <token>'"),
                                 ({"Authorization": "Basic b3A6eA=="}, "must be 'Bearer <token>'"),
                                 ({"Authorization": "Bearer nope"}, "token unknown or revoked")]:
                for method, path in [("GET", "/units"), ("GET", "/changes"), ("POST", "/commands"),
                                     ("GET", "/incidents/x"), ("GET", "/devices")]:
                    status, body = await _status(s, method, f"{api}{path}", headers=headers)
                    assert status == 401 and why in body["error"], (method, path, body)
            # Public: health, the OpenAPI document, the login itself; unknown paths say 404.
            assert (await _status(s, "GET", f"{api}/health"))[0] == 200
            assert (await _status(s, "GET", f"{api}/openapi.json"))[1]["openapi"] == "3.1.0"
            assert (await _status(s, "GET", f"{api}/nowhere"))[0] == 404
            # ?token= is for the stream only; on other endpoints it is ignored.
            status, _ = await _status(s, "GET", f"{api}/units", params={"token": answer["token"]})
            assert status == 401
            async with s.ws_connect(f"{api}/stream?since=0&token={answer['token']}") as ws:
                assert (await ws.receive_json(timeout=5))["type"] == "hello"

            # Logout revokes the token.
            assert (await _status(s, "POST", f"{api}/auth/logout", headers=bearer))[0] == 200
            status, body = await _status(s, "GET", f"{api}/units", headers=bearer)
            assert status == 401 and "revoked" in body["error"]

            for bad in [b"{", b"[]", b'{"username": "x"}', b'{"username": 1, "password": "p"}']:
                status, body = await _status(s, "POST", f"{api}/auth/login", data=bad)
                assert status == 400 and "error" in body, bad

    asyncio.run(main())


def test_five_failures_lock_the_account_for_ten_minutes(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c:
            assert c.reader is not None and c.authenticator is not None
            for n in range(4):
                answer = await login(c.api_url, "operadora2", f"wrong-{n}", status=401)
                assert answer["reason"] == "bad_credentials"
            fifth = await login(c.api_url, "operadora2", "wrong-4", status=401)
            assert fifth["reason"] == "locked" and "locked until" in fifth["error"]
            assert 590 < fifth["locked_until"] - time.time() <= 600
            # Locked: even the right password is refused, and that is logged too.
            again = await login(c.api_url, "operadora2", TEST_PASSWORD, status=401)
            assert again["reason"] == "locked"
            unknown = await login(c.api_url, "nadie", "x", status=401)
            assert unknown == {"error": "wrong user name or password", "reason": "bad_credentials"}
            kinds = [(e["kind"], e["count"]) for e in queries.security_events(c.reader.engine)]
            # The five identical failures are one row counted 5 (issue 16 point 11).
            assert kinds == [("login_failed", 5), ("account_locked", 1), ("login_while_locked", 1),
                             ("login_failed", 1)]
            # Other accounts are not affected; when the lock ends she can log in again.
            await login(c.api_url, "operadora1")
            assert c.service is not None
            await c.service.write(lambda tx: tx.conn.execute(
                accounts.t.login_locks.update().where(accounts.t.login_locks.c.user_name == "operadora2")
                .values(locked_until=time.time() - 1)))
            assert (await login(c.api_url, "operadora2"))["user"] == "operadora2"
            user = accounts.get_user(c.reader.engine, "operadora2")
            assert user is not None and user.failed_logins == 0 and user.locked_until is None

    asyncio.run(main())


def test_roles_are_checked_at_the_central_for_every_command(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as op, \
                client(c.api_url, "supervisora1") as sup, client(c.api_url, "jefe1") as lead:
            api = c.api_url
            iid = await new_incident(op, api)
            off = {"type": "unit_status", "unit_id": "P07", "status": "out_of_service",
                   "reason": "llanta ponchada"}
            for session, who in [(op, "operator"), (sup, "supervisor")]:
                (r,) = await post_commands(session, api, {"key": key(), **off})
                assert (r["outcome"], r["reason"]) == ("rejected", "forbidden"), r
                assert f"role {who} may not send unit_status with status=out_of_service" in r["message"]
                assert "(allowed: shift_lead, admin)" in r["message"]
            (r,) = await post_commands(lead, api, {"key": key(), **off})
            assert r["outcome"] == "accepted", r
            # Every role works incidents; an operator brings the unit back.
            res = await post_commands(sup, api, {"key": key(), "type": "acknowledge", "incident_id": iid},
                                      {"key": key(), "type": "add_note", "incident_id": iid,
                                       "text": "supervisión"})
            assert [x["outcome"] for x in res] == ["accepted", "accepted"]
            (r,) = await post_commands(op, api, {"key": key(), "type": "unit_status", "unit_id": "P07",
                                                 "status": "available"})
            assert r["outcome"] == "accepted"

            # The actor is who logged in, whatever the body claims.
            async with lead.post(f"{api}/api/v1/commands", json={
                    "actor": "operadora1", "workstation": "C4-JEFE",
                    "commands": [{"key": key(), "type": "add_note", "incident_id": iid,
                                  "text": "firma"}]}) as resp:
                assert resp.status == 200
            notes = [ch["data"] for ch in await all_changes(op, api)
                     if ch["entity"] == "event" and ch["data"]["kind"] == "note"]
            assert [(n["text"], n["actor"]) for n in notes] == [("supervisión", "supervisora1"),
                                                                ("firma", "jefe1")]

            # Refusals are security events; reading them is for supervisors and admins.
            status, body = await _status(op, "GET", f"{api}/api/v1/security-events")
            assert status == 403 and "role operator may not read security events" in body["error"]
            events = (await get_json(sup, f"{api}/api/v1/security-events"))["events"]
            refused = [e for e in events if e["kind"] == "command_refused"]
            assert len(refused) == 2 and "operadora1 (operator)" in refused[0]["detail"]
            assert refused[0]["source"] == "127.0.0.1"
            page = await get_json(sup, f"{api}/api/v1/security-events?since={events[0]['id']}&limit=1")
            assert [e["id"] for e in page["events"]] == [events[1]["id"]]
            assert page["last_id"] == events[1]["id"]

    asyncio.run(main())


def test_tokens_expire_and_the_stream_closes_with_them(tmp_path, db_url):
    async def main():
        # 2 s tokens
        async with running_central(tmp_path, db_url, token_hours=2 / 3600) as c, \
                aiohttp.ClientSession() as s:
            answer = await login(c.api_url)
            bearer = {"Authorization": f"Bearer {answer['token']}"}
            stream = f"{c.api_url.replace('http', 'ws', 1)}/api/v1/stream?since=0"
            async with s.ws_connect(stream, headers=bearer) as ws:
                assert (await ws.receive_json(timeout=5))["type"] == "hello"
                while True:
                    msg = await ws.receive(timeout=10)
                    if msg.type is aiohttp.WSMsgType.CLOSE:
                        break
                assert ws.close_code == 1008 and "token expired" in msg.extra
            status, body = await _status(s, "GET", f"{c.api_url}/api/v1/units", headers=bearer)
            assert status == 401 and "token expired at" in body["error"]

    asyncio.run(main())


def test_an_old_hash_is_upgraded_at_the_next_login(tmp_path):
    async def main():
        async with running_central(tmp_path, accounts=[]) as c:
            assert c.service is not None and c.reader is not None
            old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("vieja-clave-1")
            await c.service.write(lambda tx: accounts.add_user(tx, "antigua", "operator", old))
            await login(c.api_url, "antigua", "vieja-clave-1")
            user = accounts.get_user(c.reader.engine, "antigua")
            assert user is not None and user.password_hash != old
            assert not HASHER.check_needs_rehash(user.password_hash)
            await login(c.api_url, "antigua", "vieja-clave-1")  # the new hash verifies

    asyncio.run(main())
