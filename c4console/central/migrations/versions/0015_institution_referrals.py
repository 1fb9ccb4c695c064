"""Central: referrals to institutions (issue 12) — ``institution_referrals`` (one row per
referral of her case to an institution, with its status history in the JSON). It starts
empty. (Her case timeline's entries, which a referral writes, are 0014's table.)

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
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


def downgrade() -> None:
    op.drop_table("institution_referrals")
