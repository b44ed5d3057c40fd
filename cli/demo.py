"""The whole product on one machine: emulator, real Terraform, the packaged app and backup worker."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from cli.config import EnvironmentConfig
from cli.errors import InfraError
from cli.paths import build_dir


def demo_dir(root: Path) -> Path:
    return build_dir(root) / "demo"


def default_app_url(env: EnvironmentConfig, root: Path) -> str:
    """Where the round-trip check uploads: the running demo app locally, the public site on AWS."""
    if not env.emulator:
        return f"https://{env.dns.site_name}"
    record = demo_dir(root) / "app.json"
    if record.is_file():
        return json.loads(record.read_text())["url"]
    return "http://127.0.0.1:8080"


def install_webapp(bundle: Path, sha256: str, target: Path) -> Path:
    """Install the packaged web app bundle offline into its own venv; reused while the bundle is unchanged."""
    python = target / "venv" / "bin" / "python"
    stamp = target / "venv" / ".bundle-sha256"
    if stamp.is_file() and stamp.read_text() == sha256 and python.exists():
        return python
    shutil.rmtree(target, ignore_errors=True)
    unpacked = target / "bundle"
    unpacked.mkdir(parents=True)
    with tarfile.open(bundle) as archive:
        archive.extractall(unpacked, filter="data")
    subprocess.run([sys.executable, "-m", "venv", str(target / "venv")], check=True)
    wheels = sorted(unpacked.rglob("imageupload_webapp-*.whl"))
    if not wheels:
        raise InfraError(f"{bundle} holds no imageupload_webapp wheel: rebuild it with `infra package`")
    wheelhouse = next(unpacked.rglob("wheelhouse"))
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(wheelhouse), str(wheels[0])],
        check=True,
        env={**environment, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    stamp.write_text(sha256)
    return python


def wait_ready(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise InfraError(f"the web app exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise InfraError(f"the web app at {url} was not ready within {timeout:.0f}s")


@dataclass
class DemoProcesses:
    """The background processes of a running demo; stopped together."""

    processes: list[tuple[str, subprocess.Popen]] = field(default_factory=list)

    def start(self, name: str, command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("ab") as handle:
            process = subprocess.Popen(
                command, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.processes.append((name, process))
        return process

    def stop(self, timeout: float = 20.0) -> None:
        for _, process in self.processes:
            if process.poll() is None:
                process.terminate()
        for _, process in self.processes:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()


def app_environment(endpoint: str, env: EnvironmentConfig, images_bucket: str, work: Path) -> dict[str, str]:
    """Settings of the locally served app: SQLite unless DATABASE_URL is set, a folder as EFS, S3 on the emulator."""
    environment = dict(os.environ)
    environment.setdefault("DATABASE_URL", f"sqlite:///{work / 'webapp.db'}")
    environment.update(
        {
            "WEBAPP_EFS_ROOT": str(work / "efs"),
            "WEBAPP_S3_BUCKET": images_bucket,
            "WEBAPP_MAX_UPLOAD_BYTES": str(env.edge.max_upload_bytes),
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_REGION": env.region,
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
        }
    )
    return environment
