"""Check the prerequisites of the CLI, each with the fix when it is missing."""

from __future__ import annotations

import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cli.errors import InfraError

_MINIMUM = {"terraform": (1, 10), "opentofu": (1, 8)}


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("-")[0].split(".")[:2] if part.isdigit())


def check_terraform(requested: str | None) -> Check:
    from cli.terraform import binary_version, resolve_binary

    try:
        binary = resolve_binary(requested)
        name, version = binary_version(binary)
    except InfraError as error:
        return Check("terraform", False, str(error), "install Terraform >= 1.10 or OpenTofu >= 1.8")
    ok = _version_tuple(version) >= _MINIMUM[name]
    fix = "" if ok else f"upgrade {name} to >= {'.'.join(map(str, _MINIMUM[name]))}"
    return Check("terraform", ok, f"{name} {version} ({binary})", fix)


def check_providers() -> Check:
    from cli.plugins import provider_plugin_dir

    mirror = provider_plugin_dir()
    if mirror:
        return Check("providers", True, f"hashicorp/aws from local mirror {mirror}")
    try:
        socket.create_connection(("registry.terraform.io", 443), timeout=3).close()
    except OSError:
        return Check(
            "providers",
            False,
            "no local mirror and registry.terraform.io unreachable",
            "set INFRA_TF_PLUGIN_DIR to a provider mirror, or allow access to the registry",
        )
    return Check("providers", True, "from registry.terraform.io")


def check_checkov(root: Path) -> Check:
    from cli.scan import find_checkov

    try:
        checkov = find_checkov(root)
    except InfraError as error:
        return Check("checkov", False, str(error), "make install")
    result = subprocess.run([checkov, "--version"], capture_output=True, text=True, check=False)
    return Check("checkov", result.returncode == 0, f"{result.stdout.strip()} ({checkov})", "make install")


def check_credentials(root: Path, env_name: str) -> Check:
    from cli.aws_env import require_credentials
    from cli.config import load_environment

    try:
        env = load_environment(env_name, root)
        if env.emulator:
            return Check("aws credentials", True, f"{env_name} uses the emulator's dummy credentials")
        require_credentials(env)
    except InfraError as error:
        return Check("aws credentials", False, str(error), "export AWS_PROFILE=... or run `aws configure`")
    return Check("aws credentials", True, f"found for {env_name}")


def check_emulator(root: Path) -> Check:
    from cli.emulator.server import status

    state = status(root)
    if state.running:
        return Check("emulator", True, f"moto server at {state.endpoint}")
    return Check("emulator", False, f"not running at {state.endpoint}", "infra local up")


def run_checks(root: Path, env_name: str | None, terraform_bin: str | None) -> list[Check]:
    checks = [check_terraform(terraform_bin), check_providers(), check_checkov(root)]
    if env_name:
        checks.append(check_credentials(root, env_name))
    checks.append(check_emulator(root))
    return checks
