"""Settings read from the environment; the environment variables are the deployment contract."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

MEGABYTE = 1024 * 1024


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "imageupload-webapp"


class Settings(BaseSettings):
    """Everything the app needs to reach its three stores, with local defaults for embedded runs."""

    model_config = SettingsConfigDict(env_prefix="WEBAPP_", extra="ignore", populate_by_name=True)

    # Database: a SQLAlchemy URL, or the RDS-managed secret plus the endpoint.
    database_url: Annotated[str | None, Field(validation_alias=AliasChoices("DATABASE_URL", "database_url"))] = None
    db_secret_arn: str | None = None
    db_host: str | None = None
    db_port: int = Field(default=5432, ge=1, le=65535)
    db_name: str = "webapp"
    db_sslmode: str = "require"
    db_pool_size: int = Field(default=5, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)

    # Where local runs keep their SQLite file and image folder.
    data_dir: Path = Field(default_factory=_default_data_dir)
    efs_root: Path | None = None
    # Required to serve or reconcile; `migrate` needs only the database.
    s3_bucket: str | None = Field(default=None, min_length=3, max_length=63)

    max_upload_bytes: int = Field(default=10 * MEGABYTE, gt=0)
    max_pixels: int = Field(default=40_000_000, gt=0)
    # Uploads processed at once per worker process; the rest wait their turn (in arrival order). Enough
    # to overlap one upload's S3/EFS/RDS waits with another's image work, few enough to spare the GIL.
    upload_concurrency: int = Field(default=8, ge=1)
    # Pixels decoded at once per worker process: about 3 bytes each, twice over while re-encoding.
    decode_budget_pixels: int = Field(default=80_000_000, gt=0)
    default_phone_region: str = Field(default="US", min_length=2, max_length=2)

    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    # Longer than the ALB idle timeout (60 s), so the load balancer never reuses a connection we closed.
    keepalive_seconds: int = Field(default=75, ge=1)
    graceful_timeout_seconds: int = Field(default=30, ge=1)
    log_level: str = "INFO"
    reconcile_grace_seconds: int = Field(default=3600, ge=0)

    aws_region: Annotated[
        str | None, Field(validation_alias=AliasChoices("AWS_REGION", "AWS_DEFAULT_REGION", "aws_region"))
    ] = None
    aws_endpoint_url: Annotated[
        str | None, Field(validation_alias=AliasChoices("AWS_ENDPOINT_URL", "aws_endpoint_url"))
    ] = None

    @model_validator(mode="after")
    def _database_source_is_complete(self) -> Settings:
        if self.database_url is None and self.db_secret_arn and not self.db_host:
            raise ValueError("WEBAPP_DB_SECRET_ARN needs WEBAPP_DB_HOST (the RDS endpoint address)")
        return self

    def require_bucket(self) -> str:
        if not self.s3_bucket:
            raise MissingSetting("WEBAPP_S3_BUCKET is not set: name the S3 images bucket")
        return self.s3_bucket

    @property
    def images_root(self) -> Path:
        """The shared image folder: EFS in production, a local folder otherwise."""
        return self.efs_root if self.efs_root is not None else self.data_dir / "efs"

    @property
    def uses_rds_secret(self) -> bool:
        return self.database_url is None and self.db_secret_arn is not None

    @property
    def max_body_bytes(self) -> int:
        """The largest request body worth reading: the image plus room for the text fields."""
        return self.max_upload_bytes + FORM_OVERHEAD_BYTES


class MissingSetting(ValueError):
    """A setting this command needs was not provided."""


# Three short text fields and the multipart headers fit easily in this.
FORM_OVERHEAD_BYTES = 64 * 1024
