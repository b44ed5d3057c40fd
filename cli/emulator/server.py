"""Start, find and stop the embedded AWS emulator: a moto server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from cli.errors import EmulatorNotRunning, InfraError
from cli.paths import build_dir

DEFAULT_PORT = 5000
ENDPOINT_VARIABLE = "INFRA_AWS_ENDPOINT"


@dataclass(frozen=True)
class EmulatorStatus:
    endpoint: str
    running: bool
    pid: int | None = None
    source: str = "infra local up"

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def _record_path(root: Path | None = None) -> Path:
    return build_dir(root) / "emulator" / "server.json"


def answers(endpoint: str, timeout: float = 2.0) -> bool:
    """True when a moto server answers at ``endpoint``."""
    try:
        with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=timeout):  # noqa: S310 - loopback
            return True
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError):
        return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_record(root: Path | None) -> dict | None:
    path = _record_path(root)
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError:
        return None


def status(root: Path | None = None) -> EmulatorStatus:
    """Where the emulator is and whether it answers; INFRA_AWS_ENDPOINT wins over a started one."""
    override = os.environ.get(ENDPOINT_VARIABLE)
    if override:
        return EmulatorStatus(override.rstrip("/"), answers(override.rstrip("/")), None, ENDPOINT_VARIABLE)
    record = _read_record(root)
    if not record:
        return EmulatorStatus(f"http://127.0.0.1:{DEFAULT_PORT}", False)
    running = _pid_alive(record["pid"]) and answers(record["endpoint"])
    return EmulatorStatus(record["endpoint"], running, record["pid"])


def require_endpoint(root: Path | None = None) -> str:
    """The endpoint of a running emulator, or one clear error saying how to get one."""
    current = status(root)
    if current.running:
        return current.endpoint
    if current.source == ENDPOINT_VARIABLE:
        raise EmulatorNotRunning(f"no emulator answers at {current.endpoint} ({ENDPOINT_VARIABLE})")
    raise EmulatorNotRunning(
        f"the emulator is not running at {current.endpoint}: start it with `infra local up` "
        f"or set {ENDPOINT_VARIABLE} to a running moto server"
    )


def _moto_command(port: int) -> list[str]:
    script = Path(sys.executable).with_name("moto_server")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "moto.server"]
    return [*base, "-H", "127.0.0.1", "-p", str(port)]


def up(port: int = DEFAULT_PORT, root: Path | None = None, timeout: float = 30.0) -> EmulatorStatus:
    """Start a detached moto server, or return the one already running."""
    current = status(root)
    if current.running and current.source != ENDPOINT_VARIABLE:
        return current
    endpoint = f"http://127.0.0.1:{port}"
    if answers(endpoint):
        raise InfraError(f"port {port} is already taken by another server; choose one with --port")
    record_path = _record_path(root)
    record_path.parent.mkdir(parents=True, exist_ok=True)
    log_path = record_path.with_name("moto.log")
    # No certificate validation wait; AWS managed IAM policies exist, as they do in every real account.
    env = {**os.environ, "MOTO_ACM_VALIDATION_WAIT": "0", "MOTO_IAM_LOAD_MANAGED_POLICIES": "true"}
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            _moto_command(port),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise InfraError(f"the emulator exited at start (code {process.returncode}); see {log_path}")
        if answers(endpoint, timeout=0.5):
            break
        time.sleep(0.1)
    else:
        process.terminate()
        raise InfraError(f"the emulator did not answer on {endpoint} within {timeout:.0f}s; see {log_path}")
    temporary = record_path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"pid": process.pid, "endpoint": endpoint, "log": str(log_path)}))
    temporary.replace(record_path)
    return EmulatorStatus(endpoint, True, process.pid)


def down(root: Path | None = None, timeout: float = 10.0) -> bool:
    """Stop the emulator started by ``up``; False when none was running."""
    record = _read_record(root)
    if not record:
        return False
    pid = record["pid"]
    stopped = False
    if _pid_alive(pid):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
            _reap(pid)
        if _pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
        stopped = True
    _record_path(root).unlink(missing_ok=True)
    return stopped


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
