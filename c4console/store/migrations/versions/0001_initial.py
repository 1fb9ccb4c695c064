"""Local cache: records mirror, sync state, outbox.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("entity", sa.String(20), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("local_seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("reason", sa.String(60), nullable=False, server_default=""),
        sa.Column("message", sa.Text, nullable=False, server_default=""),
        sa.Column("decided_at", sa.Float),
        sa.Column("result_seq", sa.Integer),
        sa.Column("dismissed", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_outbox_state", "outbox", ["state", "dismissed"])


def downgrade() -> None:
    op.drop_index("ix_outbox_state", "outbox")
    op.drop_table("outbox")
    op.drop_table("sync_state")
    op.drop_table("records")
