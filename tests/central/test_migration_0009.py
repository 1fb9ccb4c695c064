"""Migration 0009 on a database at 0008 with devices: each device gets its health record
(last report from its last fix), with its change row after the feed head."""

from __future__ import annotations

from sqlalchemy import insert, select

from c4console.central import schema as t
from c4console.central.db import create_db_engine, migrate
from c4console.core.models import Device


def test_0009_gives_every_device_its_health_record_with_its_change_row(db_url):
    engine = create_db_engine(db_url)
    try:
        migrate(engine, "0008")
        with engine.begin() as conn:
            conn.execute(t.counters.update().values(value=9).where(t.counters.c.name == "change_seq"))
            for device in (Device("D1", "panic", "B1", last_at=1000.0), Device("T7", "unit", unit_id="P7")):
                conn.execute(insert(t.devices).values(id=device.id, kind=device.kind,
                                                      beneficiary_id=device.beneficiary_id,
                                                      unit_id=device.unit_id, data=device.to_wire()))
        migrate(engine, "0009")  # this migration alone (later ones add their own changes)
        with engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(select(t.device_health))}
            changes = [(r.seq, r.entity, r.entity_id) for r in
                       conn.execute(select(t.changes).order_by(t.changes.c.seq))]
            head = conn.execute(select(t.counters.c.value).where(
                t.counters.c.name == "change_seq")).scalar_one()
        assert rows["D1"].last_report_at == 1000.0 and rows["D1"].beneficiary_id == "B1"
        assert rows["D1"].data["kind"] == "panic" and rows["T7"].data["kind"] == "unit"
        assert rows["T7"].last_report_at is None
        assert changes == [(10, "device_health", "D1"), (11, "device_health", "T7")] and head == 11
    finally:
        engine.dispose()
