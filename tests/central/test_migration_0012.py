"""Migration 0012 on a database at 0011 with devices: every panic device gets its lifecycle
record — in use if delivered to her, else in stock — with its change row after the feed
head; patrol trackers get none."""

from __future__ import annotations

from sqlalchemy import insert, select

from c4console.central import schema as t
from c4console.central.db import create_db_engine, migrate
from c4console.core.models import Device


def test_0012_puts_delivered_devices_in_use_and_the_rest_in_stock(db_url):
    engine = create_db_engine(db_url)
    try:
        migrate(engine, "0011")
        with engine.begin() as conn:
            conn.execute(t.counters.update().values(value=9).where(t.counters.c.name == "change_seq"))
            for device in (Device("D1", "panic", "B1", delivered_on="2026-01-02"),
                           Device("D2", "panic", "B2"), Device("D3", "panic"),
                           Device("T7", "unit", unit_id="P7")):
                conn.execute(insert(t.devices).values(id=device.id, kind=device.kind,
                                                      beneficiary_id=device.beneficiary_id,
                                                      unit_id=device.unit_id, data=device.to_wire()))
        migrate(engine)
        with engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(select(t.device_lifecycles))}
            changes = [(r.seq, r.entity, r.entity_id) for r in conn.execute(
                select(t.changes).where(t.changes.c.entity == "device_lifecycle")
                .order_by(t.changes.c.seq))]
            head = conn.execute(select(t.counters.c.value).where(
                t.counters.c.name == "change_seq")).scalar_one()
        assert {i: (r.state, r.beneficiary_id) for i, r in rows.items()} == {
            "D1": ("in_use", "B1"), "D2": ("in_stock", None), "D3": ("in_stock", None)}
        assert rows["D1"].data["delivered_on"] == "2026-01-02"
        assert rows["D1"].data["steps"][0]["data"] == {"from_registry": True, "test_recorded": False}
        assert [c[2] for c in changes] == ["D1", "D2", "D3"]
        assert changes[-1][0] == head and changes[0][0] > 9
    finally:
        engine.dispose()
