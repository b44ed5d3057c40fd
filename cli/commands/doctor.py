"""infra doctor: a table of prerequisites with the fix for each missing one."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.console import console, reported_errors
from cli.options import TerraformBin


def doctor(
    env: Annotated[str | None, typer.Argument(help="Also check AWS access for this environment.")] = None,
    terraform_bin: TerraformBin = None,
):
    """Check Terraform/OpenTofu, provider installation, checkov, AWS credentials and the emulator."""
    from rich.table import Table

    from cli.doctor import run_checks
    from cli.paths import repo_root

    with reported_errors():
        checks = run_checks(repo_root(), env, terraform_bin)
        table = Table(title="infra doctor")
        for column in ("check", "status", "detail", "fix"):
            table.add_column(column)
        for check in checks:
            status = "[green]ok[/]" if check.ok else "[red]missing[/]"
            table.add_row(check.name, status, check.detail, check.fix)
        console().print(table)
        # The emulator is optional unless you use `local`; everything else is required.
        required = [check for check in checks if check.name != "emulator" or env == "local"]
        if not all(check.ok for check in required):
            raise typer.Exit(1)
