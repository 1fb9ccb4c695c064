"""Central: entities, change feed, command log, security events, counters.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = 64
# 64-bit on PostgreSQL; plain INTEGER on SQLite (its integers are 64-bit anyway).
BIG = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("folio", sa.String(40), nullable=False, unique=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("device_id", sa.String(ID)),
        sa.Column("unit_id", sa.String(ID)),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_incidents_status", "incidents", ["status"])
    op.create_index("ix_incidents_device_id", "incidents", ["device_id"])
    op.create_table(
        "units",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("device_id", sa.String(ID)),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("incident_id", sa.String(ID), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_incident_id", "events", ["incident_id"])
    op.create_table(
        "beneficiaries",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("beneficiary_id", sa.String(ID)),
        sa.Column("unit_id", sa.String(ID)),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "changes",
        sa.Column("seq", BIG, primary_key=True, autoincrement=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.String(ID), nullable=False),
        sa.Column("op", sa.String(10), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "command_log",
        sa.Column("key", sa.String(ID), primary_key=True),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("outcome", sa.String(12), nullable=False),
        sa.Column("reason", sa.String(60), nullable=False, server_default=""),
        sa.Column("message", sa.Text, nullable=False, server_default=""),
        sa.Column("seq", BIG),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("workstation", sa.String(120), nullable=False, server_default=""),
        sa.Column("body", sa.JSON, nullable=False),
    )
    op.create_table(
        "security_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("source", sa.String(120), nullable=False, server_default=""),
    )
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", BIG, nullable=False),
    )
    # The feed head row must exist: every write transaction locks it first.
    op.bulk_insert(counters, [{"name": "change_seq", "value": 0}])


def downgrade() -> None:
    for table in ("counters", "security_events", "command_log", "changes", "devices",
                  "beneficiaries", "events", "units", "incidents"):
        op.drop_table(table)
