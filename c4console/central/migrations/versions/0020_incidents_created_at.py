"""Central: an index on ``incidents.created_at`` (issue 14) — the period report and the
open-data export read a period's incidents by their creation time; the existing
``ix_incidents_status_created`` leads with the status, so a range on the time alone
could not use it and read every incident of every status.

Revision ID: 0020
Revises: 0019
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_incidents_created_at", "incidents", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_incidents_created_at", "incidents")
