"""Fixtures for the web app: real PostgreSQL, moto S3, a temporary EFS folder, and a live server."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
import sqlalchemy

from tests.support.network import free_port, wait_for_http
from webapp.config import Settings
from webapp.db import build_engine
from webapp.main import create_app
from webapp.migrate import upgrade_to_head

with warnings.catch_warnings():
    # Starlette suggests a successor package for its test client's transport; httpx is the pinned one.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

REPO_ROOT = Path(__file__).resolve().parents[2]
VALID_FIELDS = {"name": "Ada Lovelace", "email": "ada@example.com", "phone": "+44 20 7946 0958"}


def make_bucket(endpoint: str) -> str:
    name = f"images-{uuid.uuid4().hex[:12]}"
    s3_client(endpoint).create_bucket(Bucket=name)
    return name


def s3_client(endpoint: str) -> Any:
    return boto3.session.Session(
        aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    ).client("s3", endpoint_url=endpoint)


@dataclass
class Stores:
    """Looks straight into the three stores, bypassing the app."""

    efs_root: Path
    bucket: str
    s3: Any
    database_url: str

    def efs_files(self) -> dict[str, bytes]:
        if not self.efs_root.exists():
            return {}
        return {
            path.relative_to(self.efs_root).as_posix(): path.read_bytes()
            for path in self.efs_root.rglob("*")
            if path.is_file()
        }

    def s3_objects(self) -> dict[str, bytes]:
        listing = self.s3.list_objects_v2(Bucket=self.bucket).get("Contents", [])
        return {item["Key"]: self.s3.get_object(Bucket=self.bucket, Key=item["Key"])["Body"].read() for item in listing}

    def rows(self) -> list[dict[str, Any]]:
        engine = sqlalchemy.create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                result = connection.execute(sqlalchemy.text("SELECT * FROM uploads ORDER BY created_at"))
                return [dict(row._mapping) for row in result]
        finally:
            engine.dispose()

    def clear(self) -> None:
        engine = sqlalchemy.create_engine(self.database_url)
        try:
            with engine.begin() as connection:
                connection.execute(sqlalchemy.text("DELETE FROM uploads"))
        finally:
            engine.dispose()
        for key in self.s3_objects():
            self.s3.delete_object(Bucket=self.bucket, Key=key)
        if self.efs_root.exists():
            for child in self.efs_root.iterdir():
                if child.is_dir():
                    shutil.rmtree(child)
                else:
                    child.unlink()

    def assert_empty(self) -> None:
        assert self.efs_files() == {}
        assert self.s3_objects() == {}
        assert self.rows() == []

    def assert_consistent(self) -> None:
        """Every row has its file and object with the row's sha256, and nothing else is stored."""
        files, objects, rows = self.efs_files(), self.s3_objects(), self.rows()
        assert sorted(files) == sorted(objects) == sorted(row["s3_key"] for row in rows)
        for row in rows:
            assert hashlib.sha256(files[row["s3_key"]]).hexdigest() == row["sha256"]
            assert hashlib.sha256(objects[row["s3_key"]]).hexdigest() == row["sha256"]


AWS_TEST_ENV = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}


@dataclass
class AppEnv:
    settings: Settings
    stores: Stores
    client: TestClient


@pytest.fixture(scope="module")
def app_env(
    postgres_cluster_url: str, moto_endpoint: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppEnv]:
    """One migrated database, bucket, EFS folder and app per test module; emptied before each test."""
    base = tmp_path_factory.mktemp("webapp")
    with pytest.MonkeyPatch.context() as patch, fresh_database(postgres_cluster_url) as database_url:
        for key, value in AWS_TEST_ENV.items():
            patch.setenv(key, value)
        patch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
        settings = Settings(
            database_url=database_url,
            data_dir=base / "data",
            efs_root=base / "efs",
            s3_bucket=make_bucket(moto_endpoint),
            aws_endpoint_url=moto_endpoint,
            aws_region="us-east-1",
        )
        engine = build_engine(settings)
        upgrade_to_head(engine)
        engine.dispose()
        stores = Stores(settings.images_root, settings.s3_bucket, s3_client(moto_endpoint), database_url)
        with TestClient(create_app(settings)) as client:
            yield AppEnv(settings, stores, client)


@pytest.fixture
def stores(app_env: AppEnv) -> Stores:
    app_env.stores.clear()
    return app_env.stores


@pytest.fixture
def settings(app_env: AppEnv, stores: Stores) -> Settings:
    """Settings of a migrated, empty environment."""
    return app_env.settings


@pytest.fixture
def client(app_env: AppEnv, stores: Stores) -> TestClient:
    return app_env.client


def client_for(settings: Settings) -> TestClient:
    return TestClient(create_app(settings))


@contextmanager
def read_only(directory: Path) -> Iterator[None]:
    """Make ``directory`` really read-only, also for root (which ignores permission bits)."""
    directory.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        directory.chmod(0o555)
        try:
            yield
        finally:
            directory.chmod(0o755)
        return
    mount = ["mount", "--bind", str(directory), str(directory)]
    remount = ["mount", "-o", "remount,bind,ro", str(directory)]
    if subprocess.run(mount, capture_output=True, check=False).returncode != 0:
        pytest.skip("running as root without permission to mount a read-only bind mount")
    try:
        subprocess.run(remount, capture_output=True, check=True)
        yield
    finally:
        subprocess.run(["umount", str(directory)], capture_output=True, check=True)


# --- a real server process -------------------------------------------------------------------------


@dataclass
class LiveServer:
    url: str
    env: dict[str, str]
    stores: Stores
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def server_env(*, database_url: str, efs_root: Path, bucket: str, moto: str, data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("WEBAPP_", "AWS_"))}
    env.update(
        DATABASE_URL=database_url,
        WEBAPP_EFS_ROOT=str(efs_root),
        WEBAPP_S3_BUCKET=bucket,
        WEBAPP_DATA_DIR=str(data_dir),
        AWS_ENDPOINT_URL=moto,
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        AWS_REGION="us-east-1",
        PYTHONPATH=str(REPO_ROOT),
    )
    return env


@contextmanager
def run_server(command: list[str], env: dict[str, str], log_path: Path, url: str) -> Iterator[subprocess.Popen[bytes]]:
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=log_path.parent)
    try:
        try:
            wait_for_http(f"{url}/readyz", timeout=60)
        except TimeoutError:
            raise AssertionError(f"server did not start:\n{log_path.read_text(errors='replace')}") from None
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def serve_command(port: int, workers: int = 1) -> list[str]:
    return [
        sys.executable,
        "-m",
        "webapp",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]


@contextmanager
def fresh_database(cluster_url: str) -> Iterator[str]:
    name = f"live_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(cluster_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield cluster_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def live_server(postgres_cluster_url: str, moto_endpoint: str) -> Iterator[LiveServer]:
    """``python -m webapp serve`` on a fresh database: shared by tests that only add their own uploads."""
    base = Path(tempfile.mkdtemp(prefix="webapp-live-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    bucket = make_bucket(moto_endpoint)
    try:
        with fresh_database(postgres_cluster_url) as database_url:
            env = server_env(
                database_url=database_url, efs_root=base / "efs", bucket=bucket, moto=moto_endpoint, data_dir=base
            )
            stores = Stores(base / "efs", bucket, s3_client(moto_endpoint), database_url)
            with run_server(serve_command(port), env, base / "server.log", url) as process:
                yield LiveServer(url, env, stores, process, base / "server.log")
    finally:
        shutil.rmtree(base, ignore_errors=True)


def wait_until(predicate: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)
