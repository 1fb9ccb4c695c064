"""The console's recordings cache (bounded, least recently replayed evicted first) and the
library's filters (date range, incident, device, beneficiary, operator)."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QDate

from c4console.gui.audio.recordings_library import RecordingsLibrary, RecordingsService
from c4console.resources import load_catalogue
from c4console.sync.central_api import CentralApi
from c4console.sync.recordings import RecordingCache
from c4console.sync.state import ConsoleState


def _put(cache: RecordingCache, sid: str, kb: int, used: float) -> None:
    cache.put(sid, b"\0" * (kb << 10), b"{}\n", {"row": {"session_id": sid}})
    os.utime(cache.folder / f"{sid}.json", (used, used))


def test_cache_is_bounded_and_evicts_the_least_recently_replayed(tmp_path):
    cache = RecordingCache(tmp_path / "cache", limit_bytes=310 << 10)
    now = time.time()
    _put(cache, "a", 100, now - 30)
    _put(cache, "b", 100, now - 20)
    assert cache.get("a") is not None  # replayed: now the most recent
    _put(cache, "c", 100, now - 10)
    assert {c.session_id for c in cache.entries()} == {"a", "b", "c"}
    _put(cache, "d", 100, now)
    assert {c.session_id for c in cache.entries()} == {"a", "c", "d"}  # b: least recently used
    assert cache.total_bytes() <= 310 << 10
    assert not cache.contains("b") and cache.contains("a")
    assert cache.get("../etc/passwd") is None
    try:
        cache.put("huge", b"\0" * (400 << 10), b"", {})
        raise AssertionError("a recording larger than the cache was kept")
    except OSError:
        pass
    assert not cache.contains("huge")


def test_library_filters(qapp, tmp_path):
    state = ConsoleState(load_catalogue(), "supervisora1")
    cache = RecordingCache(tmp_path / "cache")
    lib = RecordingsLibrary(RecordingsService(CentralApi(None), cache), state)
    day = 86400.0
    now = time.time()
    lib.rows = [
        {"session_id": "s1", "folio": "C4-0001", "incident_id": "i1", "device_id": "BS-001",
         "beneficiary_id": "b1", "created_by": "gateway1", "started_at": now, "duration_s": 12},
        {"session_id": "s2", "folio": "C4-0002", "incident_id": "i2", "device_id": "BS-002",
         "beneficiary_id": "b2", "created_by": "gateway2", "started_at": now - 3 * day, "duration_s": 5},
    ]
    lib.apply_filters()
    assert [r["session_id"] for r in lib.visible_rows] == ["s1", "s2"]
    lib.f_device.setText("bs-002")
    assert [r["session_id"] for r in lib.visible_rows] == ["s2"]
    lib.f_device.clear()
    lib.f_incident.setText("0001")
    assert [r["session_id"] for r in lib.visible_rows] == ["s1"]
    lib.f_incident.clear()
    lib.f_operator.setText("gateway2")
    assert [r["session_id"] for r in lib.visible_rows] == ["s2"]
    lib.f_operator.clear()
    lib.f_person.setText("b1")
    assert [r["session_id"] for r in lib.visible_rows] == ["s1"]
    lib.f_person.clear()
    lib.f_from.setDate(QDate.currentDate().addDays(-1))
    assert [r["session_id"] for r in lib.visible_rows] == ["s1"]
    assert lib.table.rowCount() == 1 and lib.table.item(0, 1).text() == "C4-0001"
    assert lib.table.item(0, 7).text() == "no"
    lib.deleteLater()
