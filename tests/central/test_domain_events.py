"""Domain events at the central: what a decision announces reaches the handlers subscribed to
its type (``Service.on``) inside the deciding transaction, so what a handler writes commits
with the decision — and a decision rolled back sends nothing."""

from __future__ import annotations

import asyncio
import threading
import uuid

import sqlalchemy as sa

from c4console.central import schema
from c4console.central.records import Tx
from c4console.core.domain_events import ChatReplied, MediaReceived, PanicActivated
from c4console.core.models import TimelineEvent
from tests.central.helpers import (
    IN_S3,
    PANIC_DEVICE,
    all_changes,
    client,
    get_json,
    key,
    post_commands,
    running_central,
)

T0 = 1764530000
HER = "+5216861234567"


def test_a_panic_activation_reaches_its_subscriber_inside_the_deciding_transaction(tmp_path, db_url):
    seen: list[tuple[PanicActivated, bool, str]] = []
    others: list[object] = []

    def on_panic(tx: Tx, e: PanicActivated) -> None:
        # Inside the transaction: the incident it opened is there, not yet committed.
        seen.append((e, tx.get("incident", e.incident_id) is not None,
                     threading.current_thread().name))
        tx.put(TimelineEvent(str(uuid.uuid4()), e.incident_id, tx.now, "note", "test:subscriber",
                             f"visto {e.folio}"))

    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as op:
            c.service.on(PanicActivated, on_panic)
            c.service.on(ChatReplied, lambda tx, e: others.append(e))
            c.service.on(MediaReceived, lambda tx, e: others.append(e))
            params = {"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1], "timestamp": T0,
                      "alarm": "sos"}
            async with op.get(f"{c.osmand_url}/", params=params) as r:
                assert r.status == 200
            (inc,) = (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            ((event, visible, thread),) = seen
            assert event == PanicActivated(inc["id"], inc["folio"], "B0042", PANIC_DEVICE,
                                           inc["created_at"], IN_S3[0], IN_S3[1], test=False)
            assert visible and thread.startswith("c4central-writer")
            # What the subscriber wrote was committed with the alarm, right after its records.
            changes = await all_changes(op, c.api_url)
            mine = [ch for ch in changes if ch["entity"] == "event"
                    and ch["data"]["incident_id"] == inc["id"]]
            assert [(e["data"]["kind"], e["data"]["text"]) for e in mine] == [
                ("created", "panic_button"), ("note", f"visto {inc['folio']}")]
            # A repeat activation (and a plain position) announces nothing new.
            for n, alarm in enumerate(("sos", None), 1):
                async with op.get(f"{c.osmand_url}/", params={**params, "timestamp": T0 + n,
                                                               "alarm": alarm or ""}) as r:
                    assert r.status == 200
            await post_commands(op, c.api_url, {"key": key(), "type": "add_note",
                                                "incident_id": inc["id"], "text": "nota"})
            assert len(seen) == 1 and others == []

    asyncio.run(main())


def test_a_decision_rolled_back_by_a_failing_subscriber_sends_nothing(tmp_path):
    failing = [True]
    queued_before_failing: list[int] = []

    def fail(tx: Tx, e: ChatReplied) -> None:
        if failing[0]:
            box = schema.gateway_outbox
            queued_before_failing.append(tx.conn.execute(
                sa.select(sa.func.count()).select_from(box).where(box.c.id == f"wa:{e.event_id}")
            ).scalar_one())
            raise RuntimeError("subscriber failed")

    async def main():
        async with running_central(tmp_path) as c, client(c.api_url) as op:
            # After the WhatsApp gateway's subscriber: its outbox row is written, then undone.
            c.service.on(ChatReplied, fail)
            iid = str(uuid.uuid4())
            (res,) = await post_commands(op, c.api_url, {
                "key": key(), "type": "create_incident", "incident_id": iid,
                "channel": "whatsapp", "caller": HER})
            assert res["outcome"] == "accepted", res
            reply = {"key": key(), "type": "chat_message", "incident_id": iid, "direction": "out",
                     "kind": "text", "text": "Vamos en camino"}
            async with op.post(f"{c.api_url}/api/v1/commands",
                               json={"workstation": "C4-OP-03", "commands": [reply]}) as r:
                body = await r.json()
                assert r.status == 500, body
            assert "subscriber failed" in body["error"] and body["results"] == []
            assert queued_before_failing == [1]  # the gateway's row was in the transaction…
            assert await c.reader.run(_outbox) == []  # …and went with its rollback
            chats = [ch for ch in await all_changes(op, c.api_url)
                     if ch["entity"] == "event" and ch["data"]["kind"] == "chat_message"]
            assert chats == []

            failing[0] = False
            (res,) = await post_commands(op, c.api_url, reply)  # not a duplicate: never decided
            assert res["outcome"] == "accepted", res
            ((row_id, payload),) = await c.reader.run(_outbox)
            (chat,) = [ch for ch in await all_changes(op, c.api_url)
                       if ch["entity"] == "event" and ch["data"]["kind"] == "chat_message"]
            assert row_id == f"wa:{chat['id']}"
            assert payload == {"event_id": chat["id"], "to": HER.lstrip("+"),
                               "text": "Vamos en camino", "buttons": []}

    asyncio.run(main())


def _outbox(engine: sa.Engine) -> list[tuple[str, dict]]:
    box = schema.gateway_outbox
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(sa.select(box.c.id, box.c.payload))]
