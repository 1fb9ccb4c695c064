"""Tables of the central's database (SQLAlchemy Core).

The migrations in ``c4console/central/migrations`` create these tables; this
module describes them for queries. Each entity row keeps the full snapshot as
JSON (the same dict the change feed carries) plus the few columns queries need.
Only portable types are used, so the same schema runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

from c4console.central.lookup_columns import TEST_FLAG_SQL

metadata = MetaData()

ID = 64  # longest id we accept (client UUIDs, IMEIs, beneficiary codes)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("folio", String(40), nullable=False, unique=True),
    Column("status", String(20), nullable=False, index=True),
    Column("device_id", String(ID), index=True),
    Column("unit_id", String(ID)),
    Column("updated_at", Float, nullable=False),
    Column("data", JSON, nullable=False),
    # What her history looks up (migration 0007; c4console/central/cases/history_query.py):
    # her registry id, the caller's number as a number_key, the incident's point (the
    # confirmed one, else the device's live one), its grid cell (core/cases/grid.py: "within
    # N metres" reads a few cells; a (lat, lon) index narrowed only the latitude and
    # scanned a band of the city) and when it was created.
    Column("beneficiary_id", String(ID), index=True),
    Column("caller_key", String(16), index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("cell", String(24), index=True),
    Column("created_at", Float),
    # The cuadrante it is filed in (its snapshot's, NULL if none; migration 0024): the
    # observatory groups a year by it without parsing every snapshot.
    Column("cuadrante", String),
    Index("ix_incidents_status_created", "status", "created_at"),
    # A period's incidents by creation time alone (the period report, open data; 0020).
    Index("ix_incidents_created_at", "created_at"),
    # The observatory's year (0024), from partial indexes — partial so that a read of the
    # range alone (the period report) keeps ix_incidents_created_at, the narrower: the
    # incidents without a device and a device's, each counted from its index alone
    # (covering: the range, and the two places it groups by), less a device's test
    # activations (only a device's incident can be one; the flag is in the snapshot),
    # which the third holds: the database keeps it, however the snapshot was written.
    *(Index(name, "created_at", "device_id", "cuadrante", "cell",
            sqlite_where=text(where), postgresql_where=text(where))
      for name, where in (("ix_incidents_observatory", "device_id IS NULL"),
                          ("ix_incidents_observatory_devices", "device_id IS NOT NULL"))),
    Index("ix_incidents_tests", "created_at",
          sqlite_where=text(f"device_id IS NOT NULL AND {TEST_FLAG_SQL['sqlite']}"),
          postgresql_where=text(f"device_id IS NOT NULL AND {TEST_FLAG_SQL['postgresql']}")),
)

units = Table(
    "units",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("status", String(20), nullable=False),
    Column("device_id", String(ID)),
    Column("data", JSON, nullable=False),
)

# Timeline entries of incidents.
events = Table(
    "events",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("incident_id", String(ID), nullable=False, index=True),
    Column("at", Float, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("data", JSON, nullable=False),
)

beneficiaries = Table(
    "beneficiaries",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("data", JSON, nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("beneficiary_id", String(ID)),
    Column("unit_id", String(ID)),
    Column("data", JSON, nullable=False),
)

# The shift roster (migration 0005): a shift's period as columns for queries.
shifts = Table(
    "shifts",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("starts_at", Float, nullable=False, index=True),
    Column("ends_at", Float, nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

# The change feed. ``seq`` is given by the writer from the ``change_seq`` counter
# inside the same transaction (not by a database sequence: PostgreSQL sequences
# leave holes on rollback, and the feed must be gap-free).
changes = Table(
    "changes",
    metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("at", Float, nullable=False),
    Column("entity", String(20), nullable=False),
    Column("entity_id", String(ID), nullable=False),
    Column("op", String(10), nullable=False),
    Column("data", JSON, nullable=False),
)

# Every command decided, by its idempotency key: a resent key gets the same answer.
command_log = Table(
    "command_log",
    metadata,
    Column("key", String(ID), primary_key=True),
    Column("type", String(40), nullable=False),
    Column("outcome", String(12), nullable=False),  # accepted | rejected
    Column("reason", String(60), nullable=False, server_default=""),
    Column("message", Text, nullable=False, server_default=""),
    Column("seq", BigInteger().with_variant(Integer, "sqlite")),
    Column("at", Float, nullable=False),
    Column("actor", String(120), nullable=False),
    Column("workstation", String(120), nullable=False, server_default=""),
    Column("body", JSON, nullable=False),
)

# Refused devices and other events a security officer reviews.
security_events = Table(
    "security_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Float, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("detail", Text, nullable=False),
    Column("source", String(120), nullable=False, server_default=""),
    # Migration 0009: the same event again within the coalescing window (records.py) adds
    # to ``count`` and moves ``last_at`` instead of writing a row each (a flood).
    Column("count", Integer, nullable=False, server_default="1"),
    Column("last_at", Float),
    Index("ix_security_events_kind_source", "kind", "source"),
)

# Failed logins per (user, source address) and the lock they set (migration 0013): a
# lock from one address never locks that user from another, nor ends her tokens.
login_locks = Table(
    "login_locks",
    metadata,
    Column("user_name", String(64), primary_key=True),
    Column("source", String(120), primary_key=True),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("locked_until", Float),
    Column("updated_at", Float, nullable=False),
)

# Named counters: ``change_seq`` (the feed head) and ``folio:YYYYMMDD`` (the day's
# last folio number). Updating the ``change_seq`` row first in every write
# transaction also serialises writers across processes.
counters = Table(
    "counters",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", BigInteger().with_variant(Integer, "sqlite"), nullable=False),
)

# People who log in (migration 0002). ``name`` is the login and the actor recorded
# on their commands; ``role`` is one of c4console.core.access.Role.
users = Table(
    "users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),  # Argon2id, PHC string format
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("locked_until", Float),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("disabled_at", Float),  # migration 0008: set by ``c4central users disable``
    # Migration 0019 (issue 15): every account belongs to one agency; the C4's staff to "c4".
    Column("agency_id", String(64), nullable=False, server_default="c4"),
)

# Agencies (migration 0019, issue 15): the C4 itself ("c4", created by the migration) and the
# organisations its cases are shared with (DIF, prosecutor, women's institute…).
agencies = Table(
    "agencies",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("contact", Text, nullable=False, server_default=""),
    Column("created_at", Float, nullable=False),
)

# Bearer tokens, stored as SHA-256 hex of the opaque token handed out at login.
auth_tokens = Table(
    "auth_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_name", String(64), ForeignKey("users.name", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("issued_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False, index=True),
    Column("source", String(120), nullable=False, server_default=""),
)

# A tracker's own secret for the OsmAnd gateway (migration 0023, issue 16 point 13): the
# SHA-256 of what it sends as ``secret=``; kept out of ``devices.data``, which the feed
# sends to every console.
device_secrets = Table(
    "device_secrets",
    metadata,
    Column("device_id", String(ID), ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True),
    Column("secret_hash", String(64), nullable=False),
    Column("set_at", Float, nullable=False),
)

# Second factor (migration 0018, issue 16 point 8): a TOTP secret per account, pending
# until its first code confirms it, and the last time step accepted (a code is never
# accepted twice). Recovery codes: Argon2id hashes, each usable once.
user_mfa = Table(
    "user_mfa",
    metadata,
    Column("user_name", String(64), ForeignKey("users.name", ondelete="CASCADE"), primary_key=True),
    Column("secret", String(64), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("confirmed_at", Float),  # NULL: enrolment started, no code confirmed it yet
    Column("last_step", BigInteger().with_variant(Integer, "sqlite")),
)

mfa_recovery_codes = Table(
    "mfa_recovery_codes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_name", String(64), ForeignKey("users.name", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("code_hash", Text, nullable=False),
    Column("used_at", Float),
)

# Messages the gateways owe the outside world (migration 0006): an SMS to a trusted
# contact, a WhatsApp reply, a media download. A row is written in the same transaction
# as the decision that causes it and drained by c4console.central.gateways.outbox; a
# node claims due rows by setting ``lease_owner``/``lease_until`` (on PostgreSQL under
# SELECT … FOR UPDATE SKIP LOCKED), so several nodes never work on one row at once.
gateway_outbox = Table(
    "gateway_outbox",
    metadata,
    Column("id", String(120), primary_key=True),  # derived from its cause: enqueued once
    Column("channel", String(20), nullable=False),  # sms | whatsapp | media
    Column("incident_id", String(ID), nullable=False, index=True),
    Column("payload", JSON, nullable=False),
    Column("state", String(12), nullable=False),  # pending | sent | failed
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_at", Float, nullable=False),
    Column("lease_owner", String(120)),
    Column("lease_until", Float),
    Column("last_error", Text, nullable=False, server_default=""),
    Column("external_id", String(256), index=True),  # the wamid a reply got
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Index("ix_gateway_outbox_due", "state", "next_at"),  # the worker's question: what is due
)

# One row per WhatsApp number: the incident of her current conversation (migration 0006).
# The primary key makes two nodes receiving her first messages at once agree on one
# incident: the first to insert wins, the other re-reads the row.
whatsapp_conversations = Table(
    "whatsapp_conversations",
    metadata,
    Column("wa_id", String(32), primary_key=True),
    Column("incident_id", String(ID), nullable=False),
    Column("opened_at", Float, nullable=False),
)

# The case area (migration 0007). One case per person; ``person_key`` is name_key|birth
# date (the duplicate check). ``case_keys`` indexes what links an incident to a case:
# kind ``number`` (a number_key), ``device``, ``incident`` (confirmed as hers) and
# ``cell`` (a grid cell of one of her addresses, core/cases/grid.py), kept by
# c4console/central/cases/store.py in the transaction that puts the case.
cases = Table(
    "cases",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("beneficiary_id", String(ID), index=True),
    Column("person_key", String(240), index=True),
    Column("updated_at", Float, nullable=False),
    Column("data", JSON, nullable=False),
)

case_keys = Table(
    "case_keys",
    metadata,
    Column("kind", String(10), primary_key=True),
    Column("key", String(80), primary_key=True),
    Column("case_id", String(ID), primary_key=True),
    Index("ix_case_keys_case_id", "case_id"),
)

# Her history for each incident, computed in the transaction that created it (entity
# ``history``, id = the incident's id).
histories = Table(
    "histories",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("data", JSON, nullable=False),
)

# Device health (migration 0009): one row per device (id = device id) with its last report
# for the heartbeat query, and the call tasks it opens (open ones found by device).
device_health = Table(
    "device_health",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("beneficiary_id", String(ID)),
    Column("last_report_at", Float, index=True),
    Column("data", JSON, nullable=False),
)

health_tasks = Table(
    "health_tasks",
    metadata,
    Column("id", String(ID + 40), primary_key=True),
    Column("device_id", String(ID), nullable=False, index=True),
    Column("status", String(10), nullable=False),
    Column("data", JSON, nullable=False),
)

# The call intake (migration 0010, issue 11): telephone calls by the PBX's call id (the
# incident each became, the caller's number as a number_key for her history) and the
# specialist desk's queue.
calls = Table(
    "calls",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("status", String(12), nullable=False),
    Column("incident_id", String(ID), index=True),
    Column("number_key", String(16), index=True),
    Column("answered_at", Float, nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

referrals = Table(
    "referrals",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("status", String(12), nullable=False),
    Column("incident_id", String(ID), index=True),
    Column("handed_at", Float, nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

# Exclusion zones of protection orders (migration 0011): one row per order's zones record
# (JSON snapshot), found by her case. His tracker is a ``devices`` row of kind aggressor.
exclusion_orders = Table(
    "exclusion_orders",
    metadata,
    Column("id", String(ID * 2), primary_key=True),
    Column("case_id", String(ID * 2), index=True),
    # The version the zone index compares (the JSON is parsed only when it changed).
    Column("updated_at", Float, nullable=False, default=0.0),
    Column("data", JSON, nullable=False),
)

# A panic device's life (migration 0012, issue 17): one row per panic device (id = device
# id), counted per state for the stock.
device_lifecycles = Table(
    "device_lifecycles",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("state", String(12), nullable=False, index=True),
    Column("beneficiary_id", String(ID), index=True),
    Column("data", JSON, nullable=False),
)

# The specialist desk (migration 0014, issue 12): interventions (found by her case and by
# the episode's incident), the follow-ups the specialists schedule (found by day), and the
# case timeline's entries (found by case; an intervention writes one).
interventions = Table(
    "interventions",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID), nullable=False, index=True),
    Column("kind", String(12), nullable=False),
    Column("started_at", Float, nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

desk_follow_ups = Table(
    "desk_follow_ups",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID), nullable=False, index=True),
    Column("status", String(12), nullable=False),
    Column("due_at", Float, nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

# Follow-up of protection orders (migration 0017, issue 13): plans, patrol visits (the
# planned ones found by unit for the GPS proof), interviews and follow-up calls, each a JSON
# snapshot with its look-up columns; and her case's timeline entries (found by case).
follow_plans = Table(
    "follow_plans",
    metadata,
    Column("id", String(ID * 2), primary_key=True),
    Column("case_id", String(ID * 2), index=True),
    Column("data", JSON, nullable=False),
)

patrol_visits = Table(
    "patrol_visits",
    metadata,
    Column("id", String(ID * 2), primary_key=True),
    Column("plan_id", String(ID * 2), index=True),
    Column("case_id", String(ID * 2), index=True),
    Column("unit_id", String(ID), nullable=False),
    Column("status", String(12), nullable=False),
    Column("due_at", Float, nullable=False, index=True),
    # The version the visit proof compares (the JSON is parsed only when it changed).
    Column("updated_at", Float, nullable=False, default=0.0),
    Column("data", JSON, nullable=False),
    Index("ix_patrol_visits_unit_status", "unit_id", "status"),
)

interviews = Table(
    "interviews",
    metadata,
    Column("id", String(ID * 2), primary_key=True),
    Column("case_id", String(ID * 2), index=True),
    Column("held_at", Float, nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

follow_calls = Table(
    "follow_calls",
    metadata,
    Column("id", String(ID * 2), primary_key=True),
    Column("case_id", String(ID * 2), index=True),
    Column("plan_id", String(ID * 2), index=True),
    Column("placed_at", Float, nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

case_timeline = Table(
    "case_timeline",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("at", Float, nullable=False),
    Column("data", JSON, nullable=False),
)

# Referrals of her case to institutions (migration 0015, issue 12): found by case and status.
institution_referrals = Table(
    "institution_referrals",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID * 2), nullable=False, index=True),
    Column("status", String(12), nullable=False, index=True),
    Column("created_at", Float, nullable=False),
    Column("data", JSON, nullable=False),
)

# BANAVIM registrations (migration 0016, issue 12): one row per case (or episode) marked
# for BANAVIM; its folio once registered, unique across cases (a folio is one expediente).
banavim_registrations = Table(
    "banavim_registrations",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID), nullable=False, index=True),
    Column("incident_id", String(ID)),
    Column("folio", String(ID), index=True, unique=True),
    Column("registered_on", String(10), index=True),
    Column("data", JSON, nullable=False),
)

# Her case shared with an agency (migration 0019, issue 15): found by case and by agency.
case_shares = Table(
    "case_shares",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID * 2), nullable=False, index=True),
    Column("agency_id", String(ID), nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

# Coordination meetings and their tasks (migration 0021, issue 15): a meeting found by date;
# a task by meeting, case, agency and (overdue sweep, agenda) status and due date.
meetings = Table(
    "meetings",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("date", String(10), nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

coordination_tasks = Table(
    "coordination_tasks",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("meeting_id", String(ID), nullable=False, index=True),
    Column("case_id", String(ID * 2), nullable=False, index=True),
    Column("agency_id", String(ID), nullable=False, index=True),
    Column("status", String(20), nullable=False),
    Column("due_on", String(10), nullable=False),
    Column("data", JSON, nullable=False),
)

CHANGE_SEQ = "change_seq"

# The observatory's counts kept ahead of time (migration 0025; central/observatory_rollup.py):
# counted incidents (a device's test activations excluded) per epoch hour, and per
# (cuadrante filed, grid cell) per C4 year / month / day ("y" 2025, "m" 202503, "d"
# 20250317) in the zone kept (observatory_rollup_zones: one row, the central's zone; its
# UTC offsets in observatory_zone_offsets). Kept by triggers on incidents, in the
# incident's own transaction; a count may be 0 (its incidents moved away).
observatory_hours = Table(
    "observatory_hours",
    metadata,
    Column("hour", BigInteger, primary_key=True, autoincrement=False),
    Column("n", Integer, nullable=False),
)

observatory_places = Table(
    "observatory_places",
    metadata,
    Column("tz", String(64), primary_key=True),
    Column("grain", String(1), primary_key=True),
    Column("period", Integer, primary_key=True, autoincrement=False),
    Column("cuadrante", String, primary_key=True),  # "" if not filed in one
    Column("cell", String(24), primary_key=True),  # "" if no point
    Column("n", Integer, nullable=False),
)

observatory_rollup_zones = Table(
    "observatory_rollup_zones",
    metadata,
    Column("tz", String(64), primary_key=True),
)

observatory_zone_offsets = Table(
    "observatory_zone_offsets",
    metadata,
    # The instant (epoch seconds) this offset began.
    Column("starts_at", Float, primary_key=True, autoincrement=False),
    Column("utc_offset", Integer, nullable=False),  # seconds east of UTC
)


ENTITY_TABLES: dict[str, Table] = {
    "incident": incidents,
    "unit": units,
    "event": events,
    "beneficiary": beneficiaries,
    "device": devices,
    "shift": shifts,
    "case": cases,
    "history": histories,
    "device_health": device_health,
    "health_task": health_tasks,
    "call": calls,
    "referral": referrals,
    "exclusion_order": exclusion_orders,
    "banavim_registration": banavim_registrations,
    "device_lifecycle": device_lifecycles,
    "intervention": interventions,
    "desk_follow_up": desk_follow_ups,
    "case_timeline": case_timeline,
    "institution_referral": institution_referrals,
    "follow_plan": follow_plans,
    "patrol_visit": patrol_visits,
    "interview": interviews,
    "follow_call": follow_calls,
    "case_share": case_shares,
    "meeting": meetings,
    "coordination_task": coordination_tasks,
}
