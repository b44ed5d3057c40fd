"""Find a local provider mirror so `terraform init` works without reaching a registry.

Order: ``INFRA_TF_PLUGIN_DIR``; then the usual implied mirror locations Terraform itself
searches; then a few places packagers put mirrors. ``None`` means: let Terraform use the registry.
"""

from __future__ import annotations

import os
from pathlib import Path

_PROVIDER = Path("registry.terraform.io/hashicorp/aws")


def _candidates() -> list[Path]:
    home = Path.home()
    xdg = os.environ.get("XDG_DATA_HOME", str(home / ".local/share"))
    return [
        home / ".terraform.d/plugins",
        Path(xdg) / "terraform/plugins",
        Path("/usr/local/share/terraform/plugins"),
        Path("/usr/share/terraform/plugins"),
        Path("/opt/tf-plugins"),
        Path("/opt/terraform/plugins"),
    ]


def provider_plugin_dir() -> Path | None:
    """The first directory that holds an unpacked or packed hashicorp/aws provider."""
    configured = os.environ.get("INFRA_TF_PLUGIN_DIR")
    if configured:
        return Path(configured)
    for candidate in _candidates():
        if (candidate / _PROVIDER).is_dir():
            return candidate
    return None
