"""infra scan: checkov policy checks with JUnit XML and SARIF reports for CI."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.console import console, reported_errors


def scan(
    checkov_bin: Annotated[
        str | None, typer.Option(envvar="INFRA_CHECKOV_BIN", help="checkov executable.", show_default=False)
    ] = None,
):
    """Scan terraform/ and modules/ with checkov; exits non-zero on any failed check."""
    from cli.errors import InfraError
    from cli.paths import build_dir, repo_root
    from cli.scan import find_checkov, run_checkov

    with reported_errors():
        root = repo_root()
        result = run_checkov(root, build_dir(root) / "scan", find_checkov(root, checkov_bin))
        console().print(f"reports: {result.junit.relative_to(root)}, {result.sarif.relative_to(root)}")
        if result.returncode != 0:
            raise InfraError(f"checkov reported failed checks (exit {result.returncode})")
        console().print("[green]checkov: no failed checks[/]")
