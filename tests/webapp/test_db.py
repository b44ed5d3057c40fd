"""Database configuration: a URL, an embedded SQLite file, or RDS with its managed secret."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import boto3
import pytest
import sqlalchemy
from pydantic import ValidationError

from webapp.config import Settings
from webapp.db import build_engine, database_url
from webapp.rds_secret import RdsSecret


def test_plain_postgresql_urls_use_psycopg_3() -> None:
    url = database_url(Settings(database_url="postgresql://u@db.internal/app", s3_bucket="images"))

    assert url.drivername == "postgresql+psycopg"


def test_sqlite_file_is_the_local_default(tmp_path: Path) -> None:
    url = database_url(Settings(data_dir=tmp_path, s3_bucket="images"))

    assert url.get_backend_name() == "sqlite"
    assert url.database == str(tmp_path / "webapp.sqlite3")


def test_rds_mode_requires_tls_and_puts_no_password_in_the_url() -> None:
    settings = Settings(
        db_secret_arn="arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1",
        db_host="db.cluster.internal",
        db_name="images",
        s3_bucket="images",
    )

    url = database_url(settings)

    assert url.query["sslmode"] == "require"
    assert (url.host, url.port, url.database, url.password) == ("db.cluster.internal", 5432, "images", None)


def test_secret_without_host_is_a_configuration_error() -> None:
    with pytest.raises(ValidationError, match="WEBAPP_DB_HOST"):
        Settings(db_secret_arn="arn:aws:secretsmanager:us-east-1:1:secret:x", s3_bucket="images")


def test_rds_mode_connects_with_the_credentials_from_the_secret(postgres_url: str, aws_env: str) -> None:
    url = sqlalchemy.make_url(postgres_url)
    role = f"app_{uuid.uuid4().hex[:8]}"
    admin = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {role} LOGIN PASSWORD 'rotating-secret'")
    secrets = boto3.client("secretsmanager")
    arn = secrets.create_secret(
        Name=f"rds!{role}", SecretString=json.dumps({"username": role, "password": "rotating-secret"})
    )["ARN"]
    settings = Settings(
        db_secret_arn=arn,
        db_host=url.host,
        db_port=url.port,
        db_name=url.database,
        # The throwaway test cluster has no TLS; production keeps the default, ``require``.
        db_sslmode="disable",
        s3_bucket="images",
        aws_endpoint_url=aws_env,
    )

    engine = build_engine(settings)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT current_user").scalar_one() == role
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
        admin.dispose()


def test_secret_is_cached_and_refreshed_on_demand(aws_env: str) -> None:
    client = boto3.client("secretsmanager")
    arn = client.create_secret(
        Name=f"rds!{uuid.uuid4().hex[:8]}", SecretString=json.dumps({"username": "app", "password": "one"})
    )["ARN"]
    secret = RdsSecret(client, arn)

    assert secret.get().password == "one"
    client.put_secret_value(SecretId=arn, SecretString=json.dumps({"username": "app", "password": "two"}))
    assert secret.get().password == "one"
    assert secret.get(refresh=True).password == "two"
    assert "two" not in repr(secret.get())
