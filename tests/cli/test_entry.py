"""The cached ``infra --help`` is exactly what the Typer app prints, and follows source changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from cli.paths import repo_root


def _help(command: list[str], cwd: Path, cache: Path) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "COLUMNS": "100", "NO_COLOR": "1"}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def test_cached_help_equals_live_help(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    entry = [sys.executable, "-c", "from cli.entry import main; main()", "--help"]
    live = _help([sys.executable, "-m", "cli", "--help"], repo_root(), cache)
    assert "Usage: infra" in live
    assert _help(entry, repo_root(), cache) == live  # rendered and stored
    assert list((cache / "infra").glob("help-*.txt"))
    assert _help(entry, repo_root(), cache) == live  # served from the cache


def test_cache_follows_source_changes(tmp_path: Path) -> None:
    project = tmp_path / "copy"
    shutil.copytree(repo_root() / "cli", project / "cli", ignore=shutil.ignore_patterns("__pycache__"))
    cache = tmp_path / "cache"
    entry = [sys.executable, "-c", "from cli.entry import main; main()", "--help"]
    before = _help(entry, project, cache)
    main_file = project / "cli" / "main.py"
    main_file.write_text(main_file.read_text().replace("Stand up, run and verify", "Stand up, run and check"))
    after = _help(entry, project, cache)
    assert "run and verify" in before
    assert "run and check" in after
