"""Network and data layers applied through the CLI on moto: the backup pipeline end to end with the
packaged zip, and the guard against plans that would replace stateful resources."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from cli.artifacts import build_all
from tests.support.cli import make_project_root, run_infra
from tests.support.moto import moto_server

pytestmark = [pytest.mark.terraform, pytest.mark.slow]
ENV = "throwaway"


def _client(service: str, endpoint: str, region: str = "us-east-1"):
    return boto3.client(
        service, endpoint_url=endpoint, region_name=region, aws_access_key_id="test", aws_secret_access_key="test"
    )


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A throwaway emulator environment with network and data applied, and its own moto server
    (the emulator gives every DB instance the same resource id, so one DB per emulator)."""
    root = make_project_root(tmp_path_factory.mktemp("throwaway"))
    config = (root / "envs" / "local.yaml").read_text()
    config = config.replace("  bucket_region: us-west-2\n", "  bucket_region: us-west-2\n  max_receive_count: 2\n")
    assert "max_receive_count: 2" in config
    (root / "envs" / f"{ENV}.yaml").write_text(config)
    artifacts = root / "build" / "artifacts"
    built = build_all(Path(__file__).resolve().parents[2], artifacts)
    manifest = {name: {"path": str(item.path), "sha256": item.sha256} for name, item in built.items()}
    (artifacts / "manifest.json").write_text(json.dumps(manifest))
    with moto_server(tmp_path_factory.mktemp("moto")) as endpoint:
        env = {"INFRA_AWS_ENDPOINT": endpoint}
        for layer in ("network", "data"):
            applied = run_infra(root, "apply", ENV, "--layer", layer, "--auto-approve", env=env)
            assert applied.returncode == 0, applied.stdout[-4000:] + applied.stderr
        shown = run_infra(root, "output", ENV, "--layer", "data", "--json", env=env)
        yield {"root": root, "env": env, "endpoint": endpoint, "data": json.loads(shown.stdout)}


def test_backup_worker_copies_through_the_terraform_pipeline(stack: dict) -> None:
    data, endpoint = stack["data"], stack["endpoint"]
    s3 = _client("s3", endpoint)
    key = f"images/2026/11/{uuid.uuid4()}.jpg"
    body = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
    s3.put_object(Bucket=data["images_bucket"], Key=key, Body=body, ContentType="image/jpeg")

    ran = run_infra(stack["root"], "local", "backup-worker", ENV, "--max-batches", "2", env=stack["env"])
    assert ran.returncode == 0, ran.stdout + ran.stderr

    backup = _client("s3", endpoint, data["backup_bucket_region"]).get_object(Bucket=data["backup_bucket"], Key=key)
    assert backup["Body"].read() == body
    assert backup["ContentType"] == "image/jpeg"


def test_queue_redrives_to_the_dlq_after_the_configured_receives(stack: dict) -> None:
    sqs = _client("sqs", stack["endpoint"])
    attributes = sqs.get_queue_attributes(QueueUrl=stack["data"]["backup_queue_url"], AttributeNames=["All"])
    redrive = json.loads(attributes["Attributes"]["RedrivePolicy"])
    dlq_arn = sqs.get_queue_attributes(QueueUrl=stack["data"]["backup_dlq_url"], AttributeNames=["QueueArn"])
    assert redrive["deadLetterTargetArn"] == dlq_arn["Attributes"]["QueueArn"]
    assert int(redrive["maxReceiveCount"]) == 2


def test_replacing_the_database_is_refused_without_consent(stack: dict) -> None:
    config = stack["root"] / "envs" / f"{ENV}.yaml"
    original = config.read_text()
    # A new initial database name forces a new DB instance (a new identifier would rename in place).
    config.write_text(
        original.replace("  skip_final_snapshot: true", "  skip_final_snapshot: true\n  db_name: renamed")
    )
    try:
        refused = run_infra(stack["root"], "apply", ENV, "--layer", "data", "--auto-approve", env=stack["env"])
    finally:
        config.write_text(original)
    assert refused.returncode == 1
    assert "would destroy or replace stateful resources" in refused.stderr
    assert "aws_db_instance" in refused.stderr
    assert "--allow-destroy-stateful" in refused.stderr
    rds = _client("rds", stack["endpoint"])
    identifiers = [item["DBInstanceIdentifier"] for item in rds.describe_db_instances()["DBInstances"]]
    assert identifiers == [stack["data"]["db_instance_identifier"]]  # nothing was applied
