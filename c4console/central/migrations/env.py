"""Alembic environment for the central; always run with a connection given in
``config.attributes["connection"]`` (see c4console.central.db.migrate)."""

from alembic import context

from c4console.central.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
