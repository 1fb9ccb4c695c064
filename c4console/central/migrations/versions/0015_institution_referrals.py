"""Central: referrals to institutions (issue 12) — ``institution_referrals`` (one row per
referral of her case to an institution, with its status history in the JSON) and
``case_timeline`` (her case timeline's entries: one per referral and status change).
Both start empty.

Revision ID: 0015
Revises: 0013 (the lead re-chains 0014, 0015 and 0016 at merge)
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None

ID = 64


def upgrade() -> None:
    op.create_table(
        "institution_referrals",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("case_id", sa.String(ID * 2), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_institution_referrals_case_id", "institution_referrals", ["case_id"])
    op.create_index("ix_institution_referrals_status", "institution_referrals", ["status"])
    op.create_table(
        "case_timeline",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("case_id", sa.String(ID * 2), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_case_timeline_case_id", "case_timeline", ["case_id"])


def downgrade() -> None:
    op.drop_table("case_timeline")
    op.drop_table("institution_referrals")
