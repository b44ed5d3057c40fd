"""Session-wide real services.

CI (``.ci/run``) starts PostgreSQL and moto server once and exports their addresses in
``INFRA_TEST_POSTGRES_URL`` and ``INFRA_TEST_MOTO_ENDPOINT``; run locally without them, the
fixtures start their own on free ports.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import make_project_root
from tests.support.moto import moto_server
from tests.support.postgres import postgres_server


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A shared moto server; tests must use unique resource names."""
    provided = os.environ.get("INFRA_TEST_MOTO_ENDPOINT")
    if provided:
        yield provided
        return
    with moto_server(tmp_path_factory.mktemp("moto")) as endpoint:
        yield endpoint


@pytest.fixture
def fresh_moto_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A moto server of this test's own, for tests that assert the emulator ends empty."""
    with moto_server(tmp_path_factory.mktemp("moto")) as endpoint:
        yield endpoint


@pytest.fixture
def aws_env(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point boto3 in this process at the shared moto server with dummy credentials."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    return moto_endpoint


@pytest.fixture(scope="session")
def postgres_cluster_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the ``postgres`` database of a real PostgreSQL server."""
    provided = os.environ.get("INFRA_TEST_POSTGRES_URL")
    if provided:
        yield provided
        return
    with postgres_server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_cluster_url: str) -> Iterator[str]:
    """A fresh, empty database on the real server, dropped after the test."""
    import sqlalchemy

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(postgres_cluster_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_cluster_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    """A project root with the real terraform/ and modules/ and its own envs/ and build/."""
    return make_project_root(tmp_path)
