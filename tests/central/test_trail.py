"""An active alarm's position trail (bounded, in time order, duplicates ignored) and the
per-device flood guard that never drops an alarm."""

from __future__ import annotations

import asyncio

import aiohttp

from c4console.central.ingest import TRAIL_MAX, PositionReport, RateLimiter, with_trail_point
from tests.central.helpers import IN_S3, PANIC_DEVICE, client, get_json, running_central

T0 = 1764530000.0


def test_trail_points_are_in_time_order_unique_and_bounded():
    trail = with_trail_point(None, 1.0, 1.0, 10.0)
    trail = with_trail_point(trail, 3.0, 3.0, 30.0)
    trail = with_trail_point(trail, 2.0, 2.0, 20.0)  # late: goes in between
    assert trail == ((1.0, 1.0, 10.0), (2.0, 2.0, 20.0), (3.0, 3.0, 30.0))
    assert with_trail_point(trail, 9.0, 9.0, 20.0) == trail  # the same fix time: a duplicate
    for n in range(5):
        trail = with_trail_point(trail, 0.0, 0.0, 100.0 + n, limit=4)
    assert [p[2] for p in trail] == [101.0, 102.0, 103.0, 104.0]  # the newest kept
    assert with_trail_point(trail, 0.0, 0.0, 1.0, limit=4) == trail  # older than all of a full trail


def test_rate_limiter_refuses_positions_beyond_the_rate_never_an_alarm():
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=3.0, clock=lambda: now[0], max_devices=2)
    assert [limiter.allow("A") for _ in range(5)] == [True, True, True, False, False]
    assert limiter.allow("A", alarm=True) and limiter.allow("A", alarm=True)
    assert limiter.allow("B")  # another device has its own bucket
    now[0] += 0.5  # one token back
    assert limiter.allow("A") and not limiter.allow("A")
    assert limiter.refused == 3 and limiter.retry_after() == 1
    limiter.allow("C")
    assert len(limiter._buckets) == 2  # bounded
    assert all(RateLimiter(rate=0).allow("X") for _ in range(100))  # 0: no limit


def test_an_open_alarm_keeps_its_newest_trail_points(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            assert c.service is not None
            sos = PositionReport(PANIC_DEVICE, IN_S3[0], IN_S3[1], T0, alarm="sos")
            outcome = await c.service.ingest(sos)
            reports = [PositionReport(PANIC_DEVICE, IN_S3[0] + n / 1e4, IN_S3[1], T0 + 1 + n)
                       for n in range(TRAIL_MAX + 20)]
            await asyncio.gather(*(c.service.ingest(r) for r in reversed(reports)))  # worst order
            inc = await get_json(s, f"{c.api_url}/api/v1/incidents/{outcome.incident_id}")
            assert len(inc["trail"]) == TRAIL_MAX
            assert [p[2] for p in inc["trail"]] == [T0 + 1 + n for n in range(20, TRAIL_MAX + 20)]
            # Reports arrived newest first: the live position is the newest fix all along.
            assert (inc["live_lat"], inc["live_at"]) == (reports[-1].lat, reports[-1].at)
            assert (inc["lat"], inc["lon"]) == IN_S3

    asyncio.run(main())


def test_a_flooding_device_gets_429_for_positions_but_its_alarm_opens_the_incident(tmp_path):
    async def main():
        async with running_central(tmp_path, device_rate=1.0, device_burst=5.0) as c, \
                client(c.api_url) as s, aiohttp.ClientSession() as raw:
            statuses = []
            for n in range(40):
                params = {"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1] + n / 1e5,
                          "timestamp": T0 + n / 10}
                if n == 30:
                    params["alarm"] = "sos"
                async with raw.get(f"{c.osmand_url}/", params=params) as r:
                    statuses.append(r.status)
                    if r.status == 429:
                        assert "Retry-After" in r.headers
                        assert "alarms are always accepted" in await r.text()
            assert statuses[30] == 200
            assert statuses.count(429) >= 30 and statuses[:5] == [200] * 5
            (inc,) = (await get_json(s, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert inc["device_id"] == PANIC_DEVICE

    asyncio.run(main())
