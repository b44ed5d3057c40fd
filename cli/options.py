"""Option and argument aliases shared by the commands."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.layers import Layer

Env = Annotated[str, typer.Argument(help="Environment name: a file envs/<ENV>.yaml.", show_default=False)]
LayerOption = Annotated[
    Layer | None, typer.Option("--layer", "-l", help="One layer.", case_sensitive=False, show_default=False)
]
AllLayers = Annotated[bool, typer.Option("--all", help="Every layer, in dependency order.")]
AutoApprove = Annotated[bool, typer.Option("--auto-approve", "-y", help="Do not ask for confirmation.")]
JsonOutput = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
TerraformBin = Annotated[
    str | None,
    typer.Option(
        "--terraform-bin",
        envvar="INFRA_TERRAFORM_BIN",
        help="Terraform or OpenTofu executable (default: terraform, else tofu, on PATH).",
        show_default=False,
    ),
]
