"""infra drift finds a change made on the emulator behind Terraform's back."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest

from tests.support.cli import run_infra

pytestmark = pytest.mark.terraform


def test_drift_names_the_changed_resource(project_root: Path, fresh_moto_endpoint: str) -> None:
    env = {"INFRA_AWS_ENDPOINT": fresh_moto_endpoint}
    applied = run_infra(project_root, "apply", "local", "--layer", "network", "--auto-approve", env=env)
    assert applied.returncode == 0, applied.stderr

    clean = run_infra(project_root, "drift", "local", "--layer", "network", env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "no drift" in clean.stdout

    logs = boto3.client(
        "logs",
        endpoint_url=fresh_moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    logs.put_retention_policy(logGroupName="/vpc/imageupload-local/flow-logs", retentionInDays=7)

    drifted = run_infra(project_root, "drift", "local", "--layer", "network", "--json", env=env)
    assert drifted.returncode == 2, drifted.stderr
    entries = json.loads(drifted.stdout)
    assert {
        "layer": "network",
        "address": "module.vpc.aws_cloudwatch_log_group.flow_logs",
        "action": "changed",
        "attributes": ["retention_in_days"],
    } in entries

    table = run_infra(project_root, "drift", "local", "--layer", "network", env=env)
    assert table.returncode == 2
    assert "module.vpc.aws_cloudwatch_log_group.flow_logs" in table.stdout
