"""Central: audio sessions (live ambient audio recorded as evidence).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = 64
BIG = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "audio_sessions",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("beneficiary_id", sa.String(ID)),
        sa.Column("incident_id", sa.String(ID)),
        sa.Column("folio", sa.String(40), nullable=False, server_default=""),
        sa.Column("codec", sa.String(10), nullable=False),
        sa.Column("payload_type", sa.Integer, nullable=False),
        sa.Column("sample_rate", sa.Integer, nullable=False),
        sa.Column("host", sa.String(64), nullable=False, server_default=""),
        sa.Column("udp_port", sa.Integer, nullable=False),
        # live | ended | interrupted (the central stopped without ending it)
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("server_id", sa.String(120), nullable=False),
        # Relative to the recordings folder, so the folder can be moved as a whole.
        sa.Column("folder", sa.Text, nullable=False),
        sa.Column("started_at", sa.Float, nullable=False),
        sa.Column("ended_at", sa.Float),
        sa.Column("end_reason", sa.String(200), nullable=False, server_default=""),
        sa.Column("created_by", sa.String(120), nullable=False, server_default=""),
        sa.Column("segments", sa.Integer, nullable=False, server_default="0"),
        sa.Column("samples", BIG, nullable=False, server_default="0"),
        sa.Column("packets", BIG, nullable=False, server_default="0"),
        sa.Column("lost", BIG, nullable=False, server_default="0"),
        # Checkpoint of the manifest's hash chain: its hash after chain_lines lines.
        sa.Column("chain_head", sa.String(64), nullable=False, server_default=""),
        sa.Column("chain_lines", sa.Integer, nullable=False, server_default="0"),
        sa.Column("checkpoint_at", sa.Float),
    )
    op.create_index("ix_audio_sessions_device_id", "audio_sessions", ["device_id"])
    op.create_index("ix_audio_sessions_incident_id", "audio_sessions", ["incident_id"])
    op.create_index("ix_audio_sessions_status", "audio_sessions", ["status"])


def downgrade() -> None:
    op.drop_table("audio_sessions")
