"""Emergency generation: timing, panic alarms near home, citizen reports."""

from __future__ import annotations

import random
import uuid

import pytest

from c4console.core.geo import haversine_m
from c4console.demo.activations import (
    GPS_SCATTER_M,
    CitizenReport,
    PanicAlarm,
    next_delay,
    next_event,
    walk,
)
from c4console.demo.data import load_beneficiaries, load_words
from c4console.resources import load_jurisdiction


@pytest.fixture(scope="module")
def world():
    return load_beneficiaries(), load_jurisdiction(), load_words()


def test_delays_vary_by_half_around_the_mean():
    rng = random.Random(1)
    delays = [next_delay(rng, 20.0) for _ in range(2000)]
    assert min(delays) >= 10.0 and max(delays) <= 30.0
    assert min(delays) < 11.0 and max(delays) > 29.0  # the whole range is used
    assert sum(delays) / len(delays) == pytest.approx(20.0, rel=0.05)


def test_about_one_event_in_four_is_a_citizen_report(world):
    rng = random.Random(2)
    events = [next_event(rng, *world) for _ in range(1000)]
    citizens = [e for e in events if isinstance(e, CitizenReport)]
    assert 0.2 < len(citizens) / len(events) < 0.3
    assert {e.channel for e in citizens} == {"call_911", "whatsapp"}


def test_panic_alarms_fire_near_her_home_in_her_colonia(world):
    bens, jurisdiction, words = world
    rng = random.Random(3)
    alarms = [e for e in (next_event(rng, bens, jurisdiction, words) for _ in range(400))
              if isinstance(e, PanicAlarm)]
    assert len({a.beneficiary.beneficiary_id for a in alarms}) > 100  # anyone may press it
    for a in alarms:
        b = a.beneficiary
        assert haversine_m(a.lat, a.lon, b.home_lat, b.home_lon) <= GPS_SCATTER_M + 0.01
        assert jurisdiction.locate(a.lat, a.lon).colonia == b.colonia


def test_after_the_alarm_she_walks_away_at_walking_pace(world):
    bens, jurisdiction, words = world
    alarm = PanicAlarm(bens[0], bens[0].home_lat, bens[0].home_lon, 90.0)
    assert walk(alarm, 0.0) == pytest.approx((alarm.lat, alarm.lon))
    assert haversine_m(alarm.lat, alarm.lon, *walk(alarm, 72.0)) == pytest.approx(100.0, rel=1e-6)


def test_citizen_reports_are_create_incident_commands_inside_the_jurisdiction(world):
    bens, jurisdiction, words = world
    rng = random.Random(4)
    reports = [e for e in (next_event(rng, [], jurisdiction, words) for _ in range(50))]
    assert all(isinstance(r, CitizenReport) for r in reports)  # no beneficiaries: only reports
    assert len({r.incident_id for r in reports}) == 50
    for r in reports:
        cmd = r.command()
        assert cmd["type"] == "create_incident"
        assert uuid.UUID(cmd["incident_id"]).version == 4
        place = jurisdiction.locate(cmd["lat"], cmd["lon"])
        assert place is not None and cmd["address"].endswith(f"Col. {place.colonia}")
        assert "+52 686 " in cmd["caller"]
        assert cmd["channel"] in ("call_911", "whatsapp")


def test_half_of_the_panic_alarms_come_from_women_with_prior_incidents(world):
    """So the detail panel shows her history (issue 10 "Demo"): about half the alarms are
    drawn from the women with history, besides those the uniform half draws."""
    bens, jurisdiction, words = world
    with_history = {b.beneficiary_id for b in bens if b.prior_incidents}
    assert 80 <= len(with_history) <= 160  # read from prior_incidents.csv
    rng = random.Random(5)
    alarms = [e for e in (next_event(rng, bens, jurisdiction, words) for _ in range(800))
              if isinstance(e, PanicAlarm)]
    share = sum(a.beneficiary.beneficiary_id in with_history for a in alarms) / len(alarms)
    uniform = len(with_history) / len(bens)
    assert share == pytest.approx(0.5 + 0.5 * uniform, abs=0.06)
