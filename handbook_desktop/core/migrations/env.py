"""Alembic environment: always run with a connection handed in by the workspace."""

from alembic import context

from handbook_desktop.core.models.registry import load_all

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=load_all(), render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
