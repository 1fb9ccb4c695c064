"""The pure parts of the call intake: possible duplicates (open incidents within 200 m and
10 minutes of the call, or from the same number) and the screen pop's checks."""

from __future__ import annotations

import pytest

from c4console.core.calls.duplicates import possible_duplicates
from c4console.core.calls.screen_pop import ScreenPopRefused, parse_screen_pop
from c4console.core.enums import Channel, IncidentStatus, Priority
from c4console.core.models import Incident

NOW = 1_765_000_000.0
HERE = (32.6245, -115.4523)
M = 1 / 110_900  # a metre of latitude, in degrees


def inc(iid: str, *, at: float = NOW, north_m: float = 0.0, caller: str = "",
        status: IncidentStatus = IncidentStatus.NEW, point: bool = True) -> Incident:
    return Incident(id=iid, folio=iid, type_code="30503", priority=Priority.ALTA,
                    channel=Channel.CALL_911, status=status, created_at=at,
                    lat=HERE[0] + north_m * M if point else None, lon=HERE[1] if point else None,
                    caller=caller)


def test_nearby_within_200_m_and_10_minutes_nearest_first():
    found = possible_duplicates([
        inc("far", north_m=250), inc("near", north_m=150), inc("nearer", north_m=20),
        inc("old", north_m=10, at=NOW - 700), inc("closed", north_m=5, status=IncidentStatus.CLOSED),
        inc("no-point", point=False)], at=NOW + 60, lat=HERE[0], lon=HERE[1])
    assert [(d.incident.id, d.reasons) for d in found] == [("nearer", ("nearby",)),
                                                          ("near", ("nearby",))]
    assert found[0].distance_m == pytest.approx(20, abs=0.5)


def test_same_number_whatever_its_format_and_both_reasons():
    found = possible_duplicates([inc("a", caller="6861234567", north_m=5000, at=NOW - 5000),
                                 inc("b", caller="+52 686 123 4567", north_m=30),
                                 inc("c", caller="María", north_m=5000)],
                                at=NOW, lat=HERE[0], lon=HERE[1], number="(686) 123-4567")
    assert [(d.incident.id, d.reasons) for d in found] == [("b", ("nearby", "same_number")),
                                                          ("a", ("same_number",))]
    assert possible_duplicates([inc("a", caller="6861234567")], at=NOW, number="") == []


def pop(**fields):
    return {"call_id": "1733400000.7", "number": "6861234567", "answered_at": NOW - 1, **fields}


def test_a_good_screen_pop():
    got = parse_screen_pop(pop(location={"lat": 32.6, "lon": -115.4, "radius_m": 35,
                                         "source": "device", "source_id": "cell-1"},
                               number=" +52 (686) 123-4567 "), NOW)
    assert got.number == "+52 (686) 123-4567" and not got.withheld
    assert got.location is not None and got.location.radius_m == 35
    assert parse_screen_pop(pop(number="anonymous"), NOW).withheld
    assert parse_screen_pop(pop(number=None, answered_at="2025-12-06T05:46:39Z"), NOW).number == ""


@pytest.mark.parametrize(("fields", "reason"), [
    ({"number": "abc"}, "bad_number"), ({"number": "1" * 16}, "bad_number"),
    ({"location": {"lat": 32.6, "lon": -115.4, "radius_m": float("nan")}}, "bad_location"),
    ({"location": {"lat": 32.6, "lon": -115.4, "radius_m": True}}, "bad_location"),
    ({"location": [32.6, -115.4]}, "bad_location"),
    ({"answered_at": None}, "bad_time"), ({"answered_at": NOW + 301}, "bad_time"),
    ({"caller_name": "a\x00b"}, "bad_field"), ({"dialed": "9" * 33}, "too_long"),
    ({"call_id": ""}, "bad_call_id"), ({"extra": 1}, "unknown_field")])
def test_bad_screen_pops_name_the_field(fields, reason):
    with pytest.raises(ScreenPopRefused) as refused:
        parse_screen_pop(pop(**fields), NOW)
    assert refused.value.reason == reason
