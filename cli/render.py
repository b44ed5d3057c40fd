"""Render each layer's tfvars from its Jinja2 template, with StrictUndefined and HCL-safe values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cli.config import EnvironmentConfig
from cli.layers import Layer

TEMPLATES_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class ArtifactRef:
    """What a template needs to know of a packaged artifact."""

    path: str
    sha256: str

    @property
    def base64sha256(self) -> str:
        import base64

        return base64.b64encode(bytes.fromhex(self.sha256)).decode()


def _environment():
    import jinja2

    from cli.hcl import encode

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - HCL, not HTML; every value goes through the hcl filter.
        keep_trailing_newline=True,
    )

    def hcl(value: Any) -> str:
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()
        return encode(value)

    environment.filters["hcl"] = hcl
    return environment


def render_layer(
    env: EnvironmentConfig,
    layer: Layer,
    upstream: Mapping[Layer, Mapping[str, Any]],
    artifacts: Mapping[str, ArtifactRef],
) -> str:
    """The tfvars text of ``layer``; a missing upstream value or artifact raises, never renders empty."""
    import jinja2

    from cli.errors import ConfigError

    context: dict[str, Any] = {"env": env, "artifacts": artifacts}
    context.update({upstream_layer.value: values for upstream_layer, values in upstream.items()})
    try:
        return _environment().get_template(f"{layer.value}.tfvars.j2").render(context)
    except jinja2.UndefinedError as error:
        raise ConfigError(f"cannot render {layer.value} tfvars for {env.name}: {error.message}") from None


def write_atomically(path: Path, content: str) -> None:
    """Write via a temporary file and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(content)
    temporary.replace(path)
