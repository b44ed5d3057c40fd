"""Run checkov (from its own virtual environment) over the Terraform code."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cli.errors import InfraError
from cli.terraform import base_environment

SCANNED = ("terraform", "modules")


@dataclass(frozen=True)
class ScanResult:
    returncode: int
    junit: Path
    sarif: Path


def find_checkov(root: Path, requested: str | None = None) -> str:
    """checkov lives apart from the CLI because it pins an old boto3."""
    candidates = [requested or os.environ.get("INFRA_CHECKOV_BIN"), str(root / ".venv-checkov/bin/checkov"), "checkov"]
    for candidate in filter(None, candidates):
        found = shutil.which(candidate)
        if found:
            return found
    raise InfraError("checkov not found: run `make install` (it creates .venv-checkov) or set INFRA_CHECKOV_BIN")


def run_checkov(root: Path, out_dir: Path, checkov: str) -> ScanResult:
    """Scan ``terraform/`` and ``modules/``; write JUnit XML and SARIF; stream the console report."""
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [checkov, "--framework", "terraform", "--quiet", "--compact", "--skip-download"]
    for directory in SCANNED:
        command += ["--directory", str(root / directory)]
    command += ["--output", "cli", "--output", "junitxml", "--output", "sarif"]
    junit, sarif = out_dir / "results_junitxml.xml", out_dir / "results_sarif.sarif"
    command += ["--output-file-path", f"console,{junit},{sarif}"]
    # Offline-friendly: do not fetch the vendor's guideline mappings on every run.
    env = base_environment({"BC_SKIP_MAPPING": "TRUE"})
    completed = subprocess.run(command, cwd=root, env=env, check=False)
    return ScanResult(completed.returncode, junit, sarif)
