"""Environment configuration: one YAML file per environment under ``envs/``, validated by pydantic."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from cli.errors import ConfigError

_NAME = re.compile(r"^[a-z][a-z0-9-]{0,19}$")
_DOMAIN = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_REGION = re.compile(r"^[a-z]{2}(-gov)?-[a-z]+-\d$")
Region = Annotated[str, Field(pattern=_REGION.pattern)]
Percent = Annotated[int, Field(ge=1, le=99)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DnsConfig(_Strict):
    domain: str = Field(description="Apex domain, for example proje.com.")
    host: str = "www"
    create_zone: bool = True
    include_apex: bool = False

    @field_validator("domain")
    @classmethod
    def _domain(cls, value: str) -> str:
        if not _DOMAIN.match(value):
            raise ValueError("must be a lowercase DNS name such as proje.com")
        return value

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        if not re.match(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", value):
            raise ValueError("must be one DNS label such as www")
        return value

    @property
    def site_name(self) -> str:
        return f"{self.host}.{self.domain}"


class NetworkConfig(_Strict):
    vpc_cidr: str = "10.20.0.0/16"
    az_count: Annotated[int, Field(ge=3, le=6)] = 3
    # Explicit zone names; by default the region's first az_count zones (a, b, c, ...).
    availability_zones: list[str] | None = None
    flow_log_retention_days: int = 365

    @field_validator("vpc_cidr")
    @classmethod
    def _cidr(cls, value: str) -> str:
        network = ipaddress.ip_network(value, strict=True)
        if network.version != 4 or network.prefixlen > 20:
            raise ValueError("must be an IPv4 CIDR of /20 or larger, for example 10.20.0.0/16")
        return str(network)


class ComputeConfig(_Strict):
    instance_type: str = "t3.small"
    min_size: Annotated[int, Field(ge=3)] = 3
    max_size: Annotated[int, Field(ge=3, le=100)] = 5
    desired_capacity: int = 3
    scale_out_cpu: Percent = 90
    scale_in_cpu: Percent = 30
    app_port: Annotated[int, Field(ge=1024, le=65535)] = 8000
    health_check_grace_period: Annotated[int, Field(ge=0, le=3600)] = 300
    python_version: Literal["3.11", "3.12"] = "3.11"

    @model_validator(mode="after")
    def _sizes(self) -> ComputeConfig:
        if not self.min_size <= self.desired_capacity <= self.max_size:
            raise ValueError("needs min_size <= desired_capacity <= max_size")
        if self.scale_in_cpu >= self.scale_out_cpu:
            raise ValueError("scale_in_cpu must be lower than scale_out_cpu")
        return self


class DatabaseConfig(_Strict):
    engine: Literal["postgres"] = "postgres"
    # A major version only: auto minor upgrades move the patch level, which must not read as drift.
    engine_version: str = "16"
    instance_class: str = "db.t4g.micro"
    allocated_storage: Annotated[int, Field(ge=20, le=65536)] = 20
    max_allocated_storage: Annotated[int, Field(ge=20, le=65536)] = 100
    multi_az: bool = False
    backup_retention_days: Annotated[int, Field(ge=7, le=35)] = 7
    deletion_protection: bool = False
    skip_final_snapshot: bool = True
    performance_insights_enabled: bool = True
    monitoring_interval: Literal[0, 1, 5, 10, 15, 30, 60] = 60
    identifier: str | None = None
    db_name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,62}$")] = "imageupload"


class BackupConfig(_Strict):
    bucket_region: Region
    max_receive_count: Annotated[int, Field(ge=1, le=1000)] = 5


class EdgeConfig(_Strict):
    price_class: Literal["PriceClass_All", "PriceClass_200", "PriceClass_100"] = "PriceClass_100"
    wait_for_deployment: bool = True
    rate_limit_per_5min: Annotated[int, Field(ge=100)] = 2000
    max_upload_bytes: Annotated[int, Field(ge=1024)] = 10 * 1024 * 1024


class StateConfig(_Strict):
    backend: Literal["local", "s3"] = "s3"
    bucket: str | None = None
    region: Region | None = None
    key_prefix: str = "imageupload"

    @model_validator(mode="after")
    def _s3_needs_bucket(self) -> StateConfig:
        if self.backend == "s3" and not (self.bucket and self.region):
            raise ValueError("the s3 backend needs bucket and region")
        return self


class EnvironmentConfig(_Strict):
    name: str
    region: Region
    emulator: bool = False
    aws_profile: str | None = None
    dns: DnsConfig
    network: NetworkConfig = Field(default_factory=NetworkConfig)
    compute: ComputeConfig = Field(default_factory=ComputeConfig)
    database: DatabaseConfig = Field(default_factory=DatabaseConfig)
    backup: BackupConfig
    edge: EdgeConfig = Field(default_factory=EdgeConfig)
    state: StateConfig
    tags: dict[str, str] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("must be 1-20 lowercase letters, digits or hyphens, starting with a letter")
        return value

    @model_validator(mode="after")
    def _emulator_keeps_state_locally(self) -> EnvironmentConfig:
        if self.emulator and self.state.backend != "local":
            raise ValueError("an emulator environment keeps its state locally: set state.backend to local")
        if not self.emulator and self.state.backend != "s3":
            raise ValueError("a real environment needs the s3 state backend")
        return self

    @model_validator(mode="after")
    def _zones_in_region(self) -> EnvironmentConfig:
        zones = self.network.availability_zones
        if zones is None:
            return self
        if len(zones) != self.network.az_count or len(set(zones)) != len(zones):
            raise ValueError(f"network.availability_zones must list {self.network.az_count} distinct zones")
        outside = [zone for zone in zones if not re.match(rf"^{re.escape(self.region)}[a-z]$", zone)]
        if outside:
            raise ValueError(f"network.availability_zones {outside} are not zones of {self.region}")
        return self

    @property
    def availability_zones(self) -> list[str]:
        """The zones the VPC spans: pinned, so a zone AWS adds later never changes the layout."""
        if self.network.availability_zones:
            return list(self.network.availability_zones)
        return [f"{self.region}{letter}" for letter in "abcdef"[: self.network.az_count]]

    @property
    def name_prefix(self) -> str:
        return f"imageupload-{self.name}"

    @property
    def all_tags(self) -> dict[str, str]:
        return {"Project": "imageupload", "Environment": self.name, "ManagedBy": "infra", **self.tags}


def envs_dir(root: Path) -> Path:
    return root / "envs"


def known_environments(root: Path) -> list[str]:
    return sorted(path.stem for path in envs_dir(root).glob("*.yaml"))


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    location = ".".join(str(part) for part in first["loc"]) or "(top level)"
    message = first["msg"].removeprefix("Value error, ")
    more = len(error.errors()) - 1
    suffix = f" (and {more} more)" if more else ""
    return f"{location}: {message}{suffix}"


def load_environment(name: str, root: Path) -> EnvironmentConfig:
    """Read and validate ``envs/<name>.yaml``; any problem raises one ConfigError naming file and field."""
    import yaml

    path = envs_dir(root) / f"{name}.yaml"
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    if not _NAME.match(name) or not path.is_file():
        known = ", ".join(known_environments(root)) or "none"
        raise ConfigError(f"unknown environment {name!r} (known: {known})")
    try:
        data = yaml.safe_load(path.read_text())
    except yaml.YAMLError as error:
        raise ConfigError(f"{shown}: not valid YAML: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}: must be a mapping of settings")
    data.setdefault("name", name)
    if data["name"] != name:
        raise ConfigError(f"{shown}: name: must be {name!r} to match the file name")
    try:
        return EnvironmentConfig.model_validate(data)
    except ValidationError as error:
        raise ConfigError(f"{shown}: {_describe(error)}") from None
