"""Central: lockouts per user *and source address* (``login_locks``), and repeated
security events merged into one row with a count (issue 16 points 7 and 11).

- ``login_locks``: one row per (user, source address) that failed to log in: its
  consecutive failures and, after 5, until when that address may not log in as that
  user. A lock no longer touches ``users`` (nor the account's tokens), so someone who
  knows a user name cannot log her out from another machine.
- ``security_events.count`` / ``last_at``: the same event (kind, source, detail) within
  the coalescing window adds to the count of the row already written instead of a new row.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_locks",
        sa.Column("user_name", sa.String(64), primary_key=True),
        sa.Column("source", sa.String(120), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.Float),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    with op.batch_alter_table("security_events") as batch:
        batch.add_column(sa.Column("count", sa.Integer, nullable=False, server_default="1"))
        batch.add_column(sa.Column("last_at", sa.Float))
    op.create_index("ix_security_events_kind_source", "security_events", ["kind", "source"])


def downgrade() -> None:
    op.drop_index("ix_security_events_kind_source", "security_events")
    with op.batch_alter_table("security_events") as batch:
        batch.drop_column("last_at")
        batch.drop_column("count")
    op.drop_table("login_locks")
