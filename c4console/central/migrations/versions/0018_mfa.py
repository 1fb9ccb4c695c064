"""Central: a second factor for logins (issue 16 point 8): ``user_mfa`` (the account's TOTP
secret, pending until a first code confirms it, and the last time step accepted, so a code
is never accepted twice) and ``mfa_recovery_codes`` (Argon2id hashes, each usable once).

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_mfa",
        sa.Column("user_name", sa.String(64), sa.ForeignKey("users.name", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("confirmed_at", sa.Float),
        sa.Column("last_step", sa.BigInteger().with_variant(sa.Integer, "sqlite")),
    )
    op.create_table(
        "mfa_recovery_codes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_name", sa.String(64), sa.ForeignKey("users.name", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("code_hash", sa.Text, nullable=False),
        sa.Column("used_at", sa.Float),
    )
    op.create_index("ix_mfa_recovery_codes_user_name", "mfa_recovery_codes", ["user_name"])


def downgrade() -> None:
    op.drop_index("ix_mfa_recovery_codes_user_name", "mfa_recovery_codes")
    op.drop_table("mfa_recovery_codes")
    op.drop_table("user_mfa")
