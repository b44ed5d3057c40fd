"""Configuration read from the function's environment, checked once per invocation."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

MIB = 1024 * 1024
GIB = 1024 * MIB
# CopyObject refuses sources above 5 GiB; UploadPartCopy parts must be 5 MiB to 5 GiB.
COPY_OBJECT_LIMIT = 5 * GIB
MIN_PART_SIZE = 5 * MIB
MAX_PART_SIZE = 5 * GIB


class ConfigurationError(ValueError):
    """The environment does not describe a usable backup target."""


@dataclass(frozen=True)
class Settings:
    backup_bucket: str
    backup_region: str | None = None
    multipart_threshold: int = COPY_OBJECT_LIMIT
    part_size: int = 512 * MIB
    max_workers: int = 10

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        bucket = env.get("BACKUP_BUCKET", "").strip()
        if not bucket:
            raise ConfigurationError("BACKUP_BUCKET is not set; the function has nowhere to copy to")
        settings = cls(
            backup_bucket=bucket,
            backup_region=env.get("BACKUP_BUCKET_REGION") or None,
            multipart_threshold=_int(env, "BACKUP_MULTIPART_THRESHOLD_BYTES", cls.multipart_threshold),
            part_size=_int(env, "BACKUP_PART_SIZE_BYTES", cls.part_size),
            max_workers=_int(env, "BACKUP_MAX_WORKERS", cls.max_workers),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        if not MIN_PART_SIZE <= self.multipart_threshold <= COPY_OBJECT_LIMIT:
            raise ConfigurationError(
                f"BACKUP_MULTIPART_THRESHOLD_BYTES must be between {MIN_PART_SIZE} and {COPY_OBJECT_LIMIT}, "
                f"got {self.multipart_threshold}"
            )
        if not MIN_PART_SIZE <= self.part_size <= MAX_PART_SIZE:
            raise ConfigurationError(
                f"BACKUP_PART_SIZE_BYTES must be between {MIN_PART_SIZE} and {MAX_PART_SIZE}, got {self.part_size}"
            )
        if self.max_workers < 1:
            raise ConfigurationError(f"BACKUP_MAX_WORKERS must be at least 1, got {self.max_workers}")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be an integer number of bytes, got {raw!r}") from None
