"""Central: the gateways' outbox (SMS, WhatsApp replies, media downloads that survive a
restart) and the WhatsApp number → conversation incident map.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ID = 64


def upgrade() -> None:
    op.create_table(
        "gateway_outbox",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("incident_id", sa.String(ID), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_at", sa.Float, nullable=False),
        sa.Column("lease_owner", sa.String(120)),
        sa.Column("lease_until", sa.Float),
        sa.Column("last_error", sa.Text, nullable=False, server_default=""),
        sa.Column("external_id", sa.String(256)),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_index("ix_gateway_outbox_incident_id", "gateway_outbox", ["incident_id"])
    op.create_index("ix_gateway_outbox_external_id", "gateway_outbox", ["external_id"])
    # The worker's question: what is pending and due.
    op.create_index("ix_gateway_outbox_due", "gateway_outbox", ["state", "next_at"])
    op.create_table(
        "whatsapp_conversations",
        sa.Column("wa_id", sa.String(32), primary_key=True),
        sa.Column("incident_id", sa.String(ID), nullable=False),
        sa.Column("opened_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("whatsapp_conversations")
    op.drop_table("gateway_outbox")
