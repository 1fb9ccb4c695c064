"""Central: accounts can be disabled (``users.disabled_at``), for ``c4central users
disable|enable`` (issue 16 point 5). A disabled account cannot log in and its tokens are
refused at every request and on every open socket.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("disabled_at", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("disabled_at")
