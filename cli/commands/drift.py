"""infra drift: what changed in the cloud behind Terraform's back."""

from __future__ import annotations

import json

import typer

from cli.console import console, reported_errors
from cli.layers import parse_layers
from cli.options import Env, JsonOutput, LayerOption, TerraformBin


def drift(env: Env, layer: LayerOption = None, json_output: JsonOutput = False, terraform_bin: TerraformBin = None):
    """Compare each layer with the real resources; exit 2 and list what drifted, or exit 0."""
    from rich.table import Table

    from cli.commands.stack import open_stack

    with reported_errors():
        layers = [layer] if layer else parse_layers(None, True)
        found = open_stack(env, terraform_bin, machine_output=json_output).drift(layers)
        rows = [(item, entry) for item, entries in found.items() for entry in entries]
        if json_output:
            payload = [
                {
                    "layer": item.value,
                    "address": entry.address,
                    "action": entry.action,
                    "attributes": list(entry.attributes),
                }
                for item, entry in rows
            ]
            typer.echo(json.dumps(payload, indent=2))
        elif rows:
            table = Table(title=f"Drift in {env}")
            for column in ("layer", "address", "drift", "attributes"):
                table.add_column(column)
            for item, entry in rows:
                table.add_row(item.value, entry.address, entry.action, ", ".join(entry.attributes))
            console().print(table)
        else:
            console().print(f"[green]no drift[/] in {', '.join(item.value for item in layers)} of {env}")
        if rows:
            raise typer.Exit(2)
