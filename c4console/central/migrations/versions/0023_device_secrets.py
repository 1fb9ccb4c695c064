"""Central: a per-device secret for the OsmAnd gateway (issue 16 point 13):
``device_secrets`` keeps the SHA-256 of the secret a tracker sends as ``secret=``; a
device with a row here has its reports refused without it. Not in the device record
(``devices.data``), which the change feed sends to every console.

Revision ID: 0023
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device_secrets",
        sa.Column("device_id", sa.String(64), sa.ForeignKey("devices.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("set_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("device_secrets")
