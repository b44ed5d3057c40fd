"""Domain errors. Logic raises these; only the command layer turns them into a red line and an exit code."""

from __future__ import annotations


class InfraError(Exception):
    """An expected failure with a message fit for one line on the terminal."""

    exit_code = 1


class ConfigError(InfraError):
    """An environment file is missing, unknown or invalid."""

    exit_code = 2


class UsageError(InfraError):
    """The command's arguments do not make sense together."""

    exit_code = 2


class TerraformNotFound(InfraError):
    """The Terraform/OpenTofu binary is not installed or not executable."""

    exit_code = 127


class TerraformFailed(InfraError):
    """Terraform itself exited non-zero."""


class EmulatorNotRunning(InfraError):
    """The local environment needs a reachable moto server."""


class CredentialsMissing(InfraError):
    """A real environment was used without AWS credentials."""


class StatefulChangeRefused(InfraError):
    """A plan would destroy or replace a database, file system or bucket."""


class Interrupted(InfraError):
    """The user pressed Ctrl-C; Terraform was asked to stop cleanly."""

    exit_code = 130
