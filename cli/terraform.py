"""The one adapter over python-terraform.

python-terraform 0.10.1 builds command lines well but its command methods carry bugs that break
modern Terraform. We keep its option encoding (``generate_cmd_string``) and run the process
ourselves, which sidesteps each one (each is pinned by a test against the real binary):

- ``destroy()`` sends ``-force``, which Terraform >= 0.15 rejects: we send ``-auto-approve``.
- ``apply(plan)`` adds the instance's ``-var-file``, and Terraform refuses variables with a saved
  plan: a saved plan is applied with nothing but the plan file.
- ``plan()`` adds ``-detailed-exitcode``, so "changes present" (exit 2) looks like a failure: we
  read 0 as no changes and 2 as changes.
- ``output(name)`` indexes a string and raises TypeError: we parse ``output -json`` ourselves.
- ``apply()`` without a plan and without auto-approve waits for "yes" and hangs on EOF: stdin is
  closed, ``-input=false`` is always passed, and apply takes a saved plan only.
- ``synchronous=False`` leaks into the command line as ``-synchronous=false``: never passed; we
  stream output live from our own process handle instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cli.errors import Interrupted, TerraformFailed, TerraformNotFound

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
Echo = Callable[[str], None]
_LIVE: set[subprocess.Popen[str]] = set()
_LIVE_LOCK = threading.Lock()


def interrupt_all() -> None:
    """Forward one SIGINT to every running Terraform process (used when worker threads run them)."""
    with _LIVE_LOCK:
        for process in list(_LIVE):
            if process.poll() is None:
                process.send_signal(signal.SIGINT)


def resolve_binary(requested: str | None = None) -> str:
    """The Terraform (or OpenTofu) executable: option, then INFRA_TERRAFORM_BIN, then PATH."""
    candidate = requested or os.environ.get("INFRA_TERRAFORM_BIN")
    names = [candidate] if candidate else ["terraform", "tofu"]
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    wanted = candidate or "terraform or tofu"
    raise TerraformNotFound(
        f"{wanted} not found: install Terraform >= 1.10 or OpenTofu >= 1.8, "
        "or point --terraform-bin / INFRA_TERRAFORM_BIN at it"
    )


def binary_version(binary: str) -> tuple[str, str]:
    """(``terraform`` or ``opentofu``, version) as the binary reports it."""
    result = subprocess.run([binary, "version", "-json"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise TerraformNotFound(f"{binary} does not run: {result.stderr.strip() or result.stdout.strip()}")
    version = json.loads(result.stdout).get("terraform_version", "unknown")
    name = "opentofu" if "tofu" in Path(binary).name else "terraform"
    return name, version


def base_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment every Terraform process gets."""
    env = dict(os.environ)
    # A TF_CLI_CONFIG_FILE that points nowhere only produces a warning on every command.
    configured = env.get("TF_CLI_CONFIG_FILE")
    if configured and not Path(configured).exists():
        env.pop("TF_CLI_CONFIG_FILE")
    env.update({"CHECKPOINT_DISABLE": "1", "TF_IN_AUTOMATION": "1", "TF_INPUT": "0"})
    env.update(extra or {})
    return env


@dataclass(frozen=True)
class Completed:
    returncode: int
    output: str


def _first_error(output: str) -> str:
    """Terraform's first ``Error:`` title with the last paragraph of its explanation."""
    lines = [line.strip(" │╷╵") for line in _ANSI.sub("", output).splitlines()]
    starts = [index for index, line in enumerate(lines) if line.startswith("Error:")]
    if not starts:
        tail = [line for line in lines if line.strip()]
        return tail[-1] if tail else "no output"
    first = starts[0]
    block_end = starts[1] if len(starts) > 1 else len(lines)
    title = lines[first].removeprefix("Error:").strip()
    paragraphs: list[list[str]] = [[]]
    for line in lines[first + 1 : block_end]:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    explanation = next((" ".join(p) for p in reversed(paragraphs) if p and not p[0].startswith("on ")), "")
    return f"{title}: {explanation}" if explanation else title


class Terraform:
    """Runs one root configuration with its own data dir, environment and output label."""

    def __init__(
        self,
        *,
        binary: str,
        working_dir: Path,
        data_dir: Path,
        env: Mapping[str, str],
        label: str,
        echo: Echo | None = None,
    ) -> None:
        from python_terraform import Terraform as Library

        self.binary = binary
        self.working_dir = working_dir
        self.data_dir = data_dir
        self.label = label
        self.echo = echo
        self.env = {**env, "TF_DATA_DIR": str(data_dir)}
        self._library = Library(working_dir=str(working_dir), terraform_bin_path=binary, is_env_vars_included=False)

    def argv(self, command: str, *args: str, **options: Any) -> list[str]:
        """The command line, encoded by python-terraform without its per-command defaults."""
        return self._library.generate_cmd_string(command, *args, **options)

    def run(self, argv: list[str], *, stream: bool = True, ok: tuple[int, ...] = (0,)) -> Completed:
        """Run ``argv``, echoing each line live when ``stream``; raise TerraformFailed unless ok."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen(
            argv,
            cwd=self.working_dir,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if stream else subprocess.PIPE,
            text=True,
            errors="replace",
            # Its own session: a terminal Ctrl-C reaches only us, and we forward exactly one
            # SIGINT so Terraform stops gracefully instead of being hit twice (which forces it).
            start_new_session=True,
        )
        lines: list[str] = []
        with _LIVE_LOCK:
            _LIVE.add(process)
        try:
            lines = self._pump(process, stream)
        except KeyboardInterrupt:
            self._interrupt(process, stream)
        finally:
            with _LIVE_LOCK:
                _LIVE.discard(process)
        stderr = process.stderr.read() if process.stderr else ""
        output = "".join(lines) + stderr
        if process.returncode not in ok:
            command = " ".join(argv[1:2])
            raise TerraformFailed(
                f"terraform {command} failed for {self.label} (exit {process.returncode}): {_first_error(output)}"
            )
        return Completed(process.returncode, output)

    def _pump(self, process: subprocess.Popen[str], stream: bool) -> list[str]:
        lines: list[str] = []
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if stream and self.echo:
                self.echo(f"[{self.label}] {line.rstrip()}")
        process.wait()
        return lines

    def _interrupt(self, process: subprocess.Popen[str], stream: bool) -> None:
        if self.echo:
            self.echo(f"[{self.label}] interrupted: asking Terraform to stop cleanly and release its lock")
        process.send_signal(signal.SIGINT)
        while True:
            try:
                self._pump(process, stream)
                break
            except KeyboardInterrupt:
                # A second Ctrl-C is the user insisting: pass it on, Terraform then stops at once.
                process.send_signal(signal.SIGINT)
        raise Interrupted(f"{self.label}: interrupted; Terraform exited with {process.returncode}")

    def init(self, *, plugin_dir: Path | None, backend_config: Mapping[str, str] | None = None) -> None:
        options: dict[str, Any] = {"input": False, "no_color": _flag(), "reconfigure": _flag()}
        if plugin_dir:
            options["plugin_dir"] = str(plugin_dir)
        if backend_config:
            options["backend_config"] = dict(backend_config)
        self.run(self.argv("init", **options))

    def plan(self, *, var_file: Path, out: Path, destroy: bool = False, refresh_only: bool = False) -> bool:
        """Save a plan to ``out``; True when it has changes (``-detailed-exitcode`` exit 2)."""
        options: dict[str, Any] = {
            "input": False,
            "no_color": _flag(),
            "var_file": str(var_file),
            "out": str(out),
            "detailed_exitcode": _flag(),
        }
        if destroy:
            options["destroy"] = _flag()
        if refresh_only:
            options["refresh_only"] = _flag()
        out.parent.mkdir(parents=True, exist_ok=True)
        completed = self.run(self.argv("plan", **options), ok=(0, 2))
        return completed.returncode == 2

    def apply_plan(self, plan_file: Path) -> None:
        """Apply exactly this saved plan: no variables, no re-plan."""
        self.run(self.argv("apply", str(plan_file), input=False, no_color=_flag()))

    def destroy(self, *, var_file: Path) -> None:
        self.run(self.argv("destroy", input=False, no_color=_flag(), auto_approve=_flag(), var_file=str(var_file)))

    def output(self, name: str | None = None) -> Any:
        """All outputs as ``{name: value}``, or one output's value."""
        args = [name] if name else []
        completed = self.run(self.argv("output", *args, json=_flag(), no_color=_flag()), stream=False)
        parsed = json.loads(completed.output or "{}")
        if name:
            return parsed
        return {key: item["value"] for key, item in parsed.items()}

    def state_list(self) -> list[str]:
        completed = self.run(self.argv("state list"), stream=False)
        return [line for line in completed.output.splitlines() if line.strip()]

    def show_json(self, plan_file: Path) -> dict[str, Any]:
        completed = self.run(self.argv("show", str(plan_file), json=_flag(), no_color=_flag()), stream=False)
        return json.loads(completed.output)


def _flag() -> Any:
    from python_terraform import IsFlagged

    return IsFlagged
