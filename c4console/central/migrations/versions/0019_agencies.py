"""Central: agencies and cases shared with them (issue 15) — ``agencies`` (the C4's own,
id ``c4``, created here), ``users.agency_id`` (every existing account moves to the C4's
agency), and ``case_shares`` (the ``case_share`` feed record, found by case and agency).

Revision ID: 0019
Revises: 0018
"""

import time

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

ID = 64
C4_AGENCY = "c4"


def upgrade() -> None:
    agencies = op.create_table(
        "agencies",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("contact", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.bulk_insert(agencies, [{"id": C4_AGENCY, "name": "C4", "kind": "c4", "contact": "",
                               "created_at": time.time()}])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("agency_id", sa.String(ID), nullable=False,
                                   server_default=C4_AGENCY))
    op.create_table(
        "case_shares",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("case_id", sa.String(ID * 2), nullable=False),
        sa.Column("agency_id", sa.String(ID), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_case_shares_case_id", "case_shares", ["case_id"])
    op.create_index("ix_case_shares_agency_id", "case_shares", ["agency_id"])


def downgrade() -> None:
    op.drop_index("ix_case_shares_agency_id", "case_shares")
    op.drop_index("ix_case_shares_case_id", "case_shares")
    op.drop_table("case_shares")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("agency_id")
    op.drop_table("agencies")
