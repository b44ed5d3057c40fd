"""The CLI's tfvars templates and placeholder outputs agree with the layer roots they feed."""

from __future__ import annotations

import re

import pytest

from cli.config import load_environment
from cli.layers import ORDER, PLACEHOLDER_OUTPUTS, Layer
from cli.paths import repo_root
from cli.render import ArtifactRef, render_layer

_BLOCK = re.compile(r'^(variable|output) "(\w+)" \{(.*?)^\}', re.MULTILINE | re.DOTALL)


def _declared(layer: Layer, kind: str) -> dict[str, str]:
    root = repo_root() / "terraform" / layer.value
    found: dict[str, str] = {}
    for file in root.glob("*.tf"):
        for block_kind, name, body in _BLOCK.findall(file.read_text()):
            if block_kind == kind:
                found[name] = body
    return found


def _rendered_keys(layer: Layer) -> set[str]:
    artifacts = {"backup": ArtifactRef("/b.zip", "00" * 32), "webapp": ArtifactRef("/w.tgz", "11" * 32)}
    text = render_layer(load_environment("prod", repo_root()), layer, PLACEHOLDER_OUTPUTS, artifacts)
    return set(re.findall(r"^(\w+)\s*=", text, re.MULTILINE))


@pytest.mark.parametrize("layer", ORDER, ids=lambda layer: layer.value)
def test_tfvars_set_exactly_declared_variables(layer: Layer) -> None:
    variables = _declared(layer, "variable")
    rendered = _rendered_keys(layer)
    assert rendered <= set(variables), f"undeclared: {rendered - set(variables)}"
    required = {name for name, body in variables.items() if not re.search(r"^\s*default\s*=", body, re.MULTILINE)}
    assert required <= rendered, f"never set: {required - rendered}"


@pytest.mark.parametrize("layer", ORDER[:-1], ids=lambda layer: layer.value)
def test_placeholders_stand_for_real_outputs(layer: Layer) -> None:
    assert set(PLACEHOLDER_OUTPUTS[layer]) <= set(_declared(layer, "output"))
