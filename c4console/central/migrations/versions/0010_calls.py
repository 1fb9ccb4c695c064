"""Central: the call intake (issue 11) — the ``calls`` table (one row per telephone call,
by the PBX's call id: the screen pop's record and what became of it) and ``referrals``
(the specialist desk's queue). Both start empty.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ID = 64


def upgrade() -> None:
    op.create_table(
        "calls",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("incident_id", sa.String(ID)),
        sa.Column("number_key", sa.String(16)),
        sa.Column("answered_at", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_calls_incident_id", "calls", ["incident_id"])
    op.create_index("ix_calls_number_key", "calls", ["number_key"])
    op.create_index("ix_calls_answered_at", "calls", ["answered_at"])
    op.create_table(
        "referrals",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("incident_id", sa.String(ID)),
        sa.Column("handed_at", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_referrals_incident_id", "referrals", ["incident_id"])
    op.create_index("ix_referrals_handed_at", "referrals", ["handed_at"])


def downgrade() -> None:
    op.drop_table("referrals")
    op.drop_table("calls")
