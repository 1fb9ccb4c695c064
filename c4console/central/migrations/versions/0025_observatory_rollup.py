"""Central: the observatory's counts kept ahead of time (issue 14).

After 0024 the year's read still grouped 200,000 index entries and assembled thousands
of rows per request. Tables hold the counts instead (central/observatory_rollup.py):
counted incidents (a device's test activations excluded) per epoch hour, and per
(cuadrante filed, grid cell) per C4 year, month and day in the zone kept. Triggers on
``incidents`` keep them in the incident's own transaction, whoever writes the row. A
year reads the year's rows: about one per cell.

The existing incidents are counted here by the database (one grouped statement per
table), in the default zone (America/Tijuana, the central's default); a central
configured with another zone rebuilds the places for it when it starts
(observatory_rollup.ensure_zone).

Revision ID: 0025
Revises: 0024
"""

import sqlalchemy as sa
from alembic import op

from c4console.central.observatory_rollup import backfill, create_triggers, drop_triggers

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

DEFAULT_ZONE = "America/Tijuana"


def upgrade() -> None:
    op.create_table("observatory_hours",
                    sa.Column("hour", sa.BigInteger, primary_key=True, autoincrement=False),
                    sa.Column("n", sa.Integer, nullable=False))
    op.create_table("observatory_places",
                    sa.Column("tz", sa.String(64), primary_key=True),
                    sa.Column("grain", sa.String(1), primary_key=True),
                    sa.Column("period", sa.Integer, primary_key=True, autoincrement=False),
                    sa.Column("cuadrante", sa.String, primary_key=True),
                    sa.Column("cell", sa.String(24), primary_key=True),
                    sa.Column("n", sa.Integer, nullable=False))
    op.create_table("observatory_rollup_zones",
                    sa.Column("tz", sa.String(64), primary_key=True))
    op.create_table("observatory_zone_offsets",
                    sa.Column("starts_at", sa.Float, primary_key=True, autoincrement=False),
                    sa.Column("utc_offset", sa.Integer, nullable=False))
    conn = op.get_bind()
    backfill(conn, DEFAULT_ZONE)
    create_triggers(conn)


def downgrade() -> None:
    drop_triggers(op.get_bind())
    for name in ("observatory_zone_offsets", "observatory_rollup_zones", "observatory_places",
                 "observatory_hours"):
        op.drop_table(name)
