"""Run the layers of one environment in dependency order, passing outputs downstream."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cli.config import EnvironmentConfig
from cli.errors import InfraError, Interrupted, StatefulChangeRefused, TerraformFailed, UsageError
from cli.layers import ARTIFACTS, ORDER, PLACEHOLDER_OUTPUTS, UPSTREAM, Layer
from cli.paths import artifacts_dir, env_build_dir
from cli.plan_summary import PlanSummary, summarize
from cli.render import ArtifactRef, render_layer, write_atomically
from cli.terraform import Terraform, base_environment, interrupt_all

Echo = Callable[[str], None]
Confirm = Callable[[str], bool]
MANIFEST = "manifest.json"


@dataclass
class LayerPlan:
    layer: Layer
    plan_file: Path
    summary: PlanSummary
    placeholders: list[Layer]


def load_artifacts(root: Path) -> dict[str, ArtifactRef]:
    """The artifacts recorded by the last ``infra package``, with absolute paths."""
    manifest = artifacts_dir(root) / MANIFEST
    if not manifest.is_file():
        return {}
    entries = json.loads(manifest.read_text())
    return {name: ArtifactRef(str(root / item["path"]), item["sha256"]) for name, item in entries.items()}


class Stack:
    def __init__(
        self,
        env: EnvironmentConfig,
        root: Path,
        binary: str,
        echo: Echo,
        plugin_dir: Path | None = None,
    ) -> None:
        self.env = env
        self.root = root
        self.binary = binary
        self.echo = echo
        self.plugin_dir = plugin_dir
        self.env_dir = env_build_dir(env.name, root)
        self.stack_dir = self.env_dir / "stack"
        self.state_dir = self.env_dir / "state"
        self._variables: dict[str, str] | None = None

    # -- preparation -----------------------------------------------------------------------

    def prepare(self) -> None:
        """Check access to AWS (or the emulator), then stage this environment's copy of the code."""
        from cli.aws_env import aws_variables
        from cli.stage import stage_stack

        self._variables = aws_variables(self.env, self.root)
        if self.env.emulator:
            from cli.emulator.session import reconcile_session

            endpoint = self._variables["AWS_ENDPOINT_URL"]
            moved = reconcile_session(endpoint, self.env.region, self.env_dir, self.state_dir)
            if moved:
                self.echo(f"the emulator restarted empty: earlier local state moved to {moved}; starting over")
        stage_stack(self.root, self.stack_dir, self._overrides())

    def _overrides(self) -> dict[str, str]:
        if not self.env.emulator:
            return {}
        from cli.emulator.overrides import emulator_override_files

        overrides = dict(emulator_override_files())
        for layer in ORDER:
            state = self.state_dir / f"{layer.value}.tfstate"
            overrides[f"terraform/{layer.value}/backend_override.tf"] = (
                f'terraform {{\n  backend "local" {{\n    path = {json.dumps(str(state))}\n  }}\n}}\n'
            )
        return overrides

    @property
    def aws_endpoint(self) -> str | None:
        """The emulator endpoint this environment talks to; None for real AWS."""
        return (self._variables or {}).get("AWS_ENDPOINT_URL")

    def backend_config(self, layer: Layer) -> dict[str, str] | None:
        state = self.env.state
        if state.backend != "s3":
            return None
        return {
            "bucket": state.bucket or "",
            "key": f"{state.key_prefix}/{self.env.name}/{layer.value}.tfstate",
            "region": state.region or self.env.region,
            "use_lockfile": "true",
            "encrypt": "true",
        }

    def terraform(self, layer: Layer) -> Terraform:
        if self._variables is None:
            raise InfraError("internal: Stack.prepare() must run first")
        return Terraform(
            binary=self.binary,
            working_dir=self.stack_dir / "terraform" / layer.value,
            data_dir=self.env_dir / "tfdata" / layer.value,
            env=base_environment(self._variables),
            label=f"{self.env.name}/{layer.value}",
            echo=self.echo,
        )

    def _init_fingerprint(self, layer: Layer) -> str:
        from cli.stage import module_closure

        digest = hashlib.sha256()
        digest.update(json.dumps([self.binary, str(self.plugin_dir), self.backend_config(layer)]).encode())
        for directory in module_closure(self.stack_dir / "terraform" / layer.value):
            for path in sorted(directory.glob("*.tf")):
                digest.update(str(path.relative_to(self.stack_dir.resolve())).encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()

    def ensure_init(self, layer: Layer) -> Terraform:
        """Init only when the code, backend or provider source changed since the last init."""
        terraform = self.terraform(layer)
        marker = terraform.data_dir / "infra-init.sha256"
        fingerprint = self._init_fingerprint(layer)
        lock_file = terraform.working_dir / ".terraform.lock.hcl"
        if marker.is_file() and marker.read_text() == fingerprint and lock_file.is_file():
            return terraform
        terraform.init(plugin_dir=self.plugin_dir, backend_config=self.backend_config(layer))
        marker.write_text(fingerprint)
        return terraform

    # -- inputs ----------------------------------------------------------------------------

    def outputs(self, layer: Layer) -> dict[str, Any]:
        """The layer's outputs; empty when it has not been applied."""
        return self.ensure_init(layer).output()

    def _artifacts_for(self, layer: Layer) -> dict[str, ArtifactRef]:
        available = load_artifacts(self.root)
        present = {name for name, artifact in available.items() if Path(artifact.path).is_file()}
        missing = [name for name in ARTIFACTS[layer] if name not in present]
        if missing:
            raise UsageError(f"{layer.value} needs the {', '.join(missing)} artifact: run `infra package` first")
        return available

    def render(self, layer: Layer, upstream: dict[Layer, dict[str, Any]]) -> Path:
        content = render_layer(self.env, layer, upstream, self._artifacts_for(layer))
        path = self.env_dir / "tfvars" / f"{layer.value}.tfvars"
        write_atomically(path, content)
        return path

    def resolve_upstream(self, layer: Layer, known: dict[Layer, dict[str, Any]], *, allow_placeholders: bool):
        upstream: dict[Layer, dict[str, Any]] = {}
        placeholders: list[Layer] = []
        for source in UPSTREAM[layer]:
            values = known.get(source) or {}
            if not values:
                if not allow_placeholders:
                    raise UsageError(
                        f"{layer.value} needs the outputs of {source.value}, which is not applied in "
                        f"{self.env.name}: apply {source.value} first (or use --all)"
                    )
                values = PLACEHOLDER_OUTPUTS[source]
                placeholders.append(source)
            upstream[source] = values
        return upstream, placeholders

    # -- commands --------------------------------------------------------------------------

    def _parallel(self, function: Callable[[Layer], Any], layers: Iterable[Layer]) -> dict[Layer, Any]:
        layers = list(layers)
        if not layers:
            return {}
        with ThreadPoolExecutor(max_workers=len(layers)) as pool:
            futures = {layer: pool.submit(function, layer) for layer in layers}
            try:
                return {layer: future.result() for layer, future in futures.items()}
            except KeyboardInterrupt:
                interrupt_all()
                raise Interrupted("interrupted; running Terraform processes were asked to stop") from None

    def plan(self, layers: list[Layer]) -> list[LayerPlan]:
        """Plan ``layers`` side by side; unapplied upstream layers are stood in by placeholders."""
        self.prepare()
        needed = [layer for layer in ORDER if layer in layers or any(layer in UPSTREAM[x] for x in layers)]
        self._parallel(self.ensure_init, needed)
        sources = [layer for layer in needed if any(layer in UPSTREAM[x] for x in layers)]
        known = self._parallel(self.outputs, sources)

        def plan_one(layer: Layer) -> LayerPlan:
            upstream, placeholders = self.resolve_upstream(layer, known, allow_placeholders=True)
            return self._plan_layer(layer, upstream, placeholders)

        planned = self._parallel(plan_one, layers)
        return [planned[layer] for layer in layers]

    def _plan_layer(
        self, layer: Layer, upstream: dict[Layer, dict[str, Any]], placeholders: list[Layer], destroy: bool = False
    ) -> LayerPlan:
        terraform = self.ensure_init(layer)
        var_file = self.render(layer, upstream)
        plan_file = self.env_dir / "plans" / f"{layer.value}.tfplan"
        terraform.plan(var_file=var_file, out=plan_file, destroy=destroy)
        summary = summarize(terraform.show_json(plan_file))
        meta = {"placeholders": [item.value for item in placeholders], "destroy": destroy}
        write_atomically(plan_file.with_suffix(".json"), json.dumps(meta))
        return LayerPlan(layer, plan_file, summary, placeholders)

    def apply(
        self,
        layers: list[Layer],
        *,
        confirm: Confirm | None,
        allow_destroy_stateful: bool,
        on_plan: Callable[[LayerPlan], None],
    ) -> list[LayerPlan]:
        """Plan and apply each layer in order; ``confirm`` None means auto-approve."""
        self.prepare()
        self._parallel(self.ensure_init, [layer for layer in ORDER if layer in layers])
        known: dict[Layer, dict[str, Any]] = {}
        applied: list[LayerPlan] = []
        for layer in layers:
            for source in UPSTREAM[layer]:
                if source not in known:
                    known[source] = self.outputs(source)
            upstream, _ = self.resolve_upstream(layer, known, allow_placeholders=False)
            planned = self._plan_layer(layer, upstream, [])
            on_plan(planned)
            if planned.summary.stateful_losses and not allow_destroy_stateful:
                raise StatefulChangeRefused(
                    f"{self.env.name}/{layer.value} would destroy or replace stateful resources "
                    f"({', '.join(planned.summary.stateful_losses)}); nothing was applied. "
                    "Re-run with --allow-destroy-stateful if that is intended"
                )
            if planned.summary.has_changes:
                if confirm is not None and not confirm(f"Apply these changes to {self.env.name}/{layer.value}?"):
                    raise UsageError(f"apply of {self.env.name}/{layer.value} cancelled; nothing was applied")
                try:
                    self.ensure_init(layer).apply_plan(planned.plan_file)
                except TerraformFailed:
                    if not self.env.emulator:
                        raise
                    # moto handles concurrent calls racily (a security group rule now and then); Terraform
                    # has recorded what it created, so a fresh plan finishes the rest. Once, emulator only.
                    self.echo(f"[{self.env.name}/{layer.value}] apply failed on the emulator: planning again, once")
                    planned = self._plan_layer(layer, upstream, [])
                    on_plan(planned)
                    if planned.summary.stateful_losses and not allow_destroy_stateful:
                        raise
                    self.ensure_init(layer).apply_plan(planned.plan_file)
            known[layer] = self.outputs(layer)
            applied.append(planned)
        return applied

    def destroy(self, layers: list[Layer], *, confirm: Confirm | None) -> list[Layer]:
        """Destroy ``layers`` in reverse dependency order; layers with no resources are skipped."""
        self.prepare()
        ordered = [layer for layer in reversed(ORDER) if layer in layers]
        self._parallel(self.ensure_init, ordered)
        destroyed: list[Layer] = []
        for layer in ordered:
            terraform = self.ensure_init(layer)
            if not terraform.state_list():
                self.echo(f"[{self.env.name}/{layer.value}] nothing to destroy")
                continue
            known = {source: self.outputs(source) for source in UPSTREAM[layer]}
            upstream, _ = self.resolve_upstream(layer, known, allow_placeholders=True)
            if confirm is not None and not confirm(f"Destroy every resource of {self.env.name}/{layer.value}?"):
                raise UsageError(f"destroy of {self.env.name}/{layer.value} cancelled")
            terraform.destroy(var_file=self.render(layer, upstream))
            destroyed.append(layer)
        if self.env.emulator and set(layers) == set(ORDER):
            from cli.emulator.session import forget_session

            forget_session(self._variables["AWS_ENDPOINT_URL"], self.env.region)
            (self.env_dir / "emulator-session").unlink(missing_ok=True)
        return destroyed

    def output(self, layer: Layer) -> dict[str, Any]:
        self.prepare()
        return self.outputs(layer)

    def drift(self, layers: list[Layer]) -> dict[Layer, list]:
        """Plans of the applied ``layers``, side by side, read for drift Terraform would put back."""
        from cli.drift import drifted_resources

        self.prepare()
        needed = [layer for layer in ORDER if layer in layers or any(layer in UPSTREAM[x] for x in layers)]
        self._parallel(self.ensure_init, needed)
        known = self._parallel(self.outputs, needed)

        def refresh(layer: Layer) -> list:
            if not known.get(layer):
                return []
            terraform = self.ensure_init(layer)
            upstream, _ = self.resolve_upstream(layer, known, allow_placeholders=True)
            plan_file = self.env_dir / "plans" / f"{layer.value}.drift.tfplan"
            changed = terraform.plan(var_file=self.render(layer, upstream), out=plan_file)
            return drifted_resources(terraform.show_json(plan_file)) if changed else []

        return self._parallel(refresh, layers)

    def apply_saved(self, layer: Layer) -> None:
        """Apply the plan saved by ``infra plan``, refusing one made with placeholders."""
        self.prepare()
        plan_file = self.env_dir / "plans" / f"{layer.value}.tfplan"
        meta_file = plan_file.with_suffix(".json")
        if not plan_file.is_file() or not meta_file.is_file():
            raise UsageError(f"no saved plan for {self.env.name}/{layer.value}: run `infra plan` first")
        meta = json.loads(meta_file.read_text())
        if meta.get("placeholders"):
            raise UsageError(
                f"the saved plan of {self.env.name}/{layer.value} used placeholder outputs of "
                f"{', '.join(meta['placeholders'])}; it can only be looked at, never applied"
            )
        self.ensure_init(layer).apply_plan(plan_file)
