"""Console-script entry point with a cached ``--help``.

Importing Typer, Click and Rich costs about 100 ms, five times Python's own start-up. ``infra
--help`` is what people type most, so its rendered text is cached per terminal width and colour
mode, keyed on the CLI's source files: any edit, upgrade or different terminal renders it afresh.
Every other invocation goes straight to the Typer app.
"""

from __future__ import annotations

import os
import sys

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_HELP_ARGS = (["--help"], ["-h"])


def _source_stamp() -> str:
    entries = []
    for directory in (_PACKAGE_DIR, os.path.join(_PACKAGE_DIR, "commands")):
        with os.scandir(directory) as scan:
            for entry in scan:
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    entries.append(f"{entry.path}:{stat.st_mtime_ns}:{stat.st_size}")
    return "|".join(sorted(entries))


def _terminal() -> tuple[int, bool]:
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    try:
        columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size(sys.stdout.fileno()).columns
    except (ValueError, OSError):
        columns = 80
    return columns, colour


def _cache_path(columns: int, colour: bool) -> str:
    import hashlib

    key = f"{sys.executable}|{columns}|{colour}|{os.environ.get('TERM', '')}|{_source_stamp()}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "infra", f"help-{digest}.txt")


def _render_help(columns: int, colour: bool) -> bytes:
    import subprocess

    env = {**os.environ, "COLUMNS": str(columns)}
    env.pop("NO_COLOR" if colour else "FORCE_COLOR", None)
    env["FORCE_COLOR" if colour else "NO_COLOR"] = "1"
    result = subprocess.run([sys.executable, "-m", "cli.main", "--help"], env=env, capture_output=True, check=True)
    return result.stdout


def cached_help() -> bytes:
    """The help text, rendered once per terminal shape and CLI version."""
    columns, colour = _terminal()
    path = _cache_path(columns, colour)
    try:
        with open(path, "rb") as cached:
            return cached.read()
    except OSError:
        pass
    text = _render_help(columns, colour)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError:
        pass  # A read-only home only costs speed.
    return text


def main() -> None:
    if sys.argv[1:] in _HELP_ARGS:
        sys.stdout.buffer.write(cached_help())
        sys.stdout.flush()
        return
    from cli.main import app

    app(prog_name="infra")
