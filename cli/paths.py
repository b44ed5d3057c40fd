"""Where things live: the repository root and the per-environment build folders."""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """The project root: ``INFRA_ROOT`` when set, else the folder holding this package's parent."""
    configured = os.environ.get("INFRA_ROOT")
    if configured:
        return Path(configured).resolve()
    return Path(__file__).resolve().parent.parent


def build_dir(root: Path | None = None) -> Path:
    return (root or repo_root()) / "build"


def env_build_dir(env: str, root: Path | None = None) -> Path:
    return build_dir(root) / env


def artifacts_dir(root: Path | None = None) -> Path:
    return build_dir(root) / "artifacts"
