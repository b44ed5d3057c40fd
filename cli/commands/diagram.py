"""infra diagram: the architecture of an environment as PNG and SVG."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.console import console, reported_errors
from cli.options import Env


def diagram(
    env: Env,
    output_dir: Annotated[
        Path | None, typer.Option("--output-dir", "-o", help="Where to write (default build/ENV/diagram).")
    ] = None,
):
    """Draw the environment from its config and, when it is applied and reachable, its outputs."""
    import shutil

    from cli.config import load_environment
    from cli.diagram import draw
    from cli.errors import InfraError
    from cli.paths import env_build_dir, repo_root

    with reported_errors():
        if shutil.which("dot") is None:
            raise InfraError("Graphviz `dot` not found: install graphviz (make system-deps)")
        root = repo_root()
        config = load_environment(env, root)
        outputs = _outputs_if_reachable(env)
        note = "config and applied outputs" if outputs else "config only (not applied or not reachable)"
        written = draw(config, outputs, output_dir or env_build_dir(env, root) / "diagram")
        for path in written:
            console().print(f"[green]wrote[/] {path}")
        console().print(f"drawn from {note}")


def _outputs_if_reachable(env: str) -> dict:
    from cli.commands.stack import open_stack
    from cli.errors import InfraError
    from cli.layers import Layer

    try:
        stack = open_stack(env, None, machine_output=True)
        stack.prepare()
        return {layer.value: stack.outputs(layer) for layer in (Layer.network, Layer.data)}
    except InfraError:
        return {}
