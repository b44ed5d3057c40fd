"""Each expected failure is one clear line, a non-zero exit, and no change on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run_infra


def _one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("error:"), lines[0]
    return lines[0]


def test_help_lists_every_command(project_root: Path) -> None:
    result = run_infra(project_root, "--help")
    assert result.returncode == 0
    for command in (
        "init",
        "plan",
        "apply",
        "destroy",
        "output",
        "render",
        "package",
        "scan",
        "local",
        "bootstrap",
        "doctor",
    ):
        assert f" {command} " in result.stdout, command


def test_unknown_environment(project_root: Path) -> None:
    result = run_infra(project_root, "plan", "staging", "--layer", "network")
    assert result.returncode == 2
    assert "unknown environment 'staging' (known: dev, local, prod)" in _one_error_line(result.stderr)
    assert not (project_root / "build").exists()


def test_unknown_layer(project_root: Path) -> None:
    result = run_infra(project_root, "plan", "local", "--layer", "database")
    assert result.returncode == 2
    assert "database" in result.stderr and "Traceback" not in result.stderr
    assert not (project_root / "build").exists()


def test_layer_or_all_is_required(project_root: Path) -> None:
    result = run_infra(project_root, "plan", "local")
    assert result.returncode == 2
    assert "--layer" in _one_error_line(result.stderr)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda text: text.replace("min_size: 3", "min_size: 2"), "envs/local.yaml: compute.min_size"),
        (lambda text: text.replace("vpc_cidr: 10.20.0.0/16", "vpc_cidr: 10.20.0.0/28"), "network.vpc_cidr"),
        (lambda text: text + "surprise: 1\n", "envs/local.yaml: surprise: Extra inputs are not permitted"),
        (lambda text: text.replace("region: us-east-1", "region: [broken"), "envs/local.yaml: not valid YAML"),
        (lambda text: text.replace("scale_in_cpu: 30", "scale_in_cpu: 95"), "scale_in_cpu must be lower"),
        (
            lambda text: text.replace(
                "az_count: 3", "az_count: 3\n  availability_zones: [eu-west-1a, eu-west-1b, eu-west-1c]"
            ),
            "not zones of us-east-1",
        ),
    ],
)
def test_invalid_config_names_file_and_field(project_root: Path, edit, expected: str) -> None:
    config = project_root / "envs" / "local.yaml"
    config.write_text(edit(config.read_text()))
    result = run_infra(project_root, "plan", "local", "--layer", "network")
    assert result.returncode == 2
    assert expected in _one_error_line(result.stderr)
    assert not (project_root / "build").exists()


def test_missing_terraform_binary(project_root: Path) -> None:
    result = run_infra(project_root, "plan", "local", "--layer", "network", "--terraform-bin", "no-such-terraform")
    assert result.returncode == 127
    assert "no-such-terraform not found: install Terraform >= 1.10" in _one_error_line(result.stderr)


def test_emulator_not_running(project_root: Path) -> None:
    result = run_infra(project_root, "plan", "local", "--layer", "network")
    assert result.returncode == 1
    assert "the emulator is not running" in _one_error_line(result.stderr)
    assert not (project_root / "build" / "local").exists()


def test_real_environment_without_credentials(project_root: Path, tmp_path: Path) -> None:
    empty = tmp_path / "no-aws"
    empty.mkdir()
    result = run_infra(
        project_root,
        "plan",
        "dev",
        "--layer",
        "network",
        env={
            "AWS_CONFIG_FILE": str(empty / "config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(empty / "creds"),
            "AWS_EC2_METADATA_DISABLED": "true",
        },
    )
    assert result.returncode == 1
    assert "no AWS credentials for environment 'dev'" in _one_error_line(result.stderr)
    assert not (project_root / "build" / "dev").exists()


def test_terraform_failure_is_one_line(project_root: Path, moto_endpoint: str) -> None:
    config = project_root / "envs" / "local.yaml"
    # Valid for the config model, rejected by the network module's own validation.
    config.write_text(
        config.read_text().replace("az_count: 3", "az_count: 6").replace("region: us-east-1", "region: us-west-1")
    )
    result = run_infra(project_root, "plan", "local", "--layer", "network", env={"INFRA_AWS_ENDPOINT": moto_endpoint})
    assert result.returncode == 1
    line = _one_error_line(result.stderr)
    assert line.startswith("error: terraform plan failed for local/network"), line
    assert "of the zones us-west-1a, us-west-1b, us-west-1c, us-west-1d, us-west-1e, us-west-1f are available" in line
