"""Run the real layer roots with the real Terraform binary and provider against moto server.

Tests use this to plan (and where needed apply) a layer with chosen variables and read the plan
JSON, in the manner of cloud-foundation-fabric's plan summaries.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from cli.emulator.overrides import emulator_override_files
from cli.paths import repo_root
from cli.plugins import provider_plugin_dir
from cli.stage import stage_stack

LAYERS = ("network", "data", "compute", "edge")


class LayerStack:
    """A staged copy of the stack in ``work_dir`` whose layers run against ``endpoint``."""

    def __init__(self, work_dir: Path, endpoint: str) -> None:
        self.work_dir = work_dir
        self.endpoint = endpoint
        overrides = dict(emulator_override_files())
        for layer in LAYERS:
            state = work_dir / "state" / f"{layer}.tfstate"
            overrides[f"terraform/{layer}/backend_override.tf"] = (
                f'terraform {{\n  backend "local" {{\n    path = "{state}"\n  }}\n}}\n'
            )
        self.stack = stage_stack(repo_root(), work_dir / "stack", overrides)

    def env(self, layer: str) -> dict[str, str]:
        return {
            **os.environ,
            "CHECKPOINT_DISABLE": "1",
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "TF_DATA_DIR": str(self.work_dir / "tfdata" / layer),
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_MAX_ATTEMPTS": "1",
        }

    def terraform(self, layer: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            ["terraform", f"-chdir={self.stack / 'terraform' / layer}", *args],
            env=self.env(layer),
            capture_output=True,
            text=True,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"terraform {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def init(self, layer: str) -> None:
        plugin_dir = provider_plugin_dir()
        extra = [f"-plugin-dir={plugin_dir}"] if plugin_dir else []
        self.terraform(layer, "init", "-input=false", "-no-color", *extra)

    def _var_file(self, layer: str, variables: dict[str, Any]) -> Path:
        path = self.work_dir / "vars" / f"{layer}.tfvars.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(variables))
        return path

    def plan(self, layer: str, variables: dict[str, Any]) -> dict[str, Any]:
        """Init and plan ``layer``; return the plan JSON."""
        self.init(layer)
        plan_file = self.work_dir / "plans" / f"{layer}.tfplan"
        plan_file.parent.mkdir(parents=True, exist_ok=True)
        var_file = self._var_file(layer, variables)
        self.terraform(layer, "plan", "-input=false", "-no-color", f"-var-file={var_file}", f"-out={plan_file}")
        shown = self.terraform(layer, "show", "-json", str(plan_file))
        return json.loads(shown.stdout)

    def apply(self, layer: str, variables: dict[str, Any]) -> dict[str, Any]:
        """Init, plan and apply ``layer``; return its outputs as plain values."""
        self.plan(layer, variables)
        self.terraform(layer, "apply", "-input=false", "-no-color", str(self.work_dir / "plans" / f"{layer}.tfplan"))
        return self.outputs(layer)

    def outputs(self, layer: str) -> dict[str, Any]:
        shown = self.terraform(layer, "output", "-json")
        return {name: item["value"] for name, item in json.loads(shown.stdout).items()}

    def destroy(self, layer: str, variables: dict[str, Any]) -> None:
        var_file = self._var_file(layer, variables)
        self.terraform(layer, "destroy", "-auto-approve", "-input=false", "-no-color", f"-var-file={var_file}")


def _walk(module: dict[str, Any]):
    yield from module.get("resources", [])
    for child in module.get("child_modules", []):
        yield from _walk(child)


def planned_resources(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Flatten ``planned_values`` into ``{address: attribute values}``."""
    root = plan.get("planned_values", {}).get("root_module", {})
    return {resource["address"]: resource.get("values", {}) for resource in _walk(root)}


def resources_of_type(plan: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    """``{address: values}`` of the planned resources of one type (data sources excluded)."""
    root = plan.get("planned_values", {}).get("root_module", {})
    return {
        resource["address"]: resource.get("values", {})
        for resource in _walk(root)
        if resource["type"] == resource_type and resource.get("mode") == "managed"
    }
