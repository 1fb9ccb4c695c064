"""The local cache: migrations from empty, cursor in the same transaction, outbox."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from c4console.core.changes import Change, FeedGap
from c4console.store.cache import LocalCache
from tests.cache_files import TEST_KEY, connect_cache


def ch(seq: int, entity: str = "unit", rid: str = "P01", **data) -> Change:
    body = {"id": rid, "callsign": f"PM-{rid}", "status": "available", **data}
    return Change(seq, float(seq), entity, rid, "upsert", body)


@pytest.fixture
def cache(tmp_path):
    c = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
    yield c
    c.close()


def test_migrations_from_empty_create_schema_in_wal_full(tmp_path, cache):
    con = connect_cache(tmp_path / "cache.sqlite", TEST_KEY)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    assert {"records", "sync_state", "outbox", "alembic_version"} <= tables
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert con.execute("select version_num from alembic_version").fetchone()[0] == "0001"
    with cache.engine.connect() as c:
        assert c.exec_driver_sql("pragma synchronous").scalar() == 2  # FULL


def test_apply_moves_cursor_and_skips_duplicates(cache):
    assert cache.cursor() == 0
    assert [c.seq for c in cache.apply([ch(1), ch(2, rid="P02")])] == [1, 2]
    assert cache.cursor() == 2
    assert cache.apply([ch(2, rid="P02")]) == []  # redelivery is harmless
    applied = cache.apply([ch(2, rid="P02"), ch(3, status="on_scene")])
    assert [c.seq for c in applied] == [3]
    assert cache.load("unit")["P01"].status.value == "on_scene"
    assert cache.count("unit") == 2


def test_gap_is_refused_and_nothing_is_written(cache):
    cache.apply([ch(1)])
    with pytest.raises(FeedGap) as e:
        cache.apply([ch(3, rid="P03")])
    assert e.value.cursor == 1 and e.value.first_seq == 3
    assert cache.cursor() == 1 and "P03" not in cache.load("unit")


def test_cursor_survives_reopen(tmp_path):
    c = LocalCache(tmp_path / "c.sqlite", TEST_KEY)
    c.apply([ch(1), ch(2)])
    c.close()
    again = LocalCache(tmp_path / "c.sqlite", TEST_KEY)
    assert again.cursor() == 2 and set(again.load("unit")) == {"P01"}
    again.close()


def test_outbox_keeps_order_results_and_rejections_until_dismissed(cache):
    for k in ("a", "b", "c"):
        cache.enqueue({"key": k, "type": "add_note", "incident_id": "i", "text": k})
    assert [e.key for e in cache.pending()] == ["a", "b", "c"]
    cache.record_results([
        {"key": "a", "outcome": "accepted", "seq": 10},
        {"key": "b", "outcome": "rejected", "reason": "not_found", "message": "incident i"},
        {"key": "c", "outcome": "duplicate", "original": {"outcome": "accepted", "seq": 9}},
    ])
    assert cache.pending() == []
    rej = cache.rejected()
    assert [(e.key, e.reason) for e in rej] == [("b", "not_found")]
    cache.dismiss("b")
    assert cache.rejected() == []


def test_outbox_refuses_command_without_key(cache):
    with pytest.raises(ValueError, match="idempotency key"):
        cache.enqueue({"type": "acknowledge"})
    cache.enqueue({"key": "k", "type": "x"})
    with pytest.raises(IntegrityError):  # the same key is never stored twice
        cache.enqueue({"key": "k", "type": "x"})
    assert len(cache.pending()) == 1
