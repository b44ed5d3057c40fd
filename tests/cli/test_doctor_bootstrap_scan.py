"""doctor, bootstrap and scan, each against the real tool it wraps."""

from __future__ import annotations

import json
from pathlib import Path

import boto3

from cli.paths import repo_root
from tests.support.cli import run_infra


def test_doctor_reports_each_prerequisite(project_root: Path, moto_endpoint: str) -> None:
    result = run_infra(project_root, "doctor", "local", env={"INFRA_AWS_ENDPOINT": moto_endpoint})
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("terraform", "providers", "checkov", "aws credentials", "emulator"):
        assert name in result.stdout
    assert "missing" not in result.stdout


def test_doctor_names_the_fix(project_root: Path) -> None:
    result = run_infra(project_root, "doctor", "--terraform-bin", "no-such-terraform")
    assert result.returncode == 1
    assert "install Terraform >= 1.10 or OpenTofu >= 1.8" in result.stdout
    assert "infra local up" in result.stdout  # the emulator row's fix


def test_bootstrap_creates_a_private_versioned_encrypted_bucket(project_root: Path, moto_endpoint: str) -> None:
    env = {"AWS_ENDPOINT_URL": moto_endpoint, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}
    for _ in range(2):  # idempotent
        result = run_infra(project_root, "bootstrap", "dev", env=env)
        assert result.returncode == 0, result.stderr
    s3 = boto3.client("s3", endpoint_url=moto_endpoint, region_name="eu-west-1", **_keys())
    bucket = "imageupload-tfstate-dev"
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    rule = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert all(block.values())
    policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    assert policy["Statement"][0]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_bootstrap_refuses_the_emulator_environment(project_root: Path) -> None:
    result = run_infra(project_root, "bootstrap", "local")
    assert result.returncode == 2
    assert "keeps its state locally" in result.stderr


def test_scan_fails_on_a_finding_and_writes_reports(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "terraform" / "bad").mkdir(parents=True)
    (root / "modules").mkdir()
    (root / "terraform" / "bad" / "main.tf").write_text('resource "aws_s3_bucket" "open" {\n  bucket = "x"\n}\n')
    (root / ".venv-checkov").symlink_to(repo_root() / ".venv-checkov")
    result = run_infra(root, "scan")
    assert result.returncode == 1
    assert "checkov reported failed checks" in result.stderr
    assert (root / "build" / "scan" / "results_junitxml.xml").read_text().count("<failure") > 0
    sarif = json.loads((root / "build" / "scan" / "results_sarif.sarif").read_text())
    assert sarif["runs"][0]["results"]


def _keys() -> dict[str, str]:
    return {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
