"""Tables of the local cache (the migrations create them; this is for queries)."""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

metadata = MetaData()

# Mirror of the central's records: one row per entity snapshot, as JSON.
records = Table(
    "records",
    metadata,
    Column("entity", String(20), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

# Sync state: the change cursor (last seq durably applied) and the server identity.
sync_state = Table(
    "sync_state",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

# Outbox: operator commands, durable before the UI says "saved".
outbox = Table(
    "outbox",
    metadata,
    Column("local_seq", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("body", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("state", String(12), nullable=False),  # pending | accepted | rejected | duplicate
    Column("reason", String(60), nullable=False, server_default=""),
    Column("message", Text, nullable=False, server_default=""),
    Column("decided_at", Float),
    Column("result_seq", Integer),
    Column("dismissed", Integer, nullable=False, server_default="0"),
)
