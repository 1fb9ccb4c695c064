"""Central: a panic device's life (issue 17) — the ``device_lifecycles`` table (one row per
panic device: its state, the woman it is for, its dated steps). Every existing panic device
gets its record with its change row, by the core's ``implied_lifecycle``:

- a device with a beneficiary and a delivery date is *in use*: it is in her hands and has
  been protecting her. Its test call at delivery was never recorded as a lifecycle step, so
  its first step says ``test_recorded: false`` instead of inventing one (putting these
  devices at *delivered* would list every one of them as waiting for a test that, in the
  field, was done or will never be repeated);
- every other panic device is *in stock* (one registered to a woman without a delivery
  date is not in her hands: it starts at the stock, and her request follows the steps).

Patrol trackers have no lifecycle.

Revision ID: 0012
Revises: 0011
"""

import time

import sqlalchemy as sa
from alembic import op

from c4console.core.device_lifecycle import implied_lifecycle
from c4console.core.models import Device

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ID = 64
BATCH = 1000

_devices = sa.table("devices", sa.column("id", sa.String), sa.column("kind", sa.String),
                    sa.column("data", sa.JSON))
_counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.BigInteger))
_changes = sa.table("changes", sa.column("seq", sa.BigInteger), sa.column("at", sa.Float),
                    sa.column("entity", sa.String), sa.column("entity_id", sa.String),
                    sa.column("op", sa.String), sa.column("data", sa.JSON))


def upgrade() -> None:
    lifecycles = op.create_table(
        "device_lifecycles",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("beneficiary_id", sa.String(ID)),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_device_lifecycles_state", "device_lifecycles", ["state"])
    op.create_index("ix_device_lifecycles_beneficiary_id", "device_lifecycles", ["beneficiary_id"])
    _backfill(op.get_bind(), lifecycles, time.time())


def _backfill(conn: sa.Connection, lifecycles: sa.Table, now: float) -> None:
    devices = conn.execute(sa.select(_devices.c.data).where(_devices.c.kind == "panic")
                           .order_by(_devices.c.id)).all()
    if not devices:
        return
    # Like records.Tx: take the feed head's row (the write lock), number the changes after it.
    conn.execute(sa.update(_counters).where(_counters.c.name == "change_seq")
                 .values(value=_counters.c.value))
    head = int(conn.execute(sa.select(_counters.c.value).where(
        _counters.c.name == "change_seq")).scalar_one())
    rows, change_rows = [], []
    for (data,) in devices:
        record = implied_lifecycle(Device.from_wire(data), now)
        wire = record.to_wire()
        rows.append({"id": record.id, "state": record.state,
                     "beneficiary_id": record.beneficiary_id, "data": wire})
        head += 1
        change_rows.append({"seq": head, "at": now, "entity": "device_lifecycle",
                            "entity_id": record.id, "op": "upsert", "data": wire})
    for n in range(0, len(rows), BATCH):
        conn.execute(sa.insert(lifecycles), rows[n:n + BATCH])
        conn.execute(sa.insert(_changes), change_rows[n:n + BATCH])
    conn.execute(sa.update(_counters).where(_counters.c.name == "change_seq").values(value=head))


def downgrade() -> None:
    op.drop_table("device_lifecycles")
