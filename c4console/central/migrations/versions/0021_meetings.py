"""Central: coordination meetings (mesas) and their tasks (issue 15, part 2) — ``meetings``
(the ``meeting`` feed record, found by date) and ``coordination_tasks`` (the
``coordination_task`` feed record, found by meeting, case, agency, status and due date).

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

ID = 64


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_meetings_date", "meetings", ["date"])
    op.create_table(
        "coordination_tasks",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("meeting_id", sa.String(ID), nullable=False),
        sa.Column("case_id", sa.String(ID * 2), nullable=False),
        sa.Column("agency_id", sa.String(ID), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("due_on", sa.String(10), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    for column in ("meeting_id", "case_id", "agency_id"):
        op.create_index(f"ix_coordination_tasks_{column}", "coordination_tasks", [column])


def downgrade() -> None:
    for column in ("agency_id", "case_id", "meeting_id"):
        op.drop_index(f"ix_coordination_tasks_{column}", "coordination_tasks")
    op.drop_table("coordination_tasks")
    op.drop_index("ix_meetings_date", "meetings")
    op.drop_table("meetings")
