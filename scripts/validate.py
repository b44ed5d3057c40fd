"""terraform fmt -check and validate for every root and module, with the real provider.

Roots are validated with ``-backend=false``; each directory gets its own data dir under
build/validate so nothing is written into the source tree.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cli.paths import build_dir, repo_root
from cli.plugins import provider_plugin_dir
from cli.terraform import base_environment, resolve_binary


def _needs_caller_providers(module: Path) -> bool:
    # Terraform cannot validate a module that expects aliased providers from its caller;
    # such a module is validated through its examples/ instead.
    return any("configuration_aliases" in file.read_text() for file in module.glob("*.tf"))


def _directories(root: Path) -> list[Path]:
    found = sorted(path for path in (root / "terraform").iterdir() if path.is_dir())
    found += sorted(
        path for path in (root / "modules").iterdir() if path.is_dir() and not _needs_caller_providers(path)
    )
    found += sorted(path.parent for path in (root / "modules").glob("*/examples/*/main.tf"))
    return found


def _validate(directory: Path, root: Path, binary: str) -> tuple[Path, bool, str]:
    relative = directory.relative_to(root)
    env = {**base_environment(), "TF_DATA_DIR": str(build_dir(root) / "validate" / relative)}
    plugin_dir = provider_plugin_dir()
    init = [binary, "init", "-backend=false", "-input=false", "-no-color"]
    if plugin_dir:
        init.append(f"-plugin-dir={plugin_dir}")
    for command in (init, [binary, "validate", "-no-color"]):
        result = subprocess.run(command, cwd=directory, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return relative, False, (result.stdout + result.stderr).strip().splitlines()[-1]
    return relative, True, "valid"


def main() -> int:
    root = repo_root()
    binary = resolve_binary()
    fmt = subprocess.run(
        [binary, "fmt", "-check", "-recursive", "terraform", "modules"], cwd=root, env=base_environment(), check=False
    )
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda directory: _validate(directory, root, binary), _directories(root)))
    for relative, ok, message in results:
        print(f"{'ok  ' if ok else 'FAIL'} {relative}: {message}")
    failed = [relative for relative, ok, _ in results if not ok]
    print(f"{len(results) - len(failed)} valid, {len(failed)} invalid; terraform fmt -check exit {fmt.returncode}")
    return 1 if failed or fmt.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
