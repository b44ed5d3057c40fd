"""Stage a private copy of ``terraform/`` and ``modules/`` for one environment.

Terraform only honours override files (``*_override.tf``) that sit beside the code they override,
and a backend block cannot be switched by flags alone. Each environment therefore runs from its own
copy, where the CLI drops that environment's override files: the layer code in the repository stays
the single source, and two environments never see each other's overrides or ``.terraform``.
"""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Mapping
from pathlib import Path

STAGED_TREES = ("terraform", "modules")
_IGNORED = shutil.ignore_patterns(".terraform", "*.tfstate", "*.tfstate.*", "*_override.tf", "examples")


def _sync_tree(source: Path, target: Path) -> None:
    """Make ``target`` an exact copy of ``source`` (minus ignored files), touching only what changed."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=_IGNORED)


def _write_if_changed(path: Path, content: str) -> None:
    if path.exists() and path.read_text() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)


def _same_tree(source: Path, target: Path) -> bool:
    if not target.exists():
        return False
    comparison = filecmp.dircmp(source, target, ignore=[".terraform", "examples"])
    return _dircmp_equal(comparison)


def _dircmp_equal(comparison: filecmp.dircmp) -> bool:
    extra_right = [name for name in comparison.right_only if not name.endswith("_override.tf")]
    if comparison.left_only or extra_right or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(
        comparison.left, comparison.right, comparison.common_files, shallow=False
    )
    if mismatch or errors:
        return False
    return all(_dircmp_equal(sub) for sub in comparison.subdirs.values())


def stage_stack(repo: Path, destination: Path, overrides: Mapping[str, str]) -> Path:
    """Copy the Terraform trees of ``repo`` into ``destination`` and write ``overrides``.

    ``overrides`` maps paths relative to ``destination`` (for example
    ``terraform/network/backend_override.tf``) to file contents. Stale override files from an
    earlier run are removed, so the staged copy always reflects exactly this call. Unchanged trees
    are left in place, which keeps file times stable and avoids needless re-inits.
    """
    destination.mkdir(parents=True, exist_ok=True)
    for tree in STAGED_TREES:
        source = repo / tree
        if not source.is_dir():
            continue
        if not _same_tree(source, destination / tree):
            _sync_tree(source, destination / tree)
    wanted = {destination / relative for relative in overrides}
    for tree in STAGED_TREES:
        for stale in (destination / tree).rglob("*_override.tf"):
            if stale not in wanted:
                stale.unlink()
    for relative, content in overrides.items():
        _write_if_changed(destination / relative, content)
    return destination
