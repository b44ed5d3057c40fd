"""Migrations: safe to run from many instances at once, and ``serve`` starts on an empty database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlalchemy

from tests.support.network import free_port
from tests.webapp.conftest import make_bucket, run_server, serve_command, server_env, wait_until
from webapp.config import Settings
from webapp.db import build_engine
from webapp.migrate import MIGRATION_LOCK_KEY, is_up_to_date


def test_concurrent_migrations_on_postgresql_all_succeed(postgres_url: str, moto_endpoint: str, tmp_path: Path) -> None:
    env = server_env(
        database_url=postgres_url, efs_root=tmp_path, bucket="unused", moto=moto_endpoint, data_dir=tmp_path
    )
    command = [sys.executable, "-m", "webapp", "migrate"]

    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(3)]
    outputs = [process.communicate(timeout=120)[0].decode() for process in processes]

    assert [process.returncode for process in processes] == [0, 0, 0], outputs
    # Exactly one of them found work to do; the others waited on the lock and found the schema current.
    assert sum("Running upgrade" in output for output in outputs) == 1
    engine = sqlalchemy.create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(sqlalchemy.text("SELECT version_num FROM alembic_version")).all() == [("0001",)]
    finally:
        engine.dispose()


def test_migrations_wait_for_the_advisory_lock(postgres_url: str, moto_endpoint: str, tmp_path: Path) -> None:
    """While another session holds the lock, ``migrate`` waits on it instead of racing."""
    env = server_env(
        database_url=postgres_url, efs_root=tmp_path, bucket="unused", moto=moto_endpoint, data_dir=tmp_path
    )
    holder = sqlalchemy.create_engine(postgres_url)
    engine = build_engine(Settings(database_url=postgres_url))
    try:
        with holder.connect() as connection:
            connection.execute(sqlalchemy.text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()
            waiting = subprocess.Popen([sys.executable, "-m", "webapp", "migrate"], env=env)
            wait_until(lambda: blocked_on_advisory_lock(connection) == 1 or waiting.poll() is not None, timeout=120)
            assert waiting.poll() is None
            assert not is_up_to_date(engine)
            connection.execute(sqlalchemy.text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()
        assert waiting.wait(timeout=60) == 0
        assert is_up_to_date(engine)
    finally:
        engine.dispose()
        holder.dispose()


def blocked_on_advisory_lock(connection: sqlalchemy.Connection) -> int:
    query = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    count = connection.execute(sqlalchemy.text(query)).scalar_one()
    connection.commit()
    return count


def test_serve_migrates_an_empty_sqlite_database(moto_endpoint: str, tmp_path: Path) -> None:
    port = free_port()
    env = server_env(
        database_url="",
        efs_root=tmp_path / "efs",
        bucket=make_bucket(moto_endpoint),
        moto=moto_endpoint,
        data_dir=tmp_path / "data",
    )
    del env["DATABASE_URL"]

    with run_server(serve_command(port), env, tmp_path / "server.log", f"http://127.0.0.1:{port}"):
        pass

    engine = build_engine(Settings(data_dir=tmp_path / "data"))
    try:
        assert str(engine.url).endswith("data/webapp.sqlite3")
        assert is_up_to_date(engine)
    finally:
        engine.dispose()
