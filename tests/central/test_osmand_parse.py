"""OsmAnd field parsing: timestamps in their several forms, aliases, Traccar Client JSON."""

from __future__ import annotations

import pytest

from c4console.central.osmand import Malformed, flatten_json, parse_report

NOW = 1795300000.0


def test_timestamps_seconds_milliseconds_iso_missing_and_future():
    base = {"id": "D1", "lat": "32.6", "lon": "-115.4"}
    assert parse_report({**base, "timestamp": "1795200000"}, NOW).at == 1795200000.0
    assert parse_report({**base, "timestamp": "1795200000500"}, NOW).at == 1795200000.5
    assert parse_report({**base, "timestamp": "2026-11-21T00:00:00Z"}, NOW).at == 1795219200.0
    assert parse_report({**base, "timestamp": "2026-11-21 00:00:00"}, NOW).at == 1795219200.0
    assert parse_report(base, NOW).at == NOW  # absent: the report is current
    assert parse_report({**base, "timestamp": str(NOW + 86400)}, NOW).at == NOW  # clock ahead
    with pytest.raises(Malformed, match="not a time"):
        parse_report({**base, "timestamp": "0"}, NOW)


def test_aliases_and_optional_fields():
    r = parse_report({"deviceid": " D2 ", "location": "32.61,-115.47", "speed": "12.5",
                      "bearing": "90", "altitude": "3", "accuracy": "8", "batt": "77",
                      "alarm": "SOS"}, NOW)
    assert (r.device_id, r.lat, r.lon, r.speed, r.battery, r.is_sos) == \
        ("D2", 32.61, -115.47, 12.5, 77.0, True)
    assert not parse_report({"id": "D2", "lat": "1", "lon": "1", "alarm": "lowBattery"}, NOW).is_sos
    with pytest.raises(Malformed, match="longer than 64"):
        parse_report({"id": "x" * 65, "lat": "1", "lon": "1"}, NOW)


def test_traccar_client_json_is_flattened():
    body = {"device_id": "D3", "location": {
        "timestamp": "2026-11-21T00:00:00.000Z", "is_moving": True,
        "coords": {"latitude": 32.6, "longitude": -115.4, "speed": 3, "heading": 45,
                   "altitude": 5, "accuracy": 9},
        "battery": {"level": 0.42, "is_charging": False}, "extras": {"alarm": "sos"}}}
    r = parse_report(flatten_json(body), NOW)
    assert (r.device_id, r.lat, r.lon, r.bearing, r.battery, r.is_sos) == \
        ("D3", 32.6, -115.4, 45.0, 42.0, True)
    assert r.at == 1795219200.0
    assert flatten_json({"id": "D4", "lat": 1, "lon": 2}) == {"id": "D4", "lat": 1, "lon": 2}
    with pytest.raises(Malformed, match="must be an object"):
        flatten_json([1, 2])
