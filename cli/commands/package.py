"""infra package: build the backup function zip and the web app bundle, reproducibly."""

from __future__ import annotations

import json

import typer

from cli.console import console, reported_errors
from cli.options import JsonOutput


def package(json_output: JsonOutput = False):
    """Build build/artifacts/backup.zip and webapp.tar.gz; print their paths and sha256."""
    from cli.artifacts import build_all
    from cli.paths import artifacts_dir, repo_root
    from cli.render import write_atomically

    with reported_errors():
        root = repo_root()
        built = build_all(root, artifacts_dir(root))
        manifest = {name: artifact.to_json(root) for name, artifact in sorted(built.items())}
        write_atomically(artifacts_dir(root) / "manifest.json", json.dumps(manifest, indent=2) + "\n")
        if json_output:
            typer.echo(json.dumps(manifest, indent=2))
            return
        for name, entry in manifest.items():
            console().print(f"[green]{name}[/] {entry['path']}  sha256 {entry['sha256']}")
