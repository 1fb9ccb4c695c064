"""Central: exclusion zones of protection orders (issue 17) — the ``exclusion_orders`` table
(one JSON snapshot per order's zones record, found by her case). His tracker is a
``devices`` row of kind ``aggressor`` (its zone state travels in the device's JSON), and a
proximity incident an ``incidents`` row: nothing else changes shape.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ID = 64


def upgrade() -> None:
    op.create_table(
        "exclusion_orders",
        sa.Column("id", sa.String(ID * 2), primary_key=True),
        sa.Column("case_id", sa.String(ID * 2)),
        sa.Column("updated_at", sa.Float, nullable=False, server_default="0"),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_exclusion_orders_case_id", "exclusion_orders", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_exclusion_orders_case_id", "exclusion_orders")
    op.drop_table("exclusion_orders")
