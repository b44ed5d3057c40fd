"""infra diagram draws PNG and SVG with Graphviz from the environment's config."""

from __future__ import annotations

import html
from pathlib import Path

from tests.support.cli import run_infra


def test_diagram_of_prod(project_root: Path, tmp_path: Path) -> None:
    result = run_infra(project_root, "diagram", "prod", "--output-dir", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    png = (tmp_path / "out" / "architecture.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 50_000
    svg = html.unescape((tmp_path / "out" / "architecture.svg").read_text())
    for label in (
        "www.proje.com",
        "min 3 / max 5",
        "CPU > 90%",
        "eu-west-1a",
        "eu-west-1c",
        "eu-central-1",
        "RDS standby",
        "backup function",
        "10.40.0.0/16",
    ):
        assert label in svg, label
    assert "config only" in result.stdout
