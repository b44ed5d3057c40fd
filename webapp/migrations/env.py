"""Alembic environment: run migrations under a PostgreSQL advisory lock.

Every instance runs ``migrate`` (or ``serve``) at boot; the lock makes the first one do the work and the
others wait, then find nothing left to do.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from webapp.config import Settings
from webapp.db import build_engine
from webapp.migrate import MIGRATION_LOCK_KEY
from webapp.models import Base


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Held until the surrounding transaction commits, i.e. until all migrations are in.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = build_engine(Settings())
    try:
        with engine.begin() as own_connection:
            _run(own_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run `python -m webapp migrate`.")
run_migrations_online()
