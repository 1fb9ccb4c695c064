"""Group commit of device reports: a flood of positions is committed in few transactions,
every report still stored once, in order per device, with its own change and answer; an
alarm in the flood is never lost; a report that fails only fails itself."""

from __future__ import annotations

import asyncio
import threading
import time

import aiohttp
import pytest

from c4console.central import ingest
from c4console.central.ingest import PositionReport
from tests.central.helpers import IN_S1, IN_S3, PANIC_DEVICE, all_changes, client, get_json, running_central

TRACKERS = ("TRK07", "TRK08")


def _now_fix() -> int:
    """A fix time just after the seed's positions (the clock may not run ahead more than 300 s)."""
    return int(time.time()) + 1


async def _hold_writer(service) -> tuple[threading.Event, asyncio.Future]:
    """Occupy the writer thread until the event is set, so reports queue up behind it."""
    release, busy = threading.Event(), threading.Event()

    def wait(_tx) -> None:
        busy.set()
        release.wait(30)

    held = asyncio.ensure_future(service.write(wait))
    while not busy.is_set():
        await asyncio.sleep(0.005)
    return release, held


def test_a_queued_flood_is_one_group_in_order_with_alarms_and_unknown_devices(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url, "supervisora1") as s:
            t0 = _now_fix()
            service = c.service
            groups: list[list] = []
            service.add_listener(groups.append)
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            reports: list[PositionReport] = []
            for n in range(60):
                lat, lon = (IN_S3 if n % 2 else IN_S1)
                for dev in (*TRACKERS, PANIC_DEVICE):
                    alarm = "sos" if dev == PANIC_DEVICE and n in (20, 40) else None
                    reports.append(PositionReport(dev, lat + n * 1e-5, lon, t0 + n, alarm=alarm))
                if n == 30:
                    reports.append(PositionReport("NOT-REGISTERED", 32.6, -115.4, t0 + n))
            release, held = await _hold_writer(service)
            answers = [asyncio.ensure_future(service.ingest(r, "127.0.0.1")) for r in reports]
            await asyncio.sleep(0.05)
            release.set()
            await held
            outcomes = await asyncio.gather(*answers)

            # Committed together: one listener call (one transaction) for all of them.
            assert len(groups) == 1, [len(g) for g in groups]
            refused = [o for o in outcomes if not o.accepted]
            assert len(refused) == 1 and refused[0].security_event is not None
            assert all(o.accepted for r, o in zip(reports, outcomes, strict=True)
                       if r.device_id != "NOT-REGISTERED")
            alarms = [o for r, o in zip(reports, outcomes, strict=True) if r.alarm]
            assert alarms[0].incident_id is not None and alarms[0].incident_id == alarms[1].incident_id

            changes = await all_changes(s, c.api_url, head)
            seqs = [ch["seq"] for ch in changes]
            assert seqs == list(range(head + 1, head + 1 + len(changes)))  # gap-free, in order
            assert [ch.seq for ch in groups[0]] == seqs
            for dev in (*TRACKERS, PANIC_DEVICE):
                # One change per report, in the order sent.
                times = [ch["data"]["last_at"] for ch in changes
                         if ch["entity"] == "device" and ch["id"] == dev]
                assert times == [t0 + n for n in range(60)], dev
            for unit_id, dev in (("P07", "TRK07"), ("P08", "TRK08")):
                unit = next(u for u in (await get_json(s, f"{c.api_url}/api/v1/units"))["units"]
                            if u["id"] == unit_id)
                assert (unit["position_at"], unit["lat"]) == (t0 + 59, IN_S3[0] + 59e-5), dev
            # The first alarm opened one incident; the second reactivated it; positions after
            # the first moved her live marker, up to the last one.
            (inc,) = (await get_json(s, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert inc["id"] == alarms[0].incident_id
            assert (inc["live_at"], inc["live_lat"]) == (t0 + 59, IN_S3[0] + 59e-5)
            kinds = [ch["data"]["kind"] for ch in changes if ch["entity"] == "event"]
            assert kinds == ["created", "reactivated"]

    asyncio.run(main())


def test_a_failing_report_fails_alone_and_the_rest_of_its_group_is_stored(tmp_path, db_url,
                                                                         monkeypatch):
    real = ingest.ingest_report

    def flaky(tx, report, source, **kw):
        if report.lat == 0.5:
            raise RuntimeError("injected failure")
        return real(tx, report, source, **kw)

    monkeypatch.setattr(ingest, "ingest_report", flaky)

    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            t0 = _now_fix()
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            reports = [PositionReport("TRK07", 32.6 if n != 5 else 0.5, -115.46, t0 + n)
                       for n in range(10)]
            release, held = await _hold_writer(c.service)
            answers = [asyncio.ensure_future(c.service.ingest(r)) for r in reports]
            await asyncio.sleep(0.05)
            release.set()
            await held
            outcomes = await asyncio.gather(*answers, return_exceptions=True)
            assert isinstance(outcomes[5], RuntimeError)
            assert all(o.accepted for n, o in enumerate(outcomes) if n != 5)
            changes = await all_changes(s, c.api_url, head)
            assert [ch["seq"] for ch in changes] == list(range(head + 1, head + 1 + len(changes)))
            times = [ch["data"]["last_at"] for ch in changes if ch["entity"] == "device"]
            assert times == [t0 + n for n in range(10) if n != 5]

    asyncio.run(main())


@pytest.mark.parametrize("reports_per_device", [80])
def test_concurrent_http_flood_all_stored(tmp_path, db_url, reports_per_device):
    """Concurrent trackers over real HTTP, each sending in order: every 200 is stored, an alarm
    in the flood opens its incident, unknown devices get 403."""

    async def device(session: aiohttp.ClientSession, url: str, dev: str, t0: int) -> list[int]:
        statuses = []
        for n in range(reports_per_device):
            params = {"id": dev, "lat": IN_S3[0] + n * 1e-5, "lon": IN_S3[1], "timestamp": t0 + n}
            if dev == PANIC_DEVICE and n == reports_per_device // 2:
                params["alarm"] = "sos"
            async with session.get(f"{url}/", params=params) as r:
                statuses.append(r.status)
        return statuses

    async def main():
        # device_rate=0: this floods on purpose to test group commit, not the flood guard
        # (tests/central/test_trail.py tests that).
        async with running_central(tmp_path, db_url, device_rate=0) as c, \
                client(c.api_url, "supervisora1") as s:
            t0 = _now_fix()
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            async with aiohttp.ClientSession() as trackers:
                results = await asyncio.gather(*(device(trackers, c.osmand_url, d, t0)
                                                 for d in (*TRACKERS, PANIC_DEVICE, "GHOST-1")))
            assert [set(r) for r in results] == [{200}, {200}, {200}, {403}]
            changes = await all_changes(s, c.api_url, head)
            assert [ch["seq"] for ch in changes] == list(range(head + 1, head + 1 + len(changes)))
            for dev in (*TRACKERS, PANIC_DEVICE):
                times = [ch["data"]["last_at"] for ch in changes
                         if ch["entity"] == "device" and ch["id"] == dev]
                assert times == [t0 + n for n in range(reports_per_device)], dev
            (inc,) = (await get_json(s, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert inc["device_id"] == PANIC_DEVICE
            assert inc["live_at"] == t0 + reports_per_device - 1

    asyncio.run(main())
