"""Central: device health (issue 17) — the ``device_health`` table (one row per device: its
last report, battery, charging, signal, tamper events) and ``health_tasks`` (the calls to
her that a silent, low or tampered device asks for). Every existing device gets its health
row from its last known fix, with its change row, so the health board starts complete and
the daily heartbeat check sees devices that have not reported since.

Revision ID: 0009
Revises: 0008
"""

import time

import sqlalchemy as sa
from alembic import op

from c4console.core.device_health import DeviceHealth

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ID = 64
BATCH = 1000

_devices = sa.table("devices", sa.column("id", sa.String), sa.column("data", sa.JSON))
_counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.BigInteger))
_changes = sa.table("changes", sa.column("seq", sa.BigInteger), sa.column("at", sa.Float),
                    sa.column("entity", sa.String), sa.column("entity_id", sa.String),
                    sa.column("op", sa.String), sa.column("data", sa.JSON))


def upgrade() -> None:
    health = op.create_table(
        "device_health",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("beneficiary_id", sa.String(ID)),
        sa.Column("last_report_at", sa.Float),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_device_health_last_report_at", "device_health", ["last_report_at"])
    op.create_table(
        "health_tasks",
        sa.Column("id", sa.String(ID + 40), primary_key=True),
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_health_tasks_device_id", "health_tasks", ["device_id"])
    _backfill(op.get_bind(), health, time.time())


def _backfill(conn: sa.Connection, health: sa.Table, now: float) -> None:
    devices = conn.execute(sa.select(_devices.c.data).order_by(_devices.c.id)).all()
    if not devices:
        return
    # Like records.Tx: take the feed head's row (the write lock), number the changes after it.
    conn.execute(sa.update(_counters).where(_counters.c.name == "change_seq")
                 .values(value=_counters.c.value))
    head = int(conn.execute(sa.select(_counters.c.value).where(
        _counters.c.name == "change_seq")).scalar_one())
    rows, change_rows = [], []
    for (data,) in devices:
        record = DeviceHealth(id=data["id"], kind=data.get("kind", "panic"),
                              beneficiary_id=data.get("beneficiary_id"),
                              last_report_at=data.get("last_at"), updated_at=now)
        wire = record.to_wire()
        rows.append({"id": record.id, "beneficiary_id": record.beneficiary_id,
                     "last_report_at": record.last_report_at, "data": wire})
        head += 1
        change_rows.append({"seq": head, "at": now, "entity": "device_health",
                            "entity_id": record.id, "op": "upsert", "data": wire})
    for n in range(0, len(rows), BATCH):
        conn.execute(sa.insert(health), rows[n:n + BATCH])
        conn.execute(sa.insert(_changes), change_rows[n:n + BATCH])
    conn.execute(sa.update(_counters).where(_counters.c.name == "change_seq").values(value=head))


def downgrade() -> None:
    op.drop_table("health_tasks")
    op.drop_table("device_health")
