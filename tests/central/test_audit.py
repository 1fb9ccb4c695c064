"""The audit log over real HTTP and on the database, on SQLite and PostgreSQL: actions make
entries with who/what/outcome, only supervisors and admins read it (a refusal is audited),
and ``c4central audit verify`` names an edited, deleted or swapped entry."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import threading
from collections.abc import AsyncIterator

import aiohttp
from sqlalchemy import delete, insert, select, update

from c4console.central import admin, audit, cli
from c4console.central.db import create_db_engine
from c4console.core.access import Role
from tests.central.helpers import (
    GATEWAY_ACCOUNT,
    PANIC_DEVICE,
    TEST_ACCOUNTS,
    TEST_PASSWORD,
    client,
    get_json,
    key,
    login,
    new_incident,
    panic_alarm,
    post_commands,
    running_central,
)

STATION = {"X-C4-Workstation": "C4-OP-07"}


@contextlib.asynccontextmanager
async def desk(api: str, user: str) -> AsyncIterator[aiohttp.ClientSession]:
    """A session logged in as ``user`` from workstation C4-OP-07 (the header the console sends)."""
    async with aiohttp.ClientSession(headers=STATION) as s:
        async with s.post(f"{api}/api/v1/auth/login",
                          json={"username": user, "password": TEST_PASSWORD}) as r:
            token = (await r.json())["token"]
        s.headers["Authorization"] = f"Bearer {token}"
        yield s


async def _audit(api: str, query: str = "", user: str = "supervisora1") -> list[dict]:
    async with client(api, user) as s:
        limit = "" if "limit=" in query else "&limit=5000"
        return (await get_json(s, f"{api}/api/v1/audit?{query.lstrip('&')}{limit}"))["entries"]


def test_actions_make_entries_with_who_what_from_where_and_the_outcome(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c:
            api = c.api_url
            await login(api, "operadora1", "wrong-password", status=401)
            async with desk(api, "operadora1") as s:
                iid = await new_incident(s, api)
                off = {"key": key(), "type": "unit_status", "unit_id": "P07",
                       "status": "out_of_service", "reason": "llanta"}
                (refused,) = await post_commands(s, api, off)
                assert refused["reason"] == "forbidden"
                async with s.post(f"{api}/api/v1/auth/logout") as r:
                    assert r.status == 200

            mine = await _audit(api, "&actor=operadora1")
            actions = [(e["action"], e["outcome"]) for e in reversed(mine)]  # oldest first
            assert actions == [("login", "refused"), ("login", "accepted"),
                               ("command.create_incident", "accepted"),
                               ("command.unit_status", "rejected"), ("logout", "accepted")], actions
            failed, ok, created, rejected, _ = reversed(mine)
            assert failed["detail"]["reason"] == "bad_credentials" and failed["role"] == ""
            assert (ok["role"], ok["workstation"]) == ("operator", "C4-OP-07")
            # The batch's own workstation field names the desk of its commands.
            assert created["workstation"] == "C4-OP-03" and created["incident_id"] == iid
            assert created["detail"]["seq"] > 0 and created["detail"]["command"]["channel"] == "call_911"
            assert rejected["target"]["unit_id"] == "P07"
            assert rejected["detail"]["reason"] == "forbidden"
            assert "may not send unit_status" in rejected["detail"]["message"]
            assert all(e["source"] == "127.0.0.1" for e in mine)
            assert [e["seq"] for e in mine] == sorted((e["seq"] for e in mine), reverse=True)

            # Filters: incident, action (a prefix up to a dot), time.
            by_incident = await _audit(api, f"&incident={iid}")
            assert [e["action"] for e in by_incident] == ["command.create_incident"]
            commands = await _audit(api, "&action=command")
            assert {e["action"] for e in commands} == {"command.create_incident", "command.unit_status"}
            assert await _audit(api, "&action=comm") == []
            at = created["at"]
            window = await _audit(api, f"&actor=operadora1&since={at}&until={at}")
            assert [e["seq"] for e in window] == [created["seq"]]
            iso = await _audit(api, f"&actor=operadora1&since={audit.iso(at + 1)}")
            assert created["seq"] not in {e["seq"] for e in iso}
            assert len(await _audit(api, "&limit=2")) == 2

            # CSV: a header, then the same rows.
            async with client(api, "admin1") as s, s.get(f"{api}/api/v1/audit",
                                                         params={"actor": "operadora1",
                                                                 "format": "csv"}) as r:
                assert r.status == 200 and r.content_type == "text/csv"
                rows = list(csv.reader(io.StringIO(await r.text())))
            assert tuple(rows[0]) == audit.CSV_COLUMNS
            assert [(row[0], row[6], row[10]) for row in rows[1:]] == [
                (str(e["seq"]), e["action"], e["outcome"]) for e in mine]
            assert rows[-1][3] == "" and rows[-2][1].endswith("Z")

            # Bad queries are refused with the parameter's name.
            async with client(api, "supervisora1") as s:
                for query, word in [("since=yesterday", "since"), ("limit=-1", "limit"),
                                    ("format=xml", "format")]:
                    body = await get_json(s, f"{api}/api/v1/audit?{query}", status=400)
                    assert word in body["error"], body

    asyncio.run(main())


def test_an_operator_is_refused_the_audit_log_and_the_refusal_is_audited(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c:
            api = c.api_url
            for user in ("operadora1", "jefe1"):
                async with desk(api, user) as s:
                    body = await get_json(s, f"{api}/api/v1/audit?actor=admin1", status=403)
                    assert "may not read the audit log" in body["error"], body
                    assert "security event" in body["error"]
            refused = await _audit(api, "&action=audit.read")
            refused = [e for e in refused if e["outcome"] == "refused"]
            assert [(e["actor"], e["role"]) for e in refused] == [("jefe1", "shift_lead"),
                                                                   ("operadora1", "operator")]
            assert refused[1]["workstation"] == "C4-OP-07"
            assert refused[1]["detail"]["query"] == {"actor": "admin1"}
            async with client(api, "admin1") as s:
                events = (await get_json(s, f"{api}/api/v1/security-events"))["events"]
            kinds = [e for e in events if e["kind"] == "audit_refused"]
            assert len(kinds) == 2 and "operadora1 (operator)" in kinds[0]["detail"]
            assert refused[1]["detail"]["security_event"] == kinds[0]["id"]
            # A supervisor's own reads are audited as well.
            reads = await _audit(api, "&actor=supervisora1&action=audit.read")
            assert reads and all(e["outcome"] == "accepted" for e in reads)

    asyncio.run(main())


def _verify(url: str, capsys) -> tuple[int, str]:
    capsys.readouterr()
    status = cli.main(["audit", "verify", "--db", url])
    return status, capsys.readouterr().out


def test_audit_verify_names_an_edited_a_deleted_and_a_swapped_entry(tmp_path, db_url, capsys):
    async def actions():
        async with running_central(tmp_path, db_url) as c:
            api = c.api_url
            await login(api, "operadora2", "wrong", status=401)
            async with client(api, "operadora1") as s:
                for _ in range(3):
                    await new_incident(s, api)
            await _audit(api)

    asyncio.run(actions())
    asyncio.run(admin.add_user(db_url, "operadora9", Role.OPERATOR, TEST_PASSWORD))
    status, out = _verify(db_url, capsys)
    assert status == 0 and "audit log OK" in out, out

    engine = create_db_engine(db_url)
    log = audit.audit_log
    try:
        with engine.connect() as conn:
            rows = {r.seq: dict(r._mapping) for r in conn.execute(select(log).order_by(log.c.seq))}
        last = max(rows)
        assert rows[last]["action"] == "user.add" and rows[last]["actor"].endswith("@cli")
        assert rows[last]["target"] == {"user": "operadora9"} and rows[last]["role"] == "cli"
        first_command = min(s for s, r in rows.items() if r["action"] == "command.create_incident")

        # 1. An entry's detail edited in the database.
        with engine.begin() as conn:
            conn.execute(update(log).where(log.c.seq == first_command)
                         .values(detail={**rows[first_command]["detail"], "seq": 1}))
        status, out = _verify(db_url, capsys)
        assert status == 1 and f"entry {first_command} edited" in out, out
        assert out.count("\n  ") == 1, out  # only that one entry is named
        with engine.begin() as conn:
            conn.execute(update(log).where(log.c.seq == first_command)
                         .values(detail=rows[first_command]["detail"]))
        assert _verify(db_url, capsys)[0] == 0

        # 2. An entry deleted (in the middle; then the last one).
        with engine.begin() as conn:
            conn.execute(delete(log).where(log.c.seq == 3))
        status, out = _verify(db_url, capsys)
        assert status == 1 and "entry 3 deleted" in out, out
        with engine.begin() as conn:
            conn.execute(insert(log).values(rows[3]))
            conn.execute(delete(log).where(log.c.seq == last))
        status, out = _verify(db_url, capsys)
        assert status == 1 and f"entry {last} deleted" in out, out
        with engine.begin() as conn:
            conn.execute(insert(log).values(rows[last]))
        assert _verify(db_url, capsys)[0] == 0

        # 3. Two entries swapped (each takes the other's place in the sequence).
        a, b = 2, 4
        with engine.begin() as conn:
            conn.execute(update(log).where(log.c.seq == a).values(seq=-1))
            conn.execute(update(log).where(log.c.seq == b).values(seq=a))
            conn.execute(update(log).where(log.c.seq == -1).values(seq=b))
        status, out = _verify(db_url, capsys)
        assert status == 1, out
        assert f"entry {a} reordered: it was written as entry {b}" in out, out
        assert f"entry {b} reordered: it was written as entry {a}" in out, out
    finally:
        engine.dispose()


def test_appends_from_several_writers_form_one_linear_chain(tmp_path, db_url):
    # Two "nodes" (engines of their own) appending at once on the same database.
    from c4console.central.db import open_database

    engines = [open_database(db_url), create_db_engine(db_url)]
    logs = [audit.AuditLog(e) for e in engines]

    def work(n: int) -> None:
        for i in range(40):
            logs[n].record(f"user{n}", "operator", "command.add_note", "accepted",
                           target={"incident_id": f"I-{n}-{i}"}, detail={"i": i, "text": "ñ\x00"})

    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        for one in logs:
            one.close()
        assert sum(one.written for one in logs) == 80 and not any(one.lost for one in logs)
        result = audit.verify(engines[0])
        assert result.ok and result.entries == result.head == 80, result.text()
        rows = audit.entries(engines[0], audit.Filter(actor="user1", limit=100))
        assert len(rows) == 40 and rows[0]["detail"]["text"] == "ñ\N{REPLACEMENT CHARACTER}"
    finally:
        for e in engines:
            e.dispose()


def test_audio_sessions_listens_and_recordings_are_audited(tmp_path, db_url):
    from c4console.central.audio.manager import AudioConfig

    async def main():
        audio = AudioConfig(recordings=tmp_path / "recordings")
        async with running_central(tmp_path, db_url, audio=audio,
                                   accounts=[*TEST_ACCOUNTS, GATEWAY_ACCOUNT]) as c:
            api = c.api_url
            await panic_alarm(c.osmand_url)
            async with client(api, "operadora1") as s, \
                    client(api, GATEWAY_ACCOUNT.name) as gateway:
                async with s.get(f"{api}/api/v1/recordings") as r:
                    assert r.status == 403
                async with s.get(f"{api}/api/v1/audio-sessions/nope/listen") as r:
                    assert r.status == 404
                async with gateway.post(f"{api}/api/v1/audio-sessions",
                                        json={"device_id": PANIC_DEVICE, "codec": "PCMU"}) as r:
                    session = await r.json()
                    assert r.status == 201, session
                sid = session["session_id"]
                async with s.ws_connect(f"{api}/api/v1/audio-sessions/{sid}/listen") as ws:
                    assert (await ws.receive_json(timeout=5))["type"] == "audio_hello"
                async with gateway.post(f"{api}/api/v1/audio-sessions/{sid}/end") as r:
                    assert r.status == 200
            async with client(api, "supervisora1") as s, s.get(f"{api}/api/v1/recordings") as r:
                assert r.status == 200
            entries = await _audit(api, "&action=recordings")
            assert [(e["actor"], e["outcome"]) for e in reversed(entries)] == [
                ("operadora1", "refused"), ("supervisora1", "accepted")]
            audio_entries = list(reversed(await _audit(api, "&action=audio")))
            assert [(e["action"], e["outcome"]) for e in audio_entries] == [
                ("audio.listen", "refused"), ("audio.session_create", "accepted"),
                ("audio.listen", "started"), ("audio.listen", "ended"),
                ("audio.session_end", "accepted")], audio_entries
            assert audio_entries[0]["target"] == {"session_id": "nope"}
            assert all(e["target"]["session_id"] == sid for e in audio_entries[1:])
            assert audio_entries[2]["target"]["device_id"] == PANIC_DEVICE
            assert audio_entries[3]["detail"]["seconds"] >= 0

    asyncio.run(main())


def test_the_command_line_audits_its_administration(tmp_path, db_url, capsys):
    async def setup():
        async with running_central(tmp_path, db_url):
            pass

    asyncio.run(setup())
    assert asyncio.run(admin.unlock_user(db_url, "nadie")) is False
    engine = create_db_engine(db_url)
    try:
        (entry,) = audit.entries(engine, audit.Filter(action="user.unlock"))
        assert entry["outcome"] == "refused" and entry["target"] == {"user": "nadie"}
        assert audit.verify(engine).ok
    finally:
        engine.dispose()
