"""infra local: the embedded AWS emulator and the backup worker that stands in for Lambda."""

from __future__ import annotations

import json
import os
from typing import Annotated

import typer

from cli.console import console, reported_errors
from cli.options import JsonOutput

app = typer.Typer(no_args_is_help=True, help="Run the local environment on an embedded AWS emulator (moto server).")


@app.command()
def up(port: Annotated[int, typer.Option(help="Port on 127.0.0.1.", min=1024, max=65535)] = 5000):
    """Start the emulator on 127.0.0.1 (no Docker needed)."""
    from cli.emulator.server import up as start

    with reported_errors():
        status = start(port)
        console().print(f"[green]emulator running[/] at {status.endpoint} (pid {status.pid})")


@app.command()
def status(json_output: JsonOutput = False):
    """Report where the emulator is and whether it answers."""
    from cli.emulator.server import status as current

    with reported_errors():
        state = current()
        if json_output:
            typer.echo(json.dumps({"endpoint": state.endpoint, "running": state.running}))
            return
        word = "[green]running[/]" if state.running else "[yellow]not running[/]"
        console().print(f"emulator {word} at {state.endpoint} ({state.source})")


@app.command()
def down():
    """Stop the emulator started by `infra local up`."""
    from cli.emulator.server import down as stop

    with reported_errors():
        console().print("[green]emulator stopped[/]" if stop() else "no emulator was running")


@app.command("backup-worker")
def backup_worker(
    env: Annotated[str, typer.Argument(help="An emulator environment.")] = "local",
    max_batches: Annotated[
        int | None, typer.Option(help="Stop after this many receive calls (default: run until Ctrl-C).")
    ] = None,
):
    """Run the packaged backup function against the environment's queue, as Lambda would."""
    import threading

    from cli.aws_env import EMULATOR_CREDENTIALS
    from cli.backup_worker import WorkerError, run_worker
    from cli.config import load_environment
    from cli.emulator.server import require_endpoint
    from cli.errors import InfraError, UsageError
    from cli.layers import Layer
    from cli.paths import artifacts_dir, repo_root

    with reported_errors():
        root = repo_root()
        config = load_environment(env, root)
        if not config.emulator:
            raise UsageError(f"{env} is a real environment: its backups run in AWS Lambda")
        zip_path = artifacts_dir(root) / "backup.zip"
        if not zip_path.is_file():
            raise UsageError("the backup artifact is missing: run `infra package` first")
        endpoint = require_endpoint(root)
        from cli.commands.stack import open_stack

        outputs = open_stack(env, None).output(Layer.data)
        if not outputs:
            raise UsageError(f"the data layer of {env} is not applied: run `infra apply {env} --layer data` first")
        # The worker and the function process it starts talk to the emulator with its dummy keys.
        os.environ.update(EMULATOR_CREDENTIALS)
        stop = threading.Event()
        console().print(f"backup worker polling {outputs['backup_queue_url']} (Ctrl-C stops)")
        try:
            stats = run_worker(
                queue_url=outputs["backup_queue_url"],
                zip_path=zip_path,
                backup_bucket=outputs["backup_bucket"],
                endpoint_url=endpoint,
                region=config.region,
                visibility_timeout=int(outputs["backup_queue_visibility_timeout"]),
                max_batches=max_batches,
                stop_event=stop,
            )
        except KeyboardInterrupt:
            stop.set()
            console().print("backup worker stopped")
            return
        except WorkerError as error:
            raise InfraError(str(error)) from None
        console().print(f"backup worker done: {stats}")
