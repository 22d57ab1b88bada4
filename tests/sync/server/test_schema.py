"""The server's models agree with its migrations, on both engines."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sync.server.models import Base


def test_models_and_migrations_agree(live_server):
    with live_server.app.state.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
