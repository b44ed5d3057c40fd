"""infra local up / status / down start and stop a real moto server."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_infra
from tests.support.network import free_port


def test_up_status_down(project_root: Path) -> None:
    port = free_port()
    started = run_infra(project_root, "local", "up", "--port", str(port))
    try:
        assert started.returncode == 0, started.stderr
        status = run_infra(project_root, "local", "status", "--json")
        assert json.loads(status.stdout) == {"endpoint": f"http://127.0.0.1:{port}", "running": True}
        again = run_infra(project_root, "local", "up", "--port", str(port))
        assert again.returncode == 0  # idempotent: reports the running one
    finally:
        stopped = run_infra(project_root, "local", "down")
    assert stopped.returncode == 0 and "emulator stopped" in stopped.stdout
    status = run_infra(project_root, "local", "status", "--json")
    assert json.loads(status.stdout)["running"] is False


def test_endpoint_variable_overrides(project_root: Path, moto_endpoint: str) -> None:
    status = run_infra(project_root, "local", "status", "--json", env={"INFRA_AWS_ENDPOINT": moto_endpoint})
    assert json.loads(status.stdout) == {"endpoint": moto_endpoint, "running": True}
