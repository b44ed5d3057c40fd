"""infra verify: a post-deploy smoke test of any environment."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from cli.console import console, reported_errors
from cli.options import Env, JsonOutput, TerraformBin

AppUrl = Annotated[
    str | None,
    typer.Option(
        help="Base URL of the app for the upload round trip (default: the demo app, or https://www.<domain>)."
    ),
]
BackupTimeout = Annotated[float, typer.Option(help="Seconds to wait for the backup copy.", min=1)]


def aws_client_factory(config, endpoint: str | None):
    """boto3 clients for the environment: the emulator's endpoint and dummy keys, or the real profile."""
    import boto3

    session = boto3.Session(profile_name=None if endpoint else config.aws_profile)

    def client(service: str, region: str | None = None):
        region = region or config.region
        if endpoint:
            return session.client(
                service,
                region_name=region,
                endpoint_url=endpoint,
                aws_access_key_id="test",
                aws_secret_access_key="test",  # noqa: S106 - emulator dummies
            )
        return session.client(service, region_name=region)

    return client


def run_verify(env: str, app_url: str | None, backup_timeout: float, terraform_bin: str | None, quiet: bool):
    from cli.commands.stack import open_stack
    from cli.demo import default_app_url
    from cli.errors import UsageError
    from cli.layers import Layer
    from cli.verify import Context, run_checks

    stack = open_stack(env, terraform_bin, machine_output=quiet)
    stack.prepare()
    outputs = {layer.value: stack.outputs(layer) for layer in (Layer.network, Layer.data, Layer.compute)}
    missing = [name for name, values in outputs.items() if not values]
    if missing:
        raise UsageError(f"{env} is not applied ({', '.join(missing)} missing): run `infra apply {env} --all` first")
    endpoint = stack.aws_endpoint
    context = Context(
        env=stack.env,
        outputs=outputs,
        client=aws_client_factory(stack.env, endpoint),
        app_url=app_url or default_app_url(stack.env, stack.root),
        backup_timeout=backup_timeout,
    )
    return run_checks(context)


def print_results(results, env: str) -> None:
    from rich.table import Table

    table = Table(title=f"infra verify {env}")
    for column in ("check", "result", "detail", "seconds"):
        table.add_column(column, justify="right" if column == "seconds" else "left")
    colours = {"pass": "green", "fail": "red", "n/a": "yellow"}
    for result in results:
        table.add_row(
            result.name, f"[{colours[result.status]}]{result.status}[/]", result.detail, f"{result.seconds:.2f}"
        )
    console().print(table)


def verify(
    env: Env,
    json_output: JsonOutput = False,
    app_url: AppUrl = None,
    backup_timeout: BackupTimeout = 60.0,
    terraform_bin: TerraformBin = None,
):
    """Check the deployed environment; exit 0 only when every applicable check passed."""
    from cli.verify import all_passed

    with reported_errors():
        results = run_verify(env, app_url, backup_timeout, terraform_bin, quiet=json_output)
        if json_output:
            typer.echo(json.dumps([result.to_json() for result in results], indent=2))
        else:
            print_results(results, env)
        if not all_passed(results):
            raise typer.Exit(1)
