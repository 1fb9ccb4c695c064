"""Central: user accounts (Argon2id hashes, lockout) and login tokens.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NAME = 64


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(NAME), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        # Consecutive failed logins since the last success or lock.
        sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.Float),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_table(
        "auth_tokens",
        # SHA-256 of the opaque token: a stolen database holds no usable token.
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(NAME), sa.ForeignKey("users.name", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("issued_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("source", sa.String(120), nullable=False, server_default=""),
    )
    op.create_index("ix_auth_tokens_user_name", "auth_tokens", ["user_name"])
    op.create_index("ix_auth_tokens_expires_at", "auth_tokens", ["expires_at"])


def downgrade() -> None:
    op.drop_table("auth_tokens")
    op.drop_table("users")
