"""Migration 0007 on a database at 0006 that has beneficiaries, devices and incidents:
one case per beneficiary (from her record, her devices, her incidents), each with its
change row after the feed head, and the incidents' look-up columns filled."""

from __future__ import annotations

from sqlalchemy import insert, select

from c4console.central import schema as t
from c4console.central.db import create_db_engine, migrate
from c4console.core.changes import Change
from c4console.core.models import Beneficiary, Device, Incident


def test_0007_gives_every_beneficiary_a_case_with_its_change_row(db_url):
    engine = create_db_engine(db_url)
    try:
        migrate(engine, "0006")
        ben = Beneficiary("B1", "Luz Ríos", phone="6861112233", address="Calle 2", home_lat=32.62,
                          home_lon=-115.45, order_number="OP-7", order_authority="Juzgado 1",
                          order_valid_until="2099-01-01", aggressor="R. M.",
                          trusted_contacts=[{"name": "Eva", "phone": "6864445566", "relation": "hermana"}])
        inc = Incident("I1", "C4-1", "10101", "ALTA", "panic_button", "closed", 1000.0,
                       beneficiary_id="B1", device_id="D1", caller="6861112233")
        with engine.begin() as conn:
            conn.execute(t.counters.update().values(value=5).where(t.counters.c.name == "change_seq"))
            for table, rec in ((t.beneficiaries, ben), (t.beneficiaries, Beneficiary("B2", "Sol"))):
                conn.execute(insert(table).values(id=rec.id, data=rec.to_wire()))
            conn.execute(insert(t.devices).values(id="D1", kind="panic", beneficiary_id="B1",
                                                  data=Device("D1", "panic", "B1").to_wire()))
            data = inc.to_wire()
            conn.execute(t.incidents.insert().values(
                id="I1", folio="C4-1", status="closed", device_id="D1", updated_at=1000.0, data=data))
        migrate(engine, "0007")
        with engine.connect() as conn:
            cases = dict(conn.execute(select(t.cases.c.beneficiary_id, t.cases.c.data)).all())
            changes = [Change(r.seq, r.at, r.entity, r.entity_id, r.op, r.data)
                       for r in conn.execute(select(t.changes).order_by(t.changes.c.seq))]
            head = conn.execute(select(t.counters.c.value).where(
                t.counters.c.name == "change_seq")).scalar_one()
            row = conn.execute(select(t.incidents.c.beneficiary_id, t.incidents.c.caller_key)).one()
        assert set(cases) == {"B1", "B2"}
        luz = Change(0, 0, "case", "x", "upsert", cases["B1"]).record()
        assert (luz.person.name, luz.phones, luz.device_ids, luz.incident_ids) == (
            "Luz Ríos", ("6861112233",), ("D1",), ("I1",))
        assert luz.addresses[0].lat == 32.62 and luz.orders[0].number == "OP-7"
        assert [a.name for a in luz.aggressors] == ["R. M."] and luz.trusted_contacts[0].name == "Eva"
        assert [(c.seq, c.entity) for c in changes] == [(6, "case"), (7, "case")] and head == 7
        assert tuple(row) == ("B1", "6861112233")
    finally:
        engine.dispose()
