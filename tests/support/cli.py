"""Drive the real ``infra`` CLI, in a subprocess, against a throwaway project root."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from cli.paths import repo_root

INFRA = [sys.executable, "-m", "cli.main"]


def make_project_root(tmp_path: Path) -> Path:
    """A root with the real terraform/ and modules/ (linked) and its own envs/ and build/."""
    root = tmp_path / "project"
    root.mkdir()
    for tree in ("terraform", "modules"):
        (root / tree).symlink_to(repo_root() / tree, target_is_directory=True)
    shutil.copytree(repo_root() / "envs", root / "envs")
    if (repo_root() / ".venv-checkov").is_dir():
        (root / ".venv-checkov").symlink_to(repo_root() / ".venv-checkov", target_is_directory=True)
    return root


def run_infra(root: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 900):
    """Run ``infra`` in a subprocess, as a user would."""
    environment = {**os.environ, "INFRA_ROOT": str(root), "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        if env is None or name not in env:
            environment.pop(name, None)
    return subprocess.run(
        [*INFRA, *args],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )
