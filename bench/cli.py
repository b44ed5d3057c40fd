"""How fast the CLI is where people wait for it.

1. ``infra plan local --all`` on an applied, unchanged stack, against the raw Terraform commands a
   script would run in sequence for the same result (per layer: init, plan, and output for the
   next layer). Goal: <= 0.7x, from planning layers side by side and never re-initialising needlessly.
2. ``infra --help`` against ``python -c pass``. Goal: <= 1.5x.
3. Whole-stack ``infra apply local --all`` on a fresh emulator and a second ``infra plan`` (goal:
   apply <= 5 minutes, then no changes), and the destroy.

Usage: .venv/bin/python bench/cli.py [--runs 3]. It starts its own moto server and works in a
temporary copy of the project, so it leaves nothing behind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cli.layers import ORDER  # noqa: E402
from cli.plugins import provider_plugin_dir  # noqa: E402
from cli.terraform import base_environment, resolve_binary  # noqa: E402
from tests.support.moto import moto_server  # noqa: E402


def _timed(command: list[str], env: dict[str, str], cwd: Path, check: bool = True) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if check and result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed, result.stdout


def _project(work: Path) -> Path:
    project = work / "project"
    project.mkdir()
    for tree in ("terraform", "modules", "webapp", "lambda_src", "pyproject.toml"):
        (project / tree).symlink_to(ROOT / tree)
    shutil.copytree(ROOT / "envs", project / "envs")
    if (ROOT / "build" / "cache").is_dir():
        shutil.copytree(ROOT / "build" / "cache", project / "build" / "cache")
    return project


def _raw_plan_sequence(project: Path, env: dict[str, str], binary: str) -> float:
    """What a plain script does: init, plan and output each layer, one after another."""
    stack = project / "build" / "local" / "stack" / "terraform"
    plugin_dir = provider_plugin_dir()
    started = time.perf_counter()
    for layer in ORDER:
        layer_env = {**env, "TF_DATA_DIR": str(project / "build" / "raw" / layer.value)}
        init = [binary, f"-chdir={stack / layer.value}", "init", "-input=false", "-no-color"]
        if plugin_dir:
            init.append(f"-plugin-dir={plugin_dir}")
        tfvars = project / "build" / "local" / "tfvars" / f"{layer.value}.tfvars"
        plan = [binary, f"-chdir={stack / layer.value}", "plan", "-input=false", "-no-color", f"-var-file={tfvars}"]
        output = [binary, f"-chdir={stack / layer.value}", "output", "-json"]
        for command in (init, plan, output):
            subprocess.run(command, env=layer_env, capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    binary = resolve_binary()
    infra = [sys.executable, "-m", "cli"]
    rows: list[tuple[str, str, str, str, str]] = []

    help_env = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp()}
    entry = [sys.executable, "-c", "from cli.entry import main; main()", "--help"]
    _timed(entry, help_env, ROOT)  # render the cache once
    helps = [_timed(entry, help_env, ROOT)[0] for _ in range(10)]
    passes = [_timed([sys.executable, "-c", "pass"], help_env, ROOT)[0] for _ in range(10)]
    help_ratio = statistics.median(helps) / statistics.median(passes)
    rows.append(
        (
            "infra --help vs python -c pass (median of 10)",
            f"{statistics.median(helps) * 1000:.0f} ms",
            f"{statistics.median(passes) * 1000:.0f} ms",
            f"{help_ratio:.2f}x",
            "<= 1.5x",
        )
    )

    with tempfile.TemporaryDirectory() as scratch, moto_server(Path(scratch)) as endpoint:
        project = _project(Path(scratch))
        env = {**os.environ, "INFRA_ROOT": str(project), "INFRA_AWS_ENDPOINT": endpoint, "NO_COLOR": "1"}
        _timed([*infra, "package"], env, project)
        apply_time, _ = _timed([*infra, "apply", "local", "--all", "--auto-approve"], env, project)
        second_time, second = _timed([*infra, "plan", "local", "--all"], env, project)
        clean = len(re.findall(r"^│ \w+ .*│ no changes *│$", second, re.MULTILINE)) == len(ORDER)
        rows.append(("apply local --all, fresh emulator", f"{apply_time:.0f} s", "", "", "<= 300 s"))
        rows.append(("second plan local --all", f"{second_time:.1f} s", "", "no changes" if clean else "CHANGES", ""))

        raw_env = base_environment(
            {
                "AWS_ENDPOINT_URL": endpoint,
                "AWS_ACCESS_KEY_ID": "test",
                "AWS_SECRET_ACCESS_KEY": "test",
                "AWS_MAX_ATTEMPTS": "1",
            }
        )
        ours, raw = [], []
        for _ in range(options.runs):
            ours.append(_timed([*infra, "plan", "local", "--all"], env, project)[0])
            raw.append(_raw_plan_sequence(project, raw_env, binary))
        ratio = statistics.median(ours) / statistics.median(raw)
        rows.append(
            (
                f"plan local --all, unchanged (median of {options.runs})",
                f"{statistics.median(ours):.1f} s",
                f"{statistics.median(raw):.1f} s",
                f"{ratio:.2f}x",
                "<= 0.7x",
            )
        )
        destroy_time, _ = _timed([*infra, "destroy", "local", "--all", "--auto-approve"], env, project)
        rows.append(("destroy local --all", f"{destroy_time:.0f} s", "", "", ""))

    from rich.console import Console
    from rich.table import Table

    table = Table(title="infra CLI benchmark")
    for column in ("scenario", "infra", "baseline", "ratio", "goal"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


if __name__ == "__main__":
    main()
