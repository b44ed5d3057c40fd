"""Run a throwaway PostgreSQL cluster (initdb + pg_ctl) on a temporary directory and a free port.

PostgreSQL refuses to run as root, so when the tests run as root the server runs as ``postgres``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .network import free_port

_SERVER_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for directory in _SERVER_BIN_DIRS:
        candidate = directory / name
        if candidate.exists():
            return str(candidate)
    raise FileNotFoundError(f"PostgreSQL server binary {name!r} not found (install postgresql)")


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def postgres_server(parent: Path | None = None) -> Iterator[str]:
    """Yield the SQLAlchemy URL of a fresh cluster's ``postgres`` database; stop it on exit.

    The cluster lives in a directory of its own under ``parent`` (default: the system temp dir),
    never inside pytest's root-only temp tree, which the ``postgres`` user could not enter.
    """
    base_dir = Path(tempfile.mkdtemp(prefix="infra-pg-", dir=parent))
    try:
        with _cluster(base_dir) as url:
            yield url
    finally:
        shutil.rmtree(base_dir, ignore_errors=True)


@contextmanager
def _cluster(base_dir: Path) -> Iterator[str]:
    data_dir = base_dir / "pgdata"
    socket_dir = base_dir / "pgsock"
    for directory in (base_dir, data_dir, socket_dir):
        directory.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(base_dir, "postgres")
        shutil.chown(data_dir, "postgres")
        shutil.chown(socket_dir, "postgres")
        base_dir.chmod(0o755)
    subprocess.run(
        _as_server_user([_binary("initdb"), "-D", str(data_dir), "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    port = free_port()
    options = f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_server_user(
            [_binary("pg_ctl"), "-D", str(data_dir), "-o", options, "-l", str(base_dir / "pg.log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([_binary("pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "stop"]),
            check=False,
            capture_output=True,
        )
