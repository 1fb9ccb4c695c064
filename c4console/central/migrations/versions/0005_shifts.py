"""Central: the shift roster (command set_shift; c4console.core.models.Shift).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = 64


def upgrade() -> None:
    op.create_table(
        "shifts",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("starts_at", sa.Float, nullable=False),
        sa.Column("ends_at", sa.Float, nullable=False),
        # The full snapshot (name, lead, operators, units, sectors), as on the change feed.
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_shifts_starts_at", "shifts", ["starts_at"])
    op.create_index("ix_shifts_ends_at", "shifts", ["ends_at"])


def downgrade() -> None:
    op.drop_table("shifts")
