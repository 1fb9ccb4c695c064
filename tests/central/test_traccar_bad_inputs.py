"""Bad inputs at the Traccar gateway: any JSON value is either a report, "nothing to store",
or a clear Malformed refusal (never another exception); huge bodies refused."""

from __future__ import annotations

import asyncio

import aiohttp
from hypothesis import given, settings
from hypothesis import strategies as st

from c4console.central.gateways.traccar import MAX_BODY, parse_event
from c4console.central.osmand import Malformed
from tests.central.helpers import IN_S3, client, get_json, running_central
from tests.central.test_traccar import AUTH, SECRET, forwarded

NOW = 1.8e9
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
JSON = st.recursive(SCALARS,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                max_size=4),
                    max_leaves=20)
FIELD_VALUES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | \
    st.lists(st.integers(), max_size=3) | st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_json_value_is_a_report_nothing_or_malformed(body):
    try:
        report, why = parse_event(body, NOW)
    except Malformed:
        return
    assert report is not None or why


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([("event", "type"), ("event", "attributes"), ("position", "latitude"),
                        ("position", "longitude"), ("position", "fixTime"), ("position", "attributes"),
                        ("position", "speed"), ("device", "uniqueId"), ("event", None), ("position", None),
                        ("device", None)]), FIELD_VALUES)
def test_wrong_types_in_a_real_event_are_refused_with_a_reason(where, value):
    body = forwarded("alarm", *IN_S3, "2026-11-30T21:00:05.000+00:00", alarm="sos")
    outer, inner = where
    if inner is None:
        body[outer] = value
    else:
        body[outer][inner] = value
    try:
        report, why = parse_event(body, NOW)
    except Malformed as e:
        assert str(e)
        return
    if report is not None:  # what was accepted is a usable report
        assert -90 <= report.lat <= 90 and -180 <= report.lon <= 180 and report.device_id


def test_a_huge_body_is_refused_413_and_nothing_stored(tmp_path):
    async def main():
        async with running_central(tmp_path, traccar_secret=SECRET) as c, client(c.api_url) as s:
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            body = forwarded("alarm", *IN_S3, "2026-11-30T21:00:05.000+00:00", alarm="sos")
            body["device"]["attributes"] = {"padding": "x" * (MAX_BODY + 10)}
            async with aiohttp.ClientSession() as raw, raw.post(
                    f"{c.api_url}/api/v1/gateways/traccar", json=body, headers=AUTH) as r:
                assert r.status == 413 and "nothing stored" in (await r.json())["error"]
            assert (await get_json(s, f"{c.api_url}/api/v1/health"))["head"] == head

    asyncio.run(main())
