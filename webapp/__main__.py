"""Command line: ``python -m webapp serve|migrate|reconcile``. Settings come from the environment."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from pydantic import ValidationError

from .config import MissingSetting, Settings
from .db import build_engine
from .logs import configure_logging
from .migrate import upgrade_to_head

logger = logging.getLogger("webapp")


def _migrate(settings: Settings) -> None:
    engine = build_engine(settings)
    try:
        upgrade_to_head(engine)
    finally:
        engine.dispose()
    logger.info("database schema is up to date")


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    from .server import serve

    settings.require_bucket()  # fail here, once, rather than in every worker
    # Once per host, before the workers fork; the advisory lock orders concurrent hosts.
    _migrate(settings)
    serve(settings, host=args.host, port=args.port, workers=args.workers or settings.workers)
    return 0


def cmd_migrate(settings: Settings, _: argparse.Namespace) -> int:
    _migrate(settings)
    return 0


def cmd_reconcile(settings: Settings, args: argparse.Namespace) -> int:
    from .reconcile import reconcile
    from .resources import build_resources

    resources = build_resources(settings)
    try:
        grace = settings.reconcile_grace_seconds if args.grace_seconds is None else args.grace_seconds
        report = reconcile(resources, grace_seconds=grace, dry_run=args.dry_run)
    finally:
        resources.close()
    print(json.dumps(report.as_dict(), indent=2))
    return 0 if report.consistent else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m webapp", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="apply pending migrations, then run the production server")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to bind (default: 8000)")
    serve.add_argument("--workers", type=int, default=None, help="worker processes (default: WEBAPP_WORKERS)")
    serve.set_defaults(handler=cmd_serve)

    migrate = commands.add_parser("migrate", help="apply pending database migrations")
    migrate.set_defaults(handler=cmd_migrate)

    reconcile = commands.add_parser(
        "reconcile", help="remove files and objects without a row; report rows missing their file or object"
    )
    reconcile.add_argument("--dry-run", action="store_true", help="report only; delete nothing")
    reconcile.add_argument(
        "--grace-seconds",
        type=int,
        default=None,
        help="leave anything younger than this alone (default: WEBAPP_RECONCILE_GRACE_SECONDS, 3600)",
    )
    reconcile.set_defaults(handler=cmd_reconcile)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        print(f"invalid configuration:\n{error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    try:
        return args.handler(settings, args)
    except MissingSetting as error:
        print(f"invalid configuration: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
