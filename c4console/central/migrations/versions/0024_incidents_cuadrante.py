"""Central: ``incidents.cuadrante`` and the observatory's covering index (issue 14).

The observatory groups a year of incidents by the cuadrante they were filed in, their
grid cell and their hour. The cuadrante was only in the JSON snapshot, so a year of a
large C4 (200,000 incidents) parsed 200,000 snapshots: ~2.8 s. Stored beside the
snapshot (the write path keeps it: central/records.py, lookup_columns.incident_cuadrante)
and the read's columns indexed, the database counts from indexes alone. Three partial
indexes — partial, so that a read of the range alone (the period report, open data) keeps
0020's narrower ``ix_incidents_created_at``, which a full ``(created_at, ...)`` index would
compete with: the incidents without a device and a device's, each covering
``created_at, device_id, cuadrante, cell`` (SQLite does not infer the ``device_id`` of a
partial index's rows, so it is a column too), and a device's test activations (the flag
is in the snapshot; only a device's incident can be one), which the observatory takes
away: the database keeps that index however the snapshot is written.

Existing rows are backfilled from their snapshots here, in batches by id.

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

from c4console.central.lookup_columns import TEST_FLAG_SQL, incident_cuadrante

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

BATCH = 2000
COVERING = ["created_at", "device_id", "cuadrante", "cell"]
# name: (columns, the rows it holds, per dialect)
INDEXES = {
    "ix_incidents_observatory": (COVERING, {d: "device_id IS NULL" for d in TEST_FLAG_SQL}),
    "ix_incidents_observatory_devices": (COVERING,
                                         {d: "device_id IS NOT NULL" for d in TEST_FLAG_SQL}),
    "ix_incidents_tests": (["created_at"], {d: f"device_id IS NOT NULL AND {flag}"
                                            for d, flag in TEST_FLAG_SQL.items()}),
}
_incidents = sa.table("incidents", sa.column("id", sa.String), sa.column("data", sa.JSON),
                      sa.column("cuadrante", sa.String))


def upgrade() -> None:
    op.add_column("incidents", sa.Column("cuadrante", sa.String, nullable=True))
    _backfill(op.get_bind())
    for name, (columns, where) in INDEXES.items():
        op.create_index(name, "incidents", columns, sqlite_where=sa.text(where["sqlite"]),
                        postgresql_where=sa.text(where["postgresql"]))


def _backfill(conn: sa.Connection) -> None:
    """Each incident's cuadrante from its snapshot, a batch of ids at a time (keyset: the
    batches do not hold the whole table in memory)."""
    c = _incidents.c
    update = (sa.update(_incidents).where(c.id == sa.bindparam("rid"))
              .values(cuadrante=sa.bindparam("code")))
    last = ""
    while True:
        rows = conn.execute(sa.select(c.id, c.data).where(c.id > last)
                            .order_by(c.id).limit(BATCH)).all()
        if not rows:
            return
        params = [{"rid": rid, "code": incident_cuadrante(data or {})} for rid, data in rows]
        if any(p["code"] is not None for p in params):
            conn.execute(update, [p for p in params if p["code"] is not None])
        last = rows[-1][0]


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, "incidents")
    with op.batch_alter_table("incidents") as batch:  # SQLite: a copy of the table
        batch.drop_column("cuadrante")
