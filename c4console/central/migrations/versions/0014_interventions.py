"""Central: the specialist desk (issue 12) — ``interventions`` (psychological and legal
interventions, by her case), ``desk_follow_ups`` (the next contacts the specialists
schedule, by day) and ``case_timeline`` (the case timeline's entries; an intervention
writes one, never its notes). All start empty.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

ID = 64


def upgrade() -> None:
    op.create_table(
        "interventions",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("case_id", sa.String(ID), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("started_at", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_interventions_case_id", "interventions", ["case_id"])
    op.create_index("ix_interventions_started_at", "interventions", ["started_at"])
    op.create_table(
        "desk_follow_ups",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("case_id", sa.String(ID), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("due_at", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_desk_follow_ups_case_id", "desk_follow_ups", ["case_id"])
    op.create_index("ix_desk_follow_ups_due_at", "desk_follow_ups", ["due_at"])
    op.create_table(
        "case_timeline",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("case_id", sa.String(ID), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_case_timeline_case_id", "case_timeline", ["case_id"])


def downgrade() -> None:
    op.drop_table("case_timeline")
    op.drop_table("desk_follow_ups")
    op.drop_table("interventions")
