"""How Terraform and boto3 reach AWS for an environment: the emulator or real credentials."""

from __future__ import annotations

from pathlib import Path

from cli.config import EnvironmentConfig
from cli.errors import CredentialsMissing

EMULATOR_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}


def emulator_variables(endpoint: str) -> dict[str, str]:
    """Point the AWS provider and SDKs at the emulator, with no change to the layer code."""
    return {
        "AWS_ENDPOINT_URL": endpoint,
        **EMULATOR_CREDENTIALS,
        # An API the emulator lacks then fails in a second instead of retrying for minutes.
        "AWS_MAX_ATTEMPTS": "1",
        "AWS_RETRY_MODE": "standard",
    }


def aws_variables(env: EnvironmentConfig, root: Path) -> dict[str, str]:
    """Environment variables for Terraform; raises when the environment cannot reach AWS."""
    if env.emulator:
        from cli.emulator.server import require_endpoint

        return emulator_variables(require_endpoint(root))
    require_credentials(env)
    return {"AWS_PROFILE": env.aws_profile} if env.aws_profile else {}


def require_credentials(env: EnvironmentConfig) -> None:
    import boto3
    import botocore.exceptions

    try:
        credentials = boto3.Session(profile_name=env.aws_profile).get_credentials()
    except botocore.exceptions.ProfileNotFound:
        message = f"AWS profile {env.aws_profile!r} of environment {env.name!r} does not exist"
        raise CredentialsMissing(message) from None
    if credentials is None:
        raise CredentialsMissing(
            f"no AWS credentials for environment {env.name!r}: set AWS_PROFILE or "
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or aws_profile in its envs file)"
        )
