"""Central: the woman's case (issue 10) — the ``cases``, ``case_keys`` and ``histories``
tables, the incidents' look-up columns for her history (backfilled), and one case per
existing beneficiary, each with its change row so the consoles receive it.

A beneficiary's case takes from her record her name, phone, home address (with its
point), protection order, aggressor and trusted contacts (the same rule as the write
path: c4console/core/cases/registry_link.py), her panic devices from ``devices`` and
her past incidents from ``incidents``.

Revision ID: 0007
Revises: 0006
"""

import time

import sqlalchemy as sa
from alembic import op

from c4console.central.cases.store import case_key_rows
from c4console.central.lookup_columns import case_columns, incident_lookup_columns
from c4console.core.cases.registry_link import case_from_registry
from c4console.core.models import Beneficiary

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = 64
BATCH = 1000

_incidents = sa.table("incidents", sa.column("id", sa.String), sa.column("data", sa.JSON),
                      sa.column("beneficiary_id", sa.String), sa.column("caller_key", sa.String),
                      sa.column("lat", sa.Float), sa.column("lon", sa.Float),
                      sa.column("cell", sa.String), sa.column("created_at", sa.Float))
_beneficiaries = sa.table("beneficiaries", sa.column("id", sa.String), sa.column("data", sa.JSON))
_devices = sa.table("devices", sa.column("id", sa.String), sa.column("kind", sa.String),
                    sa.column("beneficiary_id", sa.String))
_counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.BigInteger))
_changes = sa.table("changes", sa.column("seq", sa.BigInteger), sa.column("at", sa.Float),
                    sa.column("entity", sa.String), sa.column("entity_id", sa.String),
                    sa.column("op", sa.String), sa.column("data", sa.JSON))


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("beneficiary_id", sa.String(ID)))
        batch.add_column(sa.Column("caller_key", sa.String(16)))
        batch.add_column(sa.Column("lat", sa.Float))
        batch.add_column(sa.Column("lon", sa.Float))
        batch.add_column(sa.Column("cell", sa.String(24)))
        batch.add_column(sa.Column("created_at", sa.Float))
    op.create_index("ix_incidents_beneficiary_id", "incidents", ["beneficiary_id"])
    op.create_index("ix_incidents_caller_key", "incidents", ["caller_key"])
    op.create_index("ix_incidents_cell", "incidents", ["cell"])
    op.create_index("ix_incidents_status_created", "incidents", ["status", "created_at"])
    cases = op.create_table(
        "cases",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("beneficiary_id", sa.String(ID)),
        sa.Column("person_key", sa.String(240)),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_cases_beneficiary_id", "cases", ["beneficiary_id"])
    op.create_index("ix_cases_person_key", "cases", ["person_key"])
    case_keys = op.create_table(
        "case_keys",
        sa.Column("kind", sa.String(10), primary_key=True),
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("case_id", sa.String(ID), primary_key=True),
    )
    op.create_index("ix_case_keys_case_id", "case_keys", ["case_id"])
    op.create_table(
        "histories",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
    )
    conn = op.get_bind()
    _backfill_incidents(conn)
    _cases_for_beneficiaries(conn, cases, case_keys)


def _backfill_incidents(conn: sa.Connection) -> None:
    rows = conn.execute(sa.select(_incidents.c.id, _incidents.c.data)).all()
    for n in range(0, len(rows), BATCH):
        params = [{"rid": rid, **incident_lookup_columns(data)} for rid, data in rows[n:n + BATCH]]
        conn.execute(sa.update(_incidents).where(_incidents.c.id == sa.bindparam("rid"))
                     .values(beneficiary_id=sa.bindparam("beneficiary_id"),
                             caller_key=sa.bindparam("caller_key"), lat=sa.bindparam("lat"),
                             lon=sa.bindparam("lon"), cell=sa.bindparam("cell"),
                             created_at=sa.bindparam("created_at")),
                     params)


def _cases_for_beneficiaries(conn: sa.Connection, cases: sa.Table, case_keys: sa.Table) -> None:
    now = time.time()
    devices: dict[str, list[str]] = {}
    for did, bid in conn.execute(sa.select(_devices.c.id, _devices.c.beneficiary_id).where(
            _devices.c.kind == "panic").order_by(_devices.c.id)):
        if bid:
            devices.setdefault(bid, []).append(did)
    incidents: dict[str, list[str]] = {}
    for iid, bid in conn.execute(sa.select(_incidents.c.id, _incidents.c.beneficiary_id).where(
            _incidents.c.beneficiary_id.is_not(None)).order_by(_incidents.c.created_at)):
        incidents.setdefault(bid, []).append(iid)
    beneficiaries = conn.execute(sa.select(_beneficiaries.c.data).order_by(_beneficiaries.c.id)).all()
    if not beneficiaries:
        return
    # Like records.Tx: take the feed head's row (the write lock), number the changes after it.
    conn.execute(sa.update(_counters).where(_counters.c.name == "change_seq")
                 .values(value=_counters.c.value))
    head = int(conn.execute(sa.select(_counters.c.value).where(
        _counters.c.name == "change_seq")).scalar_one())
    case_rows, key_rows, change_rows = [], [], []
    for (data,) in beneficiaries:
        ben = Beneficiary.from_wire(data)
        case = case_from_registry(ben, now=now, device_ids=devices.get(ben.id, ()),
                                  incident_ids=incidents.get(ben.id, ()))
        wire = case.to_wire()
        case_rows.append({"id": case.id, "data": wire, **case_columns(wire)})
        key_rows += case_key_rows(case)
        head += 1
        change_rows.append({"seq": head, "at": now, "entity": "case", "entity_id": case.id,
                            "op": "upsert", "data": wire})
    for n in range(0, len(case_rows), BATCH):
        conn.execute(sa.insert(cases), case_rows[n:n + BATCH])
        conn.execute(sa.insert(_changes), change_rows[n:n + BATCH])
    for n in range(0, len(key_rows), BATCH):
        conn.execute(sa.insert(case_keys), key_rows[n:n + BATCH])
    conn.execute(sa.update(_counters).where(_counters.c.name == "change_seq").values(value=head))


def downgrade() -> None:
    op.drop_table("histories")
    op.drop_table("case_keys")
    op.drop_table("cases")
    for name in ("ix_incidents_status_created", "ix_incidents_cell", "ix_incidents_caller_key",
                 "ix_incidents_beneficiary_id"):
        op.drop_index(name, "incidents")
    with op.batch_alter_table("incidents") as batch:
        for name in ("created_at", "cell", "lon", "lat", "caller_key", "beneficiary_id"):
            batch.drop_column(name)
