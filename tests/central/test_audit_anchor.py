"""External anchors of the audit chain, on SQLite and PostgreSQL: a log rewritten wholesale
(every hash recomputed) still passes the plain chain check but not the anchors, which name the
first anchor that does not match; a truncated log is detected; a clean log passes; the central
appends anchors by itself; the settings come from the environment and the TOML file."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from c4console.central import audit, audit_anchor, cli
from c4console.central.config import ConfigError, resolve
from c4console.central.db import create_db_engine
from c4console.central.schema import counters
from tests.central.helpers import client, login, new_incident, running_central


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _rows(engine) -> list[dict]:
    log = audit.audit_log
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(log).order_by(log.c.seq))]


def _store(engine, rows: list[dict]) -> None:
    """Write ``rows`` back over the stored entries of the same seqs."""
    log = audit.audit_log
    with engine.begin() as conn:
        for r in rows:
            conn.execute(update(log).where(log.c.seq == r["seq"])
                         .values({k: v for k, v in r.items() if k != "seq"}))


def _rewrite_from(rows: list[dict], seq: int, change) -> list[dict]:
    """The chain as a forger with database access makes it: entry ``seq`` changed by
    ``change``, and every hash from there on recomputed so the chain is consistent again."""
    out = [dict(r) for r in rows]
    prev = audit.GENESIS
    for r in out:
        if r["seq"] == seq:
            change(r)
        if r["seq"] >= seq:
            r["prev_hash"] = prev
            r["hash"] = audit.entry_hash(prev, r)
        prev = r["hash"]
    return out


def test_anchors_catch_a_consistent_rewrite_and_a_truncation(tmp_path, db_url, capsys):
    anchors = tmp_path / "worm" / "anchors.jsonl"
    anchors.parent.mkdir()

    async def actions(n: int) -> None:
        async with running_central(tmp_path, db_url, seed=n == 0) as c:
            api = c.api_url
            await login(api, "operadora2", "wrong", status=401)
            async with client(api, "operadora1") as s:
                for _ in range(n + 1):
                    await new_incident(s, api)

    asyncio.run(actions(0))
    status, out, _ = _run(capsys, "audit", "anchor", "--db", db_url, "--file", str(anchors))
    assert status == 0, out
    first = json.loads(out)
    assert set(first) == {"seq", "hash", "at"} and first["seq"] >= 3
    asyncio.run(actions(1))
    status, out, _ = _run(capsys, "audit", "anchor", "--db", db_url, "--file", str(anchors))
    second = json.loads(out)
    assert second["seq"] > first["seq"]
    assert [json.loads(line) for line in anchors.read_text().splitlines()] == [first, second]

    # A clean log matches its anchors.
    status, out, _ = _run(capsys, "audit", "verify", "--db", db_url, "--anchors", str(anchors))
    assert status == 0 and "audit log OK" in out and "2 external anchor(s) match" in out, out

    engine = create_db_engine(db_url)
    try:
        original = _rows(engine)
        # 1. Rewritten wholesale: the refused login of the first run becomes an accepted one,
        # and every hash after it is recomputed. The chain alone cannot tell.
        forged_seq = next(r["seq"] for r in original if r["action"] == "login" and r["outcome"] == "refused")
        assert forged_seq < first["seq"]
        _store(engine, _rewrite_from(original, forged_seq, lambda r: r.update(outcome="accepted")))
        status, out, _ = _run(capsys, "audit", "verify", "--db", db_url)
        assert status == 0 and "audit log OK" in out, out
        status, out, _ = _run(capsys, "audit", "verify", "--db", db_url, "--anchors", str(anchors))
        assert status == 1 and "BROKEN" in out, out
        problems = [line.strip() for line in out.splitlines() if line.startswith("  ")]
        assert problems[0].startswith(f"anchor at line 1 of {anchors} (seq {first['seq']}"), out
        assert "does not match" in problems[0] and "rewritten at or before" in problems[0], out
        assert len(problems) == 2 and "line 2" in problems[1], out  # the later anchor too
        status, out, _ = _run(capsys, "audit", "verify", "--db", db_url, "--anchors", str(anchors),
                              "--json")
        report = json.loads(out)
        assert status == 1 and report["anchors"] == 2
        assert [p["kind"] for p in report["problems"]] == ["anchor", "anchor"]

        # A rewrite after the last anchor is not something the anchors can see: put it back.
        _store(engine, original)
        assert _run(capsys, "audit", "verify", "--db", db_url, "--anchors", str(anchors))[0] == 0

        # 2. Truncated after the first anchor, the counter lowered to match: the chain is
        # consistent, the second anchor is past the end.
        log = audit.audit_log
        with engine.begin() as conn:
            conn.execute(delete(log).where(log.c.seq > first["seq"]))
            conn.execute(update(counters).where(counters.c.name == audit.AUDIT_SEQ)
                         .values(value=first["seq"]))
        assert _run(capsys, "audit", "verify", "--db", db_url)[0] == 0
        status, out, _ = _run(capsys, "audit", "verify", "--db", db_url, "--anchors", str(anchors))
        assert status == 1, out
        assert f"anchor at line 2 of {anchors} (seq {second['seq']}" in out, out
        assert f"the log ends at seq {first['seq']}" in out and "truncated" in out, out
        assert "line 1" not in out, out  # the first anchor still matches
    finally:
        engine.dispose()


def test_a_bad_anchor_file_is_refused_with_its_line(tmp_path, capsys, caplog):
    url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    assert _run(capsys, "migrate", "--db", url)[0] == 0
    bad = tmp_path / "anchors.jsonl"
    bad.write_text('# printed 2026-12-01\n{"seq": 0, "hash": "' + "0" * 64 + '", "at": 0}\n'
                   '{"seq": 3, "hash": "abc", "at": "2026-12-01T00:00:00Z"}\n')
    status, out, _ = _run(capsys, "audit", "verify", "--db", url, "--anchors", str(bad))
    assert status == 2 and out == "", out
    assert f"anchor file {bad} line 3: 'hash' must be 64 lowercase hex digits" in caplog.text
    assert "nothing was verified" in caplog.text
    caplog.clear()
    status, _, _ = _run(capsys, "audit", "verify", "--db", url, "--anchors", str(tmp_path / "none"))
    assert status == 2 and "No such file" in caplog.text, caplog.text
    # An empty log anchors as seq 0 (the genesis), which verifies.
    status, out, _ = _run(capsys, "audit", "anchor", "--db", url)
    assert status == 0 and json.loads(out)["seq"] == 0 and json.loads(out)["hash"] == audit.GENESIS
    # The anchor file's folder must exist: a missing share is not silently made locally;
    # the line is still printed, to be copied by hand.
    caplog.clear()
    status, out, _ = _run(capsys, "audit", "anchor", "--db", url, "--file",
                          str(tmp_path / "no-share" / "anchors.jsonl"))
    assert status == 2 and json.loads(out)["seq"] == 0 and "NOT appended" in caplog.text


async def _until(condition, timeout: float = 60) -> None:
    """Wait until ``condition()`` holds (the timeout only bounds a failure)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met"
        await asyncio.sleep(0.05)


def test_the_central_anchors_by_itself_every_period(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    anchors = tmp_path / "anchors.jsonl"

    def lines() -> list[dict]:
        return [json.loads(x) for x in anchors.read_text().splitlines()] if anchors.exists() else []

    async def anchored_head(engine, at_least: int) -> dict:
        """Wait until the log holds ``at_least`` entries (they are committed in groups) and the
        file's last line is the log's head; that line."""
        deadline = time.monotonic() + 60
        while True:
            now = await asyncio.to_thread(audit_anchor.head, engine)
            if now.seq >= at_least and lines() and (lines()[-1]["seq"], lines()[-1]["hash"]) == (
                    now.seq, now.hash):
                return lines()[-1]
            assert time.monotonic() < deadline, f"no anchor of seq {now.seq}: {lines()}"
            await asyncio.sleep(0.05)

    async def main() -> None:
        # 0.005 minutes: a line every 0.3 s while the head moves.
        async with running_central(tmp_path, url, audit_anchor_file=anchors,
                                   audit_anchor_minutes=0.005) as c:
            api, engine = c.api_url, c.reader.engine
            await login(api, "operadora1")
            first = await anchored_head(engine, 1)
            async with client(api, "operadora1") as s:
                await new_incident(s, api)  # a login and a command: two entries more
            await anchored_head(engine, first["seq"] + 2)
            idle, passes = len(lines()), c.anchors.passes
            await _until(lambda: c.anchors.passes >= passes + 3)  # three periods without an action
            assert len(lines()) == idle  # no new line
            await login(api, "operadora2", "wrong", status=401)
        # At stop the final head is anchored, after the last entries were committed.

    asyncio.run(main())
    written = lines()
    assert [a["seq"] for a in written] == sorted({a["seq"] for a in written})
    engine = create_db_engine(url)
    try:
        last = _rows(engine)[-1]
    finally:
        engine.dispose()
    assert (written[-1]["seq"], written[-1]["hash"]) == (last["seq"], last["hash"])
    assert last["action"] == "login" and last["outcome"] == "refused"
    status, out, _ = _run(capsys, "audit", "verify", "--db", url, "--anchors", str(anchors))
    assert status == 0 and f"{len(written)} external anchor(s) match" in out, out

    # The command line finds the anchor file in the environment too.
    monkeypatch.setenv("C4_AUDIT_ANCHOR_FILE", str(anchors))
    status, out, _ = _run(capsys, "audit", "anchor", "--db", url)
    assert status == 0 and lines()[-1] == json.loads(out)


def test_anchor_settings_from_the_file_and_the_environment(tmp_path):
    toml = tmp_path / "c4central.toml"
    toml.write_text('db = "sqlite:///x.sqlite"\n[audit]\nanchor_file = "/mnt/worm/a.jsonl"\n'
                    'anchor_minutes = 15\n')
    got = resolve({}, toml, environ={})
    assert got["audit_anchor_file"] == Path("/mnt/worm/a.jsonl") and got["audit_anchor_minutes"] == 15
    assert got.sources["audit_anchor_file"] == f"{toml} key audit_anchor_file"
    got = resolve({}, toml, environ={"C4_AUDIT_ANCHOR_MINUTES": "5"})
    assert got["audit_anchor_minutes"] == 5 and got.sources["audit_anchor_minutes"].startswith("environment")
    got = resolve({"audit_anchor_minutes": "1"}, toml, environ={"C4_AUDIT_ANCHOR_MINUTES": "5"})
    assert got["audit_anchor_minutes"] == 1
    assert resolve({}, None, environ={})["audit_anchor_file"] is None

    toml.write_text("[audit]\nanchor_minutes = 0\n")
    with pytest.raises(ConfigError, match="audit_anchor_minutes .* must be a positive number"):
        resolve({}, toml, environ={})
    toml.write_text('audit_anchor_file = "a"\n[audit]\nanchor_file = "b"\n')
    with pytest.raises(ConfigError, match="audit_anchor_file is set twice"):
        resolve({}, toml, environ={})
    toml.write_text("[audit]\nanchor_fiel = 3\n")
    with pytest.raises(ConfigError, match="unknown key.*audit_anchor_fiel"):
        resolve({}, toml, environ={})
