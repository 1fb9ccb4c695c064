"""The console's local SQLite cache: a mirror of the central's records, the change
cursor, and the outbox of operator commands. Schema by Alembic migrations."""
