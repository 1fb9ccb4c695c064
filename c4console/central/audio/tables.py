"""The audio tables (migration 0003), described for queries.

Kept apart from ``central/schema.py`` on their own MetaData: the audio package
owns them. One row per audio session; the segments themselves are listed in the
session's hash-chain manifest, and the row keeps a checkpoint of that chain
(``chain_head`` after ``chain_lines`` lines) so that a manifest rewritten as a
whole still disagrees with the database.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Float, Integer, MetaData, String, Table, Text

metadata = MetaData()

ID = 64
BIG = BigInteger().with_variant(Integer, "sqlite")

LIVE, ENDED, INTERRUPTED = "live", "ended", "interrupted"

audio_sessions = Table(
    "audio_sessions",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("device_id", String(ID), nullable=False, index=True),
    Column("beneficiary_id", String(ID)),
    Column("incident_id", String(ID), index=True),
    Column("folio", String(40), nullable=False, server_default=""),
    Column("codec", String(10), nullable=False),
    Column("payload_type", Integer, nullable=False),
    Column("sample_rate", Integer, nullable=False),
    Column("host", String(64), nullable=False, server_default=""),
    Column("udp_port", Integer, nullable=False),
    Column("status", String(12), nullable=False, index=True),  # live | ended | interrupted
    Column("server_id", String(120), nullable=False),
    Column("folder", Text, nullable=False),  # relative to the recordings folder
    Column("started_at", Float, nullable=False),
    Column("ended_at", Float),
    Column("end_reason", String(200), nullable=False, server_default=""),
    Column("created_by", String(120), nullable=False, server_default=""),
    Column("segments", Integer, nullable=False, server_default="0"),
    Column("samples", BIG, nullable=False, server_default="0"),
    Column("packets", BIG, nullable=False, server_default="0"),
    Column("lost", BIG, nullable=False, server_default="0"),
    Column("chain_head", String(64), nullable=False, server_default=""),
    Column("chain_lines", Integer, nullable=False, server_default="0"),
    Column("checkpoint_at", Float),
)
