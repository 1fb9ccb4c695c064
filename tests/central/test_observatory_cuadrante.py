"""The stored ``incidents.cuadrante`` (migration 0024) keeps step with the incident, on
SQLite and PostgreSQL, through the central's real paths: a WhatsApp conversation opens an
incident with no place (the observatory counts it unplaced); her shared location places
it (the observatory's count moves to that cuadrante); a later location is only her live
position (the count stays); an incident created with a point is in its cuadrante from the
start. Each time the column and the snapshot agree. And a device's test activation alone
in its grid cell leaves no trace in the counts, the hours or the heat."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from c4console.central import schema as t
from c4console.central.reports.observatory_reads import build_observatory
from c4console.core.statistics.observatory_filter import observatory_filter
from tests.central.helpers import IN_S1, IN_S3, client, key, post_commands, running_central
from tests.central.whatsapp_fake import fake_cloud_api, location, notification, post_webhook, text

HER = "5216861234567"
TZ = "America/Tijuana"


def _stored(engine) -> dict[str, tuple[str | None, str]]:
    """Each incident's column and its snapshot's cuadrante."""
    c = t.incidents.c
    with engine.connect() as conn:
        return {iid: (col, data.get("cuadrante", "")) for iid, col, data in conn.execute(
            select(c.id, c.cuadrante, c.data))}


async def _observatory(c):
    today = datetime.now(ZoneInfo(TZ)).date()
    flt = observatory_filter((today - timedelta(days=1)).isoformat(),
                             (today + timedelta(days=1)).isoformat(), TZ)
    obs = await asyncio.to_thread(build_observatory, c.service.engine, flt, c.service.jurisdiction)
    return (obs.total, obs.unplaced,
            {r["cuadrante"]: r["count"] for r in obs.cuadrantes if r["count"]}), obs


def _mark_test(engine, incident_id: str, device_id: str) -> None:
    """Mark an incident as a device's test activation, as tests/central/test_observatory.py
    does (the snapshot and the device column: the database keeps its indexes)."""
    table = t.incidents
    with engine.begin() as conn:
        data = conn.execute(select(table.c.data).where(table.c.id == incident_id)).scalar_one()
        conn.execute(table.update().where(table.c.id == incident_id).values(
            data={**data, "test": True, "device_id": device_id}, device_id=device_id))


def test_the_observatory_follows_an_incident_placed_after_it_was_filed(tmp_path, db_url):

    async def main():
        async with fake_cloud_api() as api, running_central(
                tmp_path, db_url, seed=False, whatsapp=api.settings()) as c:
            engine = c.service.engine
            _, answer = await post_webhook(c.api_url, notification(
                messages=[text(HER, "wamid.P1", "Ayuda")]))
            iid = answer["messages"][0]["incident_id"]
            assert _stored(engine) == {iid: (None, "")}
            assert (await _observatory(c))[0] == (1, 1, {})

            # Her location places it: the column, and the observatory's count, follow.
            _, answer = await post_webhook(c.api_url, notification(
                messages=[location(HER, "wamid.P2", *IN_S3)]))
            assert answer["messages"][0]["outcome"] == "accepted", answer
            assert _stored(engine) == {iid: ("S3-2", "S3-2")}
            assert (await _observatory(c))[0] == (1, 0, {"S3-2": 1})

            # A later location is her live position: the place filed stays.
            await post_webhook(c.api_url, notification(messages=[location(HER, "wamid.P3", *IN_S1)]))
            assert _stored(engine) == {iid: ("S3-2", "S3-2")}
            assert (await _observatory(c))[0] == (1, 0, {"S3-2": 1})

            # Created with a point: in its cuadrante from the start.
            async with client(c.api_url) as s:
                (res,) = await post_commands(s, c.api_url, {
                    "key": key(), "type": "create_incident", "incident_id": "placed",
                    "channel": "call_911", "lat": IN_S1[0], "lon": IN_S1[1]})
            assert res["outcome"] == "accepted", res
            stored = _stored(engine)
            code = stored["placed"][0]
            assert code and stored["placed"] == (code, code) and code != "S3-2"
            counts, before = await _observatory(c)
            assert counts == (2, 0, {"S3-2": 1, code: 1})

            # A device's test activation alone in its cell: counted, then, marked as the
            # central marks one, gone — from the counts, the hours and the heat.
            lone = (IN_S1[0] + 0.01, IN_S1[1])
            async with client(c.api_url) as s:
                (res,) = await post_commands(s, c.api_url, {
                    "key": key(), "type": "create_incident", "incident_id": "lone-test",
                    "channel": "panic_button", "lat": lone[0], "lon": lone[1]})
            assert res["outcome"] == "accepted", res
            assert (await _observatory(c))[0][0] == 3
            _mark_test(engine, "lone-test", "861234560000099")
            counts, after = await _observatory(c)
            assert counts == (2, 0, {"S3-2": 1, code: 1})
            assert after.heat == before.heat and len(after.heat) == 2
            assert after.hour_weekday == before.hour_weekday and after.months == before.months

    asyncio.run(main())
