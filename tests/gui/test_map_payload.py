"""What the map page is told: open incidents only, live positions apart, updates coalesced;
and the offline tiles read back from an .mbtiles file with the TMS row flip."""

from __future__ import annotations

import sqlite3

import pytest

from c4console.core.enums import Channel, IncidentStatus, Priority, UnitStatus
from c4console.core.models import Incident, Unit
from c4console.gui.map.batch import PendingUpdates
from c4console.gui.map.mbtiles import MBTiles, tile_mime
from c4console.gui.map.payload import incident_payload, unit_payload

LAT, LON = 32.63, -115.45


def incident(iid: str = "i1", status: IncidentStatus = IncidentStatus.NEW, **kw) -> Incident:
    base = {"lat": LAT, "lon": LON}
    return Incident(id=iid, folio=f"C4-{iid}", type_code="30903", priority=Priority.ALTA,
                    channel=Channel.PANIC_BUTTON, status=status, created_at=0.0, **{**base, **kw})


@pytest.mark.parametrize("status", ["closed", "cancelled", "false_alarm", "test"])
def test_finished_incidents_are_removed(status):
    assert incident_payload(incident(status=IncidentStatus(status))) is None


def test_open_incident_payload():
    p = incident_payload(incident(status=IncidentStatus.ACKNOWLEDGED, unit_id="u1"))
    assert p == {"id": "i1", "folio": "C4-i1", "typeCode": "30903", "priority": "ALTA",
                 "status": "acknowledged", "alarm": False, "pos": [LAT, LON], "live": None, "unitId": "u1"}
    assert incident_payload(incident())["alarm"] is True  # status new: an active alarm


def test_live_position_is_sent_only_when_it_is_away_from_the_confirmed_one():
    assert incident_payload(incident(live_lat=LAT + 0.0001, live_lon=LON))["live"] is None  # ~11 m
    far = incident_payload(incident(live_lat=LAT + 0.0005, live_lon=LON))  # ~55 m
    assert far["pos"] == [LAT, LON] and far["live"] == [LAT + 0.0005, LON]
    only_live = incident_payload(incident(lat=None, lon=None, live_lat=LAT, live_lon=LON))
    assert only_live["pos"] is None and only_live["live"] == [LAT, LON]
    assert incident_payload(incident(lat=None, lon=None)) is None
    assert incident_payload(incident(lat=float("nan"))) is None


def test_unit_payload():
    u = Unit(id="u1", callsign="P-101", status=UnitStatus.ON_SCENE, lat=LAT, lon=LON, incident_id="i1")
    assert unit_payload(u) == {"id": "u1", "callsign": "P-101", "status": "on_scene", "pos": [LAT, LON],
                               "incidentId": "i1"}
    assert unit_payload(u.evolve(lat=None)) is None


def test_latest_snapshot_per_id_wins():
    q = PendingUpdates()
    assert not q
    for k in range(50):
        q.put_units([Unit(id="u1", callsign="P", status=UnitStatus.EN_ROUTE, lat=LAT + k * 1e-4, lon=LON)])
    q.put_incidents([incident("i1"), incident("i2")])
    q.remove_incidents(["i2"])
    q.put_incidents([incident("i3", status=IncidentStatus.CLOSED)])
    q.select("incident", "i1")
    batch, since = q.take(7)
    assert batch["seq"] == 7 and since > 0
    assert [u["pos"][0] for u in batch["units"]] == [pytest.approx(LAT + 49e-4)]
    assert [i["id"] for i in batch["incidents"]] == ["i1"]
    assert batch["removeIncidents"] == ["i2", "i3"] and batch["removeUnits"] == []
    assert batch["select"] == {"kind": "incident", "id": "i1"}
    assert not q


def test_resend_all_repeats_what_the_page_holds_and_pending_changes_win():
    q = PendingUpdates()
    q.put_incidents([incident("i1"), incident("i2")])
    q.take(1)
    q.remove_incidents(["i1"])
    q.take(2)
    q.put_incidents([incident("i2", status=IncidentStatus.DISPATCHED)])
    q.resend_all()
    batch, _ = q.take(3)
    assert [(i["id"], i["status"]) for i in batch["incidents"]] == [("i2", "dispatched")]


def test_mbtiles_flips_rows_and_reads_metadata(tmp_path):
    path = tmp_path / "t.mbtiles"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)")
        db.execute("CREATE TABLE metadata (name, value)")
        db.execute("INSERT INTO tiles VALUES (2, 1, 3, ?)", (b"\x89PNG-top-row",))  # TMS row 3 = XYZ y 0
        db.executemany("INSERT INTO metadata VALUES (?, ?)",
                       [("maxzoom", "14"), ("attribution", '<a href="https://osm.org">© OSM</a>')])
    db.close()
    src = MBTiles(path)
    try:
        assert src.tile(2, 1, 0) == b"\x89PNG-top-row" and src.tile(2, 1, 3) is None
        spec = src.layer_spec("c4tiles:/t/{z}/{x}/{y}", "Mosaicos locales")
        assert spec.max_native_zoom == 14 and spec.attribution == "© OSM" and not spec.remote
    finally:
        src.close()


def test_mbtiles_refuses_what_is_not_one(tmp_path):
    with pytest.raises(FileNotFoundError):
        MBTiles(tmp_path / "missing.mbtiles")
    bad = tmp_path / "bad.mbtiles"
    sqlite3.connect(bad).close()
    with pytest.raises(ValueError):
        MBTiles(bad)


def test_tile_mime():
    assert tile_mime(b"\x89PNG\r\n") == b"image/png"
    assert tile_mime(b"\xff\xd8\xff") == b"image/jpeg"
    assert tile_mime(b"RIFF\0\0\0\0WEBPVP8") == b"image/webp"


def _unit(uid: str = "u1", lat: float = LAT, status: UnitStatus = UnitStatus.AVAILABLE) -> Unit:
    return Unit(id=uid, callsign=f"P-{uid}", status=status, lat=lat, lon=LON)


def test_moves_of_units_on_the_page_travel_compact_and_only_the_latest_per_unit():
    q = PendingUpdates()
    q.put_units([_unit("u1"), _unit("u2")])
    q.take(1)  # both are on the page now
    for k in range(1, 40):
        q.move_units([_unit("u1", LAT + k * 1e-4), _unit("u2", LAT - k * 1e-4)])
    assert q.moves_only()
    batch, _ = q.take(2)
    assert batch["units"] == [] and batch["removeUnits"] == []
    assert batch["moves"] == ["u1", pytest.approx(LAT + 39e-4), LON, "u2", pytest.approx(LAT - 39e-4), LON]
    # What the page holds follows the moves (a reload repaints them where they are).
    q.resend_all()
    again, _ = q.take(3)
    assert {u["id"]: u["pos"][0] for u in again["units"]} == {
        "u1": pytest.approx(LAT + 39e-4), "u2": pytest.approx(LAT - 39e-4)}


def test_a_move_goes_whole_when_the_page_lacks_the_unit_or_its_whole_change_waits():
    q = PendingUpdates()
    q.move_units([_unit("new")])  # never sent: the page needs all of it
    q.put_units([_unit("u1")])
    q.take(1)
    q.put_units([_unit("u1", status=UnitStatus.EN_ROUTE)])
    q.move_units([_unit("u1", LAT + 1e-3, status=UnitStatus.EN_ROUTE)])  # its status change waits
    assert not q.moves_only()
    batch, _ = q.take(2)
    assert batch["moves"] == []
    assert [(u["id"], u["status"], u["pos"][0]) for u in batch["units"]] == [
        ("u1", "en_route", pytest.approx(LAT + 1e-3))]
    q.move_units([_unit("u1", LAT + 2e-3)])
    q.remove_units(["u1"])  # a removal after a move: only the removal
    q.move_units([_unit("new", lat=float("nan"))])  # no usable position: removed, not moved
    batch, _ = q.take(3)
    assert batch["moves"] == [] and sorted(batch["removeUnits"]) == ["new", "u1"]


def test_a_new_incident_or_an_incident_turning_into_an_alarm_makes_the_batch_urgent():
    q = PendingUpdates()
    q.put_units([_unit("u1")])
    assert not q.urgent
    q.put_incidents([incident("i1", status=IncidentStatus.DISPATCHED)])  # new on the map
    assert q.urgent
    q.take(1)
    assert not q.urgent
    q.put_incidents([incident("i1", status=IncidentStatus.ON_SCENE, live_lat=LAT + 0.01, live_lon=LON)])
    q.put_incidents([incident("i2", status=IncidentStatus.CLOSED)])  # never drawn: nothing to hurry
    assert not q.urgent  # a routine change of an incident already shown
    q.put_incidents([incident("i1", status=IncidentStatus.NEW)])  # back to an active alarm
    assert q.urgent


def test_an_alarms_batch_leaves_the_routine_moves_for_the_next_batch():
    q = PendingUpdates()
    q.put_units([_unit("u1")])
    q.take(1)
    q.move_units([_unit("u1", LAT + 1e-3)])
    q.put_incidents([incident("alarm")])
    assert q.urgent
    alarm, _ = q.take(2, moves=False)
    assert [i["id"] for i in alarm["incidents"]] == ["alarm"] and alarm["moves"] == []
    assert q and q.moves_only() and not q.urgent
    routine, _ = q.take(3)
    assert routine["moves"] == ["u1", pytest.approx(LAT + 1e-3), LON] and not q
