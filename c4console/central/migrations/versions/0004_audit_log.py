"""Central: the hash-chained audit log of operator actions (c4console.central.audit).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = 64
BIG = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        # Given by the appender from the audit_seq counter (gap-free, commit order).
        sa.Column("seq", BIG, primary_key=True, autoincrement=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("workstation", sa.String(120), nullable=False),
        sa.Column("source", sa.String(120), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("incident_id", sa.String(ID)),
        sa.Column("target", sa.JSON, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        # sha256(prev_hash + canonical JSON of the entry); 64 zeros before the first.
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_actor", "audit_log", ["actor"])
    op.create_index("ix_audit_log_action", "audit_log", ["action"])
    op.create_index("ix_audit_log_incident_id", "audit_log", ["incident_id"])
    counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", BIG))
    op.bulk_insert(counters, [{"name": "audit_seq", "value": 0}])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.execute("DELETE FROM counters WHERE name = 'audit_seq'")
