"""The central server (FastAPI): organisation, accounts, publishing and the change feed.

`app.create_app(settings)` builds it; routers in `api/` are thin and call `services/`;
`models.py` and `migrations/` are the server's own schema, on SQLite or PostgreSQL.
"""
