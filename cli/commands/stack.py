"""init, plan, apply, destroy, output, render: run the layers of an environment."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from cli.console import console, echo, echo_to_stderr, reported_errors
from cli.layers import Layer, parse_layers
from cli.options import AllLayers, AutoApprove, Env, JsonOutput, LayerOption, TerraformBin


def open_stack(env_name: str, terraform_bin: str | None, machine_output: bool = False):
    """The environment's Stack; with ``machine_output`` Terraform's progress goes to stderr."""
    from cli.config import load_environment
    from cli.paths import repo_root
    from cli.plugins import provider_plugin_dir
    from cli.stack import Stack
    from cli.terraform import resolve_binary

    root = repo_root()
    env = load_environment(env_name, root)
    stream = echo_to_stderr if machine_output else echo
    return Stack(env, root, resolve_binary(terraform_bin), stream, provider_plugin_dir())


def summary_table(plans) -> None:
    from rich.table import Table

    table = Table(title="Plan summary")
    for column in ("layer", "add", "change", "destroy", "replace", "note"):
        table.add_column(column, justify="right" if column in {"add", "change", "destroy", "replace"} else "left")
    for plan in plans:
        notes = []
        if plan.placeholders:
            notes.append("plan only: placeholders for " + ", ".join(layer.value for layer in plan.placeholders))
        if plan.summary.stateful_losses:
            notes.append("[red]destroys stateful: " + ", ".join(plan.summary.stateful_losses) + "[/]")
        if not plan.summary.has_changes:
            notes.append("no changes")
        summary = plan.summary
        table.add_row(
            plan.layer.value,
            str(summary.add),
            str(summary.change),
            str(summary.destroy),
            str(summary.replace),
            "; ".join(notes),
        )
    console().print(table)


def _confirm(auto_approve: bool):
    if auto_approve:
        return None
    if not sys.stdin.isatty():
        from cli.errors import UsageError

        raise UsageError("not a terminal: pass --auto-approve to apply or destroy without a prompt")
    return lambda question: typer.confirm(question, default=False)


def init(env: Env, layer: LayerOption = None, all_layers: AllLayers = False, terraform_bin: TerraformBin = None):
    """Initialise the layers' working directories (backend, providers, modules)."""
    with reported_errors():
        layers = parse_layers(layer, all_layers)
        stack = open_stack(env, terraform_bin)
        stack.prepare()
        for item in layers:
            (stack.env_dir / "tfdata" / item.value / "infra-init.sha256").unlink(missing_ok=True)
            stack.ensure_init(item)
        console().print(f"[green]initialised[/] {', '.join(item.value for item in layers)} for {env}")


def plan(env: Env, layer: LayerOption = None, all_layers: AllLayers = False, terraform_bin: TerraformBin = None):
    """Plan the layers (in parallel) and save each plan under build/ENV/plans."""
    with reported_errors():
        layers = parse_layers(layer, all_layers)
        plans = open_stack(env, terraform_bin).plan(layers)
        summary_table(plans)


def apply(
    env: Env,
    layer: LayerOption = None,
    all_layers: AllLayers = False,
    auto_approve: AutoApprove = False,
    allow_destroy_stateful: Annotated[
        bool, typer.Option(help="Allow a plan that destroys or replaces a database, file system or bucket.")
    ] = False,
    saved_plan: Annotated[
        bool, typer.Option("--saved-plan", help="Apply the plan saved by `infra plan` instead of planning anew.")
    ] = False,
    terraform_bin: TerraformBin = None,
):
    """Plan and apply the layers in dependency order, passing outputs downstream."""
    with reported_errors():
        layers = parse_layers(layer, all_layers)
        stack = open_stack(env, terraform_bin)
        if saved_plan:
            for item in layers:
                stack.apply_saved(item)
            return
        plans = stack.apply(
            layers,
            confirm=_confirm(auto_approve),
            allow_destroy_stateful=allow_destroy_stateful,
            on_plan=lambda planned: summary_table([planned]),
        )
        console().print(f"[green]applied[/] {', '.join(item.layer.value for item in plans)} to {env}")


def destroy(
    env: Env,
    layer: LayerOption = None,
    all_layers: AllLayers = False,
    auto_approve: AutoApprove = False,
    terraform_bin: TerraformBin = None,
):
    """Destroy the layers in reverse dependency order."""
    with reported_errors():
        layers = parse_layers(layer, all_layers)
        destroyed = open_stack(env, terraform_bin).destroy(layers, confirm=_confirm(auto_approve))
        names = ", ".join(item.value for item in destroyed) or "nothing"
        console().print(f"[green]destroyed[/] {names} in {env}")


def output(
    env: Env,
    layer: Annotated[Layer, typer.Option("--layer", "-l", help="The layer.", case_sensitive=False)],
    name: Annotated[str | None, typer.Argument(help="One output name.", show_default=False)] = None,
    json_output: JsonOutput = False,
    terraform_bin: TerraformBin = None,
):
    """Show a layer's outputs."""
    from cli.errors import UsageError

    with reported_errors():
        values = open_stack(env, terraform_bin, machine_output=json_output).output(layer)
        if name is not None:
            if name not in values:
                raise UsageError(f"{layer.value} has no output {name!r} (has: {', '.join(sorted(values)) or 'none'})")
            values = values[name]
        if json_output:
            typer.echo(json.dumps(values, indent=2, sort_keys=True))
        elif isinstance(values, dict):
            for key, value in values.items():
                typer.echo(f"{key} = {json.dumps(value)}")
        else:
            typer.echo(json.dumps(values))


def render(
    env: Env,
    layer: LayerOption = None,
    terraform_bin: TerraformBin = None,
):
    """Render the layers' tfvars into build/ENV/tfvars and print them."""
    with reported_errors():
        layers = [layer] if layer else parse_layers(None, True)
        stack = open_stack(env, terraform_bin)
        upstream_values = _applied_outputs(stack, layers)
        for item in layers:
            upstream, placeholders = stack.resolve_upstream(item, upstream_values, allow_placeholders=True)
            path = stack.render(item, upstream)
            note = f" (placeholders for {', '.join(p.value for p in placeholders)})" if placeholders else ""
            console().rule(f"{path.relative_to(stack.root)}{note}")
            typer.echo(path.read_text())


def _applied_outputs(stack, layers):
    """Upstream outputs when the environment is reachable; otherwise render with placeholders."""
    from cli.errors import CredentialsMissing, EmulatorNotRunning
    from cli.layers import UPSTREAM

    sources = sorted({source for item in layers for source in UPSTREAM[item]}, key=list(Layer).index)
    if not sources:
        return {}
    try:
        stack.prepare()
    except (CredentialsMissing, EmulatorNotRunning):
        return {}
    return {source: stack.outputs(source) for source in sources}
