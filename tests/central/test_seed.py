"""Seeding beneficiaries, devices and units from CSV: row report, feed, idempotency."""

from __future__ import annotations

import asyncio

from c4console.central import queries
from c4console.central.seed import BENEFICIARY_COLUMNS, UNIT_COLUMNS, seed_file, seed_folder
from tests.central.helpers import BENEFICIARIES, UNITS, running_central, write_csv, write_demo


def test_seed_reports_rows_feeds_changes_and_is_idempotent(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, seed=False) as c:
            assert c.service is not None and c.reader is not None
            folder = write_demo(tmp_path / "demo")
            report = await seed_folder(c.service, folder)
            assert report is not None and report.counts() == {"imported": 3}
            changes, head = queries.changes_since(c.reader.engine, 0, 100)
            assert sorted((ch.entity, ch.id) for ch in changes) == sorted([
                ("unit", "P07"), ("device", "TRK07"), ("unit", "P08"), ("device", "TRK08"),
                ("beneficiary", "B0042"), ("device", "861234560000042"),
                ("case", "case-B0042"),  # her case follows her registry record
                # each device is on the health board from the day it is registered
                ("device_health", "TRK07"), ("device_health", "TRK08"),
                ("device_health", "861234560000042"),
                # her panic device's life starts at the stock (no delivery date in the file)
                ("device_lifecycle", "861234560000042")])
            panic = next(ch.data for ch in changes if ch.id == "861234560000042")
            assert (panic["kind"], panic["beneficiary_id"], panic["model"]) == ("panic", "B0042", "BS-2")
            unit = next(ch.data for ch in changes if ch.id == "P07")
            assert (unit["status"], unit["callsign"], unit["device_id"]) == ("available", "P-07", "TRK07")

            again = await seed_folder(c.service, folder)
            assert again is not None and again.counts() == {"unchanged": 3}
            assert queries.head(c.reader.engine) == head  # nothing rewritten

            # A changed row updates the record and keeps the unit's live state.
            changed = [{**UNITS[0], "callsign": "P-07A"}, UNITS[1]]
            write_csv(folder / "units.csv", UNIT_COLUMNS, changed)
            rows = (await seed_file(c.service, folder / "units.csv", "units")).rows
            assert [r.outcome for r in rows] == ["updated", "unchanged"]
            units = {u["id"]: u for u in queries.units(c.reader.engine)}
            assert units["P07"]["callsign"] == "P-07A" and len(units) == 2

    asyncio.run(main())


def test_seed_refuses_bad_rows_with_reasons_and_keeps_the_good_ones(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, seed=False) as c:
            assert c.service is not None and c.reader is not None
            good = BENEFICIARIES[0]
            path = write_csv(tmp_path / "beneficiaries.csv", BENEFICIARY_COLUMNS, [
                good,
                {**good, "name": "Otra"},                                       # same id twice
                {**good, "beneficiary_id": "B2", "name": ""},                   # no name
                {**good, "beneficiary_id": "B3", "home_lat": "north"},          # bad position
                {**good, "beneficiary_id": "B4"},                               # device taken
                {**good, "beneficiary_id": "B5", "device_id": "D5", "home_lat": "", "home_lon": ""},
            ])
            report = await seed_file(c.service, path, "beneficiaries")
            got = [(r.line, r.record_id, r.outcome, r.reason) for r in report.rows]
            assert got == [
                (2, "B0042", "imported", ""),
                (3, "B0042", "refused", "beneficiary_id B0042 already on line 2"),
                (4, "B2", "refused", "empty name"),
                (5, "B3", "refused", "home_lat/home_lon 'north','-115.4523' must both be numbers "
                                     "or both be empty"),
                (6, "B4", "refused", "device 861234560000042 is registered to beneficiary B0042"),
                (7, "B5", "imported", ""),
            ]
            units = write_csv(tmp_path / "units.csv", ("unit_id", "callsign"), [{"unit_id": "P1"}])
            bad_header = await seed_file(c.service, units, "units")
            assert bad_header.rows[0].outcome == "refused"
            assert "header lacks column(s) sector, device_id, lat, lon" in bad_header.rows[0].reason
            assert await seed_folder(c.service, tmp_path / "missing") is None

    asyncio.run(main())
