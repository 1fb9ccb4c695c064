"""Central: follow-up of protection orders (issue 13) — ``follow_plans``, ``patrol_visits``
(planned visits found by unit and status for the GPS proof), ``interviews``,
``follow_calls``; each a JSON snapshot with its look-up columns (her case's timeline
entries go to 0014's ``case_timeline``). A unit's kind travels in the ``units`` JSON (no
column).

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

ID = 64

_INDEXES = [
    ("follow_plans", "case_id"), ("patrol_visits", "plan_id"), ("patrol_visits", "case_id"),
    ("patrol_visits", "due_at"), ("interviews", "case_id"), ("interviews", "held_at"),
    ("follow_calls", "case_id"), ("follow_calls", "plan_id"), ("follow_calls", "placed_at"),
]


def upgrade() -> None:
    op.create_table(
        "follow_plans",
        sa.Column("id", sa.String(ID * 2), primary_key=True),
        sa.Column("case_id", sa.String(ID * 2)),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "patrol_visits",
        sa.Column("id", sa.String(ID * 2), primary_key=True),
        sa.Column("plan_id", sa.String(ID * 2)),
        sa.Column("case_id", sa.String(ID * 2)),
        sa.Column("unit_id", sa.String(ID), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("due_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False, server_default="0"),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_patrol_visits_unit_status", "patrol_visits", ["unit_id", "status"])
    op.create_table(
        "interviews",
        sa.Column("id", sa.String(ID * 2), primary_key=True),
        sa.Column("case_id", sa.String(ID * 2)),
        sa.Column("held_at", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "follow_calls",
        sa.Column("id", sa.String(ID * 2), primary_key=True),
        sa.Column("case_id", sa.String(ID * 2)),
        sa.Column("plan_id", sa.String(ID * 2)),
        sa.Column("placed_at", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    for table, column in _INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    for table, column in reversed(_INDEXES):
        op.drop_index(f"ix_{table}_{column}", table)
    op.drop_index("ix_patrol_visits_unit_status", "patrol_visits")
    for table in ("follow_calls", "interviews", "patrol_visits", "follow_plans"):
        op.drop_table(table)
