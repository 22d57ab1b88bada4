"""Alembic migrations of the server database (linear, named NNNN_…)."""
