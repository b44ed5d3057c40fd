"""Fault injection: a store fails mid-upload, and afterwards the three stores agree."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.support.network import free_port
from tests.webapp import images
from tests.webapp.conftest import (
    VALID_FIELDS,
    Stores,
    client_for,
    make_bucket,
    read_only,
    run_server,
    s3_client,
    server_env,
)
from webapp.config import Settings
from webapp.db import build_engine
from webapp.migrate import upgrade_to_head


def post(client: TestClient) -> httpx.Response:
    return client.post("/api/uploads", data=VALID_FIELDS, files={"image": ("a.png", images.png(), "image/png")})


def test_s3_unavailable_undoes_the_efs_write(settings: Settings, stores: Stores) -> None:
    no_s3 = settings.model_copy(update={"aws_endpoint_url": f"http://127.0.0.1:{free_port()}"})

    with client_for(no_s3) as client:
        response = post(client)
        ready = client.get("/readyz")

    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert ready.status_code == 503
    assert ready.json()["checks"]["s3"] == "failed"
    stores.assert_empty()


def test_database_unavailable_undoes_the_efs_and_s3_writes(
    settings: Settings, stores: Stores, caplog: pytest.LogCaptureFixture
) -> None:
    no_db = settings.model_copy(update={"database_url": f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/x"})

    with client_for(no_db) as client:
        response = post(client)
        ready = client.get("/readyz")
        form = client.post("/uploads", data=VALID_FIELDS, files={"image": ("a.png", images.png(), "image/png")})

    assert response.status_code == 503
    assert ready.json()["checks"]["database"] == "failed"
    assert form.status_code == 503
    assert "nothing was kept" in form.text and "gallery cannot be shown" in form.text
    stores.assert_empty()
    # The failure is logged with its traceback, but without the statement's parameters.
    assert "database commit failed" in caplog.text
    for value in (VALID_FIELDS["email"], VALID_FIELDS["name"], "+442079460958"):
        assert value not in caplog.text


def test_read_only_efs_is_503_and_touches_nothing_else(settings: Settings, stores: Stores, client: TestClient) -> None:
    with read_only(settings.images_root):
        response = post(client)
        ready = client.get("/readyz")

    assert response.status_code == 503
    assert ready.json()["checks"]["efs"] == "failed"
    stores.assert_empty()
    assert post(client).status_code == 201
    stores.assert_consistent()


def test_store_failure_is_503_and_keeps_the_form_input(settings: Settings, stores: Stores) -> None:
    no_s3 = settings.model_copy(update={"aws_endpoint_url": f"http://127.0.0.1:{free_port()}"})

    with client_for(no_s3) as client:
        response = client.post("/uploads", data=VALID_FIELDS, files={"image": ("a.png", images.png(), "image/png")})

    assert response.status_code == 503
    assert "nothing was kept" in response.text
    assert 'value="ada@example.com"' in response.text
    stores.assert_empty()


def reconcile(env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "webapp", "reconcile", "--grace-seconds", "0", *extra]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_killed_between_s3_write_and_commit_then_reconciled(
    postgres_url: str, moto_endpoint: str, tmp_path: Path
) -> None:
    bucket = make_bucket(moto_endpoint)
    env = server_env(
        database_url=postgres_url, efs_root=tmp_path / "efs", bucket=bucket, moto=moto_endpoint, data_dir=tmp_path
    )
    engine = build_engine(Settings(database_url=postgres_url))
    upgrade_to_head(engine)
    engine.dispose()
    stores = Stores(tmp_path / "efs", bucket, s3_client(moto_endpoint), postgres_url)
    port = free_port()
    url = f"http://127.0.0.1:{port}"

    command = [sys.executable, "-m", "tests.webapp.crash_server", str(port)]
    with run_server(command, env, tmp_path / "crash.log", url) as process:
        with pytest.raises(httpx.TransportError):
            httpx.post(
                f"{url}/api/uploads",
                data=VALID_FIELDS,
                files={"image": ("a.png", images.png(), "image/png")},
                timeout=30,
            )
        assert process.wait(timeout=30) == -9

    files, objects = stores.efs_files(), stores.s3_objects()
    assert len(files) == len(objects) == 1 and list(files) == list(objects)
    assert stores.rows() == []
    orphan = next(iter(files))

    dry = reconcile(env, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert report["orphan_files"] == report["orphan_objects"] == [orphan]
    assert report["removed_files"] == report["removed_objects"] == 0
    assert list(stores.efs_files()) == list(stores.s3_objects()) == [orphan]

    fixed = reconcile(env)
    assert fixed.returncode == 0, fixed.stderr
    assert json.loads(fixed.stdout)["removed_files"] == json.loads(fixed.stdout)["removed_objects"] == 1
    stores.assert_empty()
