"""Central: BANAVIM registrations (issue 12) — ``banavim_registrations``, one row per case
(or episode of a case) marked for BANAVIM, with BANAVIM's folio once registered (unique:
a folio is one expediente) and the day it was registered (the statistics count by it).
Starts empty.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

ID = 64


def upgrade() -> None:
    op.create_table(
        "banavim_registrations",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("case_id", sa.String(ID), nullable=False),
        sa.Column("incident_id", sa.String(ID)),
        sa.Column("folio", sa.String(ID)),
        sa.Column("registered_on", sa.String(10)),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_banavim_registrations_case_id", "banavim_registrations", ["case_id"])
    op.create_index("ix_banavim_registrations_folio", "banavim_registrations", ["folio"],
                    unique=True)
    op.create_index("ix_banavim_registrations_registered_on", "banavim_registrations",
                    ["registered_on"])


def downgrade() -> None:
    op.drop_table("banavim_registrations")
