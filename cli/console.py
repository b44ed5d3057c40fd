"""Terminal output and the single place where domain errors become exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import typer

from cli.errors import InfraError


@cache
def console():
    from rich.console import Console

    return Console(highlight=False)


@cache
def error_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def echo(line: str) -> None:
    """Print one line of streamed tool output verbatim (no markup interpretation)."""
    console().print(line, markup=False, soft_wrap=True)


def echo_to_stderr(line: str) -> None:
    """Streamed output for commands whose stdout is machine-readable (``--json``)."""
    error_console().print(line, markup=False, soft_wrap=True)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn an InfraError into one red line on stderr and its exit code; nothing else is caught."""
    try:
        yield
    except InfraError as error:
        error_console().print(f"[bold red]error:[/] {error}", soft_wrap=True)
        raise typer.Exit(error.exit_code) from None
