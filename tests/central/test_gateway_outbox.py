"""The gateways' outbox: a WhatsApp reply that failed survives SIGKILL of the central and
reaches the (fake) Cloud API exactly once after the restart; two nodes on one PostgreSQL
draining one outbox send every message once; two nodes receiving the first messages of
one WhatsApp conversation at once open exactly one incident; and the claim itself hands
a row to one claimer only."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
from sqlalchemy import create_engine, insert, select

from c4console.central import schema as t
from c4console.central.db import open_database
from c4console.central.gateways import outbox
from c4console.central.server import Central, CentralConfig
from c4console.resources import load_catalogue
from tests.central.helpers import (
    TEST_ACCOUNTS,
    TEST_PASSWORD,
    client,
    jurisdiction,
    key,
    login,
    password_file,
    post_commands,
)
from tests.central.nodes import start_node, wait_ready
from tests.central.whatsapp_fake import (
    APP_SECRET,
    PHONE_NUMBER_ID,
    TOKEN,
    VERSION,
    fake_cloud_api,
    notification,
    post_webhook,
    status,
    text,
)

HER = "5216861234567"


async def _until(fn, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while True:
        value = await fn()
        if value or time.monotonic() > deadline:
            return value
        await asyncio.sleep(0.1)


async def _feed_events(api: str, token: str, kind: str) -> list[dict[str, Any]]:
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as s, \
            s.get(f"{api}/api/v1/changes?since=0&limit=5000") as r:
        body = await r.json()
    return [c["data"] for c in body["changes"] if c["entity"] == "event" and c["data"]["kind"] == kind]


def _rows(db_url: str) -> list[Any]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(t.gateway_outbox)).all()
    finally:
        engine.dispose()


# -- a reply survives SIGKILL ----------------------------------------------------------

def test_a_failed_reply_survives_sigkill_and_is_sent_once_after_the_restart(tmp_path):
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"
    secret = password_file(tmp_path / "secrets", TEST_PASSWORD)

    async def main():
        async with fake_cloud_api() as api:
            env = {"C4_WHATSAPP_VERIFY_TOKEN": "v", "C4_WHATSAPP_APP_SECRET": APP_SECRET,
                   "C4_WHATSAPP_TOKEN": TOKEN, "C4_WHATSAPP_API_BASE": f"{api.url}/{VERSION}",
                   "C4_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID}

            def start(name: str):
                return wait_ready(tmp_path / name, start_node(
                    tmp_path / name, "--db", db, "--bootstrap-user", "operadora1:operator",
                    "--bootstrap-password-file", str(secret), env=env))

            node = await asyncio.to_thread(start, "first")
            try:
                _, answer = await post_webhook(node.api, notification(
                    messages=[text(HER, "wamid.K1", "Ayuda")]))
                iid = answer["messages"][0]["incident_id"]
                api.answers = [500]  # the Cloud API fails the first attempt
                token = (await login(node.api))["token"]
                async with client(node.api) as s:
                    (res,) = await post_commands(s, node.api, {
                        "key": key(), "type": "chat_message", "incident_id": iid,
                        "direction": "out", "text": "Vamos en camino"})
                assert res["outcome"] == "accepted", res
                retry = await _until(lambda: _statuses(node.api, token, "retry"))
                assert retry and retry[0]["data"]["retry_in_s"] == 2.0, retry
            finally:
                node.proc.kill()  # SIGKILL: the retry waits in the database, not in memory
                node.proc.wait()
            assert len(api.requests) == 1
            (row,) = _rows(db)
            assert (row.state, row.attempts, row.lease_owner) == ("pending", 1, None)

            node = await asyncio.to_thread(start, "second")
            try:
                token = (await login(node.api))["token"]
                sent = await _until(lambda: _statuses(node.api, token, "sent"))
                assert sent and sent[0]["data"]["attempt"] == 2, sent
            finally:
                assert node.stop() == 0
            assert api.problems == []
            assert [r["json"]["text"]["body"] for r in api.requests] == ["Vamos en camino"] * 2
            (row,) = _rows(db)
            assert (row.state, row.attempts, row.external_id) == ("sent", 2, "wamid.FAKE0002")
            assert "Traceback" not in node.log.read_text()

    asyncio.run(main())


async def _statuses(api: str, token: str, state: str) -> list[dict[str, Any]]:
    return [e for e in await _feed_events(api, token, "chat_status") if e["data"]["status"] == state]


# -- several nodes on one PostgreSQL ---------------------------------------------------

@contextlib.asynccontextmanager
async def _nodes(url: str, n: int, **options: Any) -> AsyncIterator[list[Central]]:
    """``n`` in-process centrals (node-0, node-1…) on one database."""
    async with contextlib.AsyncExitStack() as stack:
        nodes = []
        for i in range(n):
            cfg = CentralConfig(db_url=url, catalogue=load_catalogue(), jurisdiction=jurisdiction(),
                                listen=("127.0.0.1", 0), osmand_listen=("127.0.0.1", 0),
                                server_id=f"node-{i}", accounts=TEST_ACCOUNTS, **options)
            nodes.append(await stack.enter_async_context(Central(cfg)))
        yield nodes


def test_two_nodes_draining_one_outbox_send_each_reply_once(tmp_path, postgres):
    replies = [f"Respuesta {n:02d}" for n in range(20)]

    async def main(url: str):
        async with fake_cloud_api() as api, _nodes(url, 2, whatsapp=api.settings(),
                                                   outbox_poll_s=0.2) as (a, b):
            _, answer = await post_webhook(a.api_url, notification(
                messages=[text(HER, "wamid.N1", "Ayuda")]))
            iid = answer["messages"][0]["incident_id"]
            # Sends hang in the fake until both nodes hold a full batch each (a node has
            # at most BATCH in flight): only possible if B claimed what A had not.
            api.hold = asyncio.Event()
            async with client(a.api_url) as s:
                results = await post_commands(s, a.api_url, *[
                    {"key": key(), "type": "chat_message", "incident_id": iid, "direction": "out",
                     "text": body} for body in replies])
            assert {r["outcome"] for r in results} == {"accepted"}

            async def both_busy():
                return api.held >= 2 * outbox.BATCH

            assert await _until(both_busy), f"{api.held} sends in flight"
            api.hold.set()
            sent = await _until(lambda: _sent(a, iid, len(replies)))
            assert len(sent) == len(replies), sent
            bodies = sorted(r["json"]["text"]["body"] for r in api.requests)
            assert bodies == replies  # each once
            assert {e["data"]["node"] for e in sent} == {"node-0", "node-1"}
            assert {r.state for r in await asyncio.to_thread(_rows, url)} == {"sent"}

    with postgres.database() as url:
        asyncio.run(main(url))


async def _sent(c: Central, iid: str, n: int) -> list[dict[str, Any]]:
    changes, _ = await c.reader.changes_since(0, 5000)
    sent = [ch.data for ch in changes if ch.entity == "event" and ch.data["kind"] == "chat_status"
            and ch.data["incident_id"] == iid and ch.data["data"]["status"] == "sent"]
    return sent if len(sent) >= n else []


def test_first_messages_of_one_conversation_on_two_nodes_open_one_incident(tmp_path, postgres):
    numbers = [f"52168600000{n:02d}" for n in range(12)]
    start = int(time.time()) - 60

    async def main(url: str):
        async with fake_cloud_api() as api, _nodes(url, 2, whatsapp=api.settings()) as (a, b):
            async def first(node: Central, number: str, wamid: str, body: str, at: int):
                return await post_webhook(node.api_url, notification(
                    messages=[text(number, wamid, body, timestamp=at)]))

            answers = await asyncio.gather(*[
                call for n, number in enumerate(numbers) for call in (
                    first(a, number, f"wamid.{n}.1", "Hola C4", start + n),
                    first(b, number, f"wamid.{n}.2", "Necesito ayuda", start + n + 1))])
            assert {status for status, _ in answers} == {200}, answers
            changes, _ = await a.reader.changes_since(0, 5000)
            incidents = [ch.data for ch in changes if ch.entity == "incident"]
            by_caller: dict[str, set[str]] = {}
            for inc in incidents:
                by_caller.setdefault(inc["caller"], set()).add(inc["id"])
            assert {caller: len(ids) for caller, ids in by_caller.items()} == {
                f"+{number}": 1 for number in numbers}
            chat = [ch.data for ch in changes if ch.entity == "event"
                    and ch.data["kind"] == "chat_message"]
            for n, number in enumerate(numbers):
                (iid,) = by_caller[f"+{number}"]
                mine = sorted((e for e in chat if e["incident_id"] == iid),
                              key=lambda e: int(e["data"]["wa_timestamp"]))
                assert [e["text"] for e in mine] == ["Hola C4", "Necesito ayuda"], mine
                assert [e["data"]["wa_timestamp"] for e in mine] == [str(start + n),
                                                                     str(start + n + 1)]
            # Every answer names the incident the message landed on.
            for _, answer in answers:
                (m,) = answer["messages"]
                assert m["outcome"] == "accepted", answer

    with postgres.database() as url:
        asyncio.run(main(url))


def test_a_status_resent_to_both_nodes_is_recorded_once(tmp_path, postgres):
    """Meta resends a status notification until it gets a 200, to whichever node the load
    balancer picks: 'delivered' and 'read' of one message land once on her timeline."""
    async def main(url: str):
        async with fake_cloud_api() as api, _nodes(url, 2, whatsapp=api.settings()) as (a, b):
            _, opened = await post_webhook(a.api_url, notification(messages=[text(HER, "wamid.S1", "Hola")]))
            iid = opened["messages"][0]["incident_id"]
            notes = notification(statuses=[status("wamid.OUT1", HER, "delivered"),
                                           status("wamid.OUT1", HER, "read")])
            answers = await asyncio.gather(*[post_webhook(node.api_url, notes)
                                             for node in (a, b, a, b)])
            assert [code for code, _ in answers] == [200] * 4, answers
            changes, _ = await b.reader.changes_since(0, 5000)
            states = sorted(ch.data["data"]["status"] for ch in changes if ch.entity == "event"
                            and ch.data["kind"] == "chat_status" and ch.data["incident_id"] == iid)
            assert states == ["delivered", "read"], states

    with postgres.database() as url:
        asyncio.run(main(url))


def test_a_row_is_claimed_by_one_of_many_concurrent_claimers(tmp_path, postgres):
    with postgres.database() as url:
        engine = open_database(url)
        try:
            now = time.time()
            with engine.begin() as conn:
                conn.execute(insert(t.gateway_outbox), [
                    {"id": f"row-{n}", "channel": "sms", "incident_id": "i", "payload": {},
                     "state": "pending", "attempts": 0, "next_at": now - 1, "last_error": "",
                     "created_at": now, "updated_at": now} for n in range(60)])
            claimed: dict[str, list[str]] = {}
            barrier = threading.Barrier(6)

            def claimer(owner: str) -> None:
                barrier.wait()
                mine = claimed.setdefault(owner, [])
                while batch := outbox.claim(engine, owner, time.time(), limit=3):
                    mine.extend(item.id for item in batch)

            threads = [threading.Thread(target=claimer, args=(f"node-{n}",)) for n in range(6)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            ids = [i for mine in claimed.values() for i in mine]
            assert sorted(ids) == sorted(f"row-{n}" for n in range(60))  # each exactly once
            # Leased rows are not due for anyone else until the lease runs out.
            assert outbox.claim(engine, "late", time.time()) == []
            assert len(outbox.claim(engine, "late", time.time() + outbox.LEASE_S + 1, 100)) == 60
        finally:
            engine.dispose()
