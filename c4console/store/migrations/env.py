"""Alembic environment for the local cache; always run with a connection given in
``config.attributes["connection"]`` (see c4console.store.db.migrate)."""

from alembic import context

from c4console.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
