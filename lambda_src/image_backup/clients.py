"""S3 clients, built on first use and kept for the life of the execution environment.

Nothing is created at import time: tests start their emulator first, and a warm Lambda reuses
its connections. The cache key includes the endpoint so a test or local run that points
``AWS_ENDPOINT_URL`` elsewhere gets a client of its own.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from .batch import S3Clients
from .settings import Settings


def s3_clients(settings: Settings) -> S3Clients:
    endpoint = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    pool = max(10, settings.max_workers * 4)
    source = _client(None, endpoint, pool)
    target = _client(settings.backup_region, endpoint, pool) if settings.backup_region else source
    return S3Clients(source=source, target=target)


@functools.cache
def _client(region: str | None, endpoint: str | None, pool: int) -> Any:
    import boto3
    from botocore.config import Config

    config = Config(retries={"mode": "standard"}, max_pool_connections=pool)
    return boto3.client("s3", region_name=region, endpoint_url=endpoint, config=config)
