"""``python -m cli`` runs the same CLI as ``infra``."""

from cli.main import app

app(prog_name="infra")
