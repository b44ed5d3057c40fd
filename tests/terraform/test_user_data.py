"""The web instances' user data, rendered by Terraform itself and checked as a shell script.

A throwaway root calls ``modules/web-asg`` with values unlike the defaults, is planned against moto
(only data sources are read: the AL2023 SSM parameter and the caller identity), and the launch
template's ``user_data`` is taken from the plan JSON and base64-decoded.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cli.paths import repo_root
from cli.plugins import provider_plugin_dir
from tests.support.tfstack import resources_of_type

pytestmark = pytest.mark.terraform

SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0123-AbCdEf"
EFS_ID = "fs-0123456789abcdef0"
ACCESS_POINT_ID = "fsap-0123456789abcdef0"
MOUNT_POINT = "/srv/webapp-images"
APP_PORT = 8080
PYTHON_VERSION = "3.12"
DB_HOST = "app-db.abcdefghij.us-east-1.rds.amazonaws.com"
IMAGES_BUCKET = "userdata-images"
ARTIFACTS_BUCKET = "userdata-artifacts"

ROOT_CONFIG = """
provider "aws" {{
  region = "us-east-1"
}}

module "web_asg" {{
  source = "{source}"

  name               = "userdata-web"
  subnet_ids         = ["subnet-0aaa", "subnet-0bbb", "subnet-0ccc"]
  security_group_ids = ["sg-0web"]
  target_group_arns  = []

  app = {{
    port           = {port}
    python_version = "{python}"
  }}

  artifact = {{
    bucket      = "{artifacts_bucket}"
    source_path = "{artifact_path}"
    sha256      = "{artifact_sha256}"
  }}

  database = {{
    address    = "{db_host}"
    name       = "images"
    port       = 6432
    secret_arn = "{secret_arn}"
  }}

  efs = {{
    file_system_id  = "{efs_id}"
    access_point_id = "{access_point_id}"
    mount_point     = "{mount_point}"
  }}

  images_bucket = {{
    name = "{images_bucket}"
    arn  = "arn:aws:s3:::{images_bucket}"
  }}
}}
"""


def _terraform(directory: Path, endpoint: str, *args: str) -> str:
    env = {
        **os.environ,
        "CHECKPOINT_DISABLE": "1",
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_MAX_ATTEMPTS": "1",
    }
    result = subprocess.run(
        ["terraform", f"-chdir={directory}", *args], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"terraform {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def artifact_sha256(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("artifact") / "webapp.tar.gz"
    path.write_bytes(b"a small stand-in for the web app bundle")
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def user_data(moto_endpoint: str, tmp_path_factory: pytest.TempPathFactory, artifact_sha256: tuple[Path, str]) -> str:
    """The decoded user data of the planned launch template."""
    root = tmp_path_factory.mktemp("userdata-root")
    artifact_path, digest = artifact_sha256
    source = os.path.relpath(repo_root() / "modules" / "web-asg", root)
    (root / "main.tf").write_text(
        ROOT_CONFIG.format(
            source=source,
            port=APP_PORT,
            python=PYTHON_VERSION,
            artifacts_bucket=ARTIFACTS_BUCKET,
            artifact_path=artifact_path,
            artifact_sha256=digest,
            db_host=DB_HOST,
            secret_arn=SECRET_ARN,
            efs_id=EFS_ID,
            access_point_id=ACCESS_POINT_ID,
            mount_point=MOUNT_POINT,
            images_bucket=IMAGES_BUCKET,
        )
    )
    plugin_dir = provider_plugin_dir()
    _terraform(root, moto_endpoint, "init", "-no-color", *([f"-plugin-dir={plugin_dir}"] if plugin_dir else []))
    _terraform(root, moto_endpoint, "plan", "-no-color", "-out=plan.tfplan")
    plan = json.loads(_terraform(root, moto_endpoint, "show", "-json", "plan.tfplan"))
    (template,) = resources_of_type(plan, "aws_launch_template").values()
    return base64.b64decode(template["user_data"]).decode("utf-8")


@pytest.fixture
def script(user_data: str, tmp_path: Path) -> Path:
    path = tmp_path / "user_data.sh"
    path.write_text(user_data)
    return path


def _env_file(user_data: str) -> dict[str, str]:
    """The KEY=VALUE lines the script writes to /etc/webapp.env (a quoted heredoc, so literal)."""
    match = re.search(r"<<'ENV'\n(.*?)\nENV\n", user_data, re.DOTALL)
    assert match, "the script writes /etc/webapp.env from a quoted heredoc"
    return dict(line.split("=", 1) for line in match.group(1).splitlines())


def test_user_data_is_valid_bash(script: Path) -> None:
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_user_data_passes_shellcheck(script: Path) -> None:
    shellcheck = shutil.which("shellcheck") or "/usr/bin/shellcheck"
    result = subprocess.run(
        [shellcheck, "--shell=bash", "--severity=style", str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_user_data_is_strict_and_logged(user_data: str) -> None:
    assert user_data.startswith("#!/bin/bash\n")
    assert "\nset -euo pipefail\n" in user_data
    assert "exec > >(tee -a /var/log/webapp-bootstrap.log) 2>&1" in user_data


def test_config_holds_the_secret_arn_and_no_secret(user_data: str) -> None:
    assert _env_file(user_data) == {
        "WEBAPP_DB_SECRET_ARN": SECRET_ARN,
        "WEBAPP_DB_HOST": DB_HOST,
        "WEBAPP_DB_PORT": "6432",
        "WEBAPP_DB_NAME": "images",
        "WEBAPP_EFS_ROOT": MOUNT_POINT,
        "WEBAPP_S3_BUCKET": IMAGES_BUCKET,
        "AWS_REGION": "us-east-1",
    }
    commands = "\n".join(line for line in user_data.splitlines() if not line.lstrip().startswith("#"))
    assert "PASSWORD" not in commands.upper()
    assert "get-secret-value" not in commands


def test_efs_is_mounted_over_tls_through_the_access_point_with_retries(user_data: str) -> None:
    assert "amazon-efs-utils" in user_data
    assert f"readonly EFS_FILE_SYSTEM_ID='{EFS_ID}'" in user_data
    assert f"readonly EFS_ACCESS_POINT_ID='{ACCESS_POINT_ID}'" in user_data
    assert f"readonly EFS_MOUNT_POINT='{MOUNT_POINT}'" in user_data
    fstab = re.search(r'local entry="(.*)"', user_data)
    assert fstab
    device, mount_point, fs_type, options, *_ = fstab.group(1).split()
    assert (device, mount_point, fs_type) == ("$EFS_FILE_SYSTEM_ID:/", "$EFS_MOUNT_POINT", "efs")
    assert {"_netdev", "tls", "iam", "accesspoint=$EFS_ACCESS_POINT_ID"} <= set(options.split(","))
    assert "retry 60 10 efs_mounted" in user_data


def test_artifact_is_checked_and_installed_offline(user_data: str, artifact_sha256: tuple[Path, str]) -> None:
    _, digest = artifact_sha256
    assert f"readonly ARTIFACT_URI='s3://{ARTIFACTS_BUCKET}/webapp/{digest}.tar.gz'" in user_data
    assert "sha256sum --check" in user_data
    assert f"readonly PYTHON='python{PYTHON_VERSION}'" in user_data
    assert '"$PYTHON" -m venv "$release/venv"' in user_data
    install = re.search(r'"\$release/venv/bin/pip" install (.*?--requirement \S+)', user_data, re.DOTALL)
    assert install
    assert "--no-index" in install.group(1)
    assert "--require-hashes" in install.group(1)


def test_migrations_then_a_systemd_service_restarting_on_failure(user_data: str) -> None:
    assert user_data.index("-m webapp migrate") < user_data.index("systemctl restart webapp.service")
    assert f"readonly APP_PORT='{APP_PORT}'" in user_data
    assert "ExecStart=$APP_HOME/current/venv/bin/python -m webapp serve --host 0.0.0.0 --port $APP_PORT" in user_data
    assert "Restart=on-failure" in user_data
    assert "EnvironmentFile=$ENV_FILE" in user_data
    assert "User=$APP_USER" in user_data
    assert "systemctl enable webapp.service" in user_data
