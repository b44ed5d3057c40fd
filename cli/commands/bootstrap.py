"""infra bootstrap: the state bucket of a real environment."""

from __future__ import annotations

from cli.console import console, reported_errors
from cli.options import Env


def bootstrap(env: Env):
    """Create the environment's Terraform state bucket: versioned, KMS-encrypted, private, TLS-only."""
    from cli.aws_env import require_credentials
    from cli.bootstrap import bootstrap_state_bucket
    from cli.config import load_environment
    from cli.paths import repo_root

    with reported_errors():
        config = load_environment(env, repo_root())
        if config.emulator:
            from cli.errors import UsageError

            raise UsageError(f"{env} runs on the emulator and keeps its state locally; nothing to bootstrap")
        require_credentials(config)
        bucket = bootstrap_state_bucket(config)
        console().print(f"[green]state bucket ready[/]: s3://{bucket} ({config.state.region})")
