"""tfvars rendering: every value round-trips through real Terraform unchanged, whatever it holds."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cli.config import load_environment
from cli.hcl import encode
from cli.layers import ORDER, PLACEHOLDER_OUTPUTS, Layer
from cli.paths import repo_root
from cli.render import ArtifactRef, render_layer
from cli.terraform import base_environment, resolve_binary

HOSTILE = [
    'He said "hi"',
    "line one\nline two",
    "back\\slash",
    '${file("/etc/passwd")}',
    "%{ if true }x%{ endif }",
    "ünïcødé ✓",
    "trailing \\",
    "",
]


@pytest.mark.terraform
def test_hostile_strings_round_trip_through_terraform(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "values" {\n  type = list(string)\n}\n'
        'variable "tags" {\n  type = map(string)\n}\n'
        'output "values" {\n  value = var.values\n}\n'
        'output "tags" {\n  value = var.tags\n}\n'
    )
    tags = {'we"ird key': "v\n", "Owner": "${nope}"}
    (tmp_path / "x.tfvars").write_text(f"values = {encode(HOSTILE)}\ntags = {encode(tags)}\n")
    env = {**base_environment(), "TF_DATA_DIR": str(tmp_path / ".tf")}
    terraform = resolve_binary()
    subprocess.run([terraform, "init", "-input=false"], cwd=tmp_path, env=env, check=True, capture_output=True)
    subprocess.run(
        [terraform, "apply", "-auto-approve", "-input=false", "-var-file=x.tfvars"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    shown = subprocess.run(
        [terraform, "output", "-json"], cwd=tmp_path, env=env, check=True, capture_output=True, text=True
    )
    outputs = json.loads(shown.stdout)
    assert outputs["values"]["value"] == HOSTILE
    assert outputs["tags"]["value"] == tags


def test_encode_rejects_what_hcl_cannot_hold() -> None:
    with pytest.raises(ValueError):
        encode(float("nan"))
    with pytest.raises(TypeError):
        encode(object())


@pytest.mark.parametrize("env_name", ["local", "dev", "prod"])
def test_every_layer_renders_for_every_environment(env_name: str) -> None:
    env = load_environment(env_name, repo_root())
    artifacts = {
        "backup": ArtifactRef("/artifacts/backup.zip", "ab" * 32),
        "webapp": ArtifactRef("/artifacts/webapp.tar.gz", "cd" * 32),
    }
    for layer in ORDER:
        text = render_layer(env, layer, PLACEHOLDER_OUTPUTS, artifacts)
        assert re.search(rf'^environment\s+= "{env_name}"$', text, re.MULTILINE)
        parsed = subprocess.run(
            [resolve_binary(), "fmt", "-"], input=text, capture_output=True, text=True, env=base_environment()
        )
        assert parsed.returncode == 0, parsed.stderr  # valid HCL


def test_missing_upstream_value_is_an_error_not_an_empty_string() -> None:
    from cli.errors import ConfigError

    env = load_environment("local", repo_root())
    with pytest.raises(ConfigError, match="cannot render data tfvars"):
        render_layer(env, Layer.data, {Layer.network: {"vpc_id": "vpc-1"}}, {})


def test_render_command_writes_and_prints(tmp_path: Path) -> None:
    from tests.support.cli import run_infra

    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(repo_root() / "envs", root / "envs")
    (root / "terraform").symlink_to(repo_root() / "terraform")
    (root / "modules").symlink_to(repo_root() / "modules")
    manifest = root / "build" / "artifacts" / "manifest.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text(json.dumps({"backup": {"path": "build/artifacts/backup.zip", "sha256": "ab" * 32}}))
    (root / "build" / "artifacts" / "backup.zip").write_bytes(b"zip")
    result = run_infra(root, "render", "local", "--layer", "data")
    assert result.returncode == 0, result.stderr
    written = (root / "build" / "local" / "tfvars" / "data.tfvars").read_text()
    assert written in result.stdout
    assert "placeholders for network" in result.stdout
    assert json.dumps(str(root / "build/artifacts/backup.zip")) in written
