"""Stage a private copy of ``terraform/`` and ``modules/`` for one environment.

Terraform only honours override files (``*_override.tf``) that sit beside the code they override,
and a backend block cannot be switched by flags alone. Each environment therefore runs from its own
copy, where the CLI drops that environment's override files: the layer code in the repository stays
the single source, and two environments never see each other's overrides or ``.terraform``.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from pathlib import Path

STAGED_TREES = ("terraform", "modules")
# Never copied from the repository; kept in the copy when Terraform or the CLI wrote them there.
_SKIPPED = (".terraform", "examples", "*.tfstate", "*.tfstate.*", "*_override.tf", ".terraform.lock.hcl")
_MODULE_SOURCE = re.compile(r'^\s*source\s*=\s*"(\.{1,2}/[^"]+)"', re.MULTILINE)


def _skipped(relative: Path) -> bool:
    return any(fnmatch.fnmatch(part, pattern) for part in relative.parts for pattern in _SKIPPED)


def _source_files(tree: Path) -> dict[Path, Path]:
    return {
        path.relative_to(tree): path
        for path in tree.rglob("*")
        if path.is_file() and not _skipped(path.relative_to(tree))
    }


def _sync_tree(source: Path, target: Path) -> None:
    """Make the non-skipped files of ``target`` equal those of ``source``, touching only differences."""
    wanted = _source_files(source)
    present = _source_files(target) if target.exists() else {}
    for relative, path in wanted.items():
        destination = target / relative
        content = path.read_bytes()
        if relative in present and destination.read_bytes() == content:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
    for relative in present.keys() - wanted.keys():
        (target / relative).unlink()


def _write_if_changed(path: Path, content: str) -> None:
    if path.exists() and path.read_text() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)


def stage_stack(repo: Path, destination: Path, overrides: Mapping[str, str]) -> Path:
    """Copy the Terraform trees of ``repo`` into ``destination`` and write ``overrides``.

    ``overrides`` maps paths relative to ``destination`` (for example
    ``terraform/network/backend_override.tf``) to file contents. Stale override files from an
    earlier run are removed, so the staged copy always reflects exactly this call. Unchanged files
    are left alone, which keeps lock files and data dirs valid and avoids needless re-inits.
    """
    destination.mkdir(parents=True, exist_ok=True)
    for tree in STAGED_TREES:
        if (repo / tree).is_dir():
            _sync_tree(repo / tree, destination / tree)
    wanted = {destination / relative for relative in overrides}
    for tree in STAGED_TREES:
        for stale in (destination / tree).rglob("*_override.tf"):
            if stale not in wanted:
                stale.unlink()
    for relative, content in overrides.items():
        _write_if_changed(destination / relative, content)
    return destination


def module_closure(root_module: Path) -> list[Path]:
    """``root_module`` and every local module it calls, directly or through other modules."""
    seen: list[Path] = []
    pending = [root_module.resolve()]
    while pending:
        current = pending.pop()
        if current in seen or not current.is_dir():
            continue
        seen.append(current)
        for file in sorted(current.glob("*.tf")):
            for source in _MODULE_SOURCE.findall(file.read_text()):
                pending.append((current / source).resolve())
    return seen
