"""The root ``infra`` command: global options and the command groups."""

from __future__ import annotations

from typing import Annotated

import typer

from cli import __version__
from cli.commands import bootstrap, demo, diagram, doctor, drift, local, package, scan, stack, verify

app = typer.Typer(
    name="infra",
    no_args_is_help=True,
    help="Stand up, run and verify the image-upload application on AWS, or on an embedded emulator.",
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"infra {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Stand up, run and verify the image-upload application on AWS, or on an embedded emulator."""


for command in (stack.init, stack.plan, stack.apply, stack.destroy, stack.output, stack.render):
    app.command(rich_help_panel="Stack")(command)
app.command(rich_help_panel="Stack")(drift.drift)
app.command(rich_help_panel="Build and check")(package.package)
app.command(rich_help_panel="Build and check")(scan.scan)
app.command(rich_help_panel="Environments")(bootstrap.bootstrap)
app.command(rich_help_panel="Environments")(doctor.doctor)
app.command(rich_help_panel="Environments")(diagram.diagram)
app.command(rich_help_panel="Run and verify")(demo.demo)
app.command(rich_help_panel="Run and verify")(verify.verify)
app.add_typer(local.app, name="local", rich_help_panel="Environments")

if __name__ == "__main__":
    app(prog_name="infra")
