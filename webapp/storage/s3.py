"""The S3 images bucket."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.config import Config

from ..config import Settings
from .keys import PREFIX, parse_key


@dataclass(frozen=True)
class StoredObject:
    key: str
    modified: float


def make_s3_client(settings: Settings) -> Any:
    """One client per process; boto3 clients are thread-safe and reuse their connection pool."""
    config = Config(
        retries={"mode": "standard", "max_attempts": 3},
        connect_timeout=5,
        read_timeout=30,
        # Each worker runs uploads on a thread pool; give every thread its own pooled connection.
        max_pool_connections=64,
    )
    return boto3.session.Session().client(
        "s3", region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url, config=config
    )


class S3Store:
    def __init__(self, client: Any, bucket: str) -> None:
        self.client = client
        self.bucket = bucket

    def put(self, key: str, data: bytes, *, content_type: str, upload_id: str, sha256_hex: str) -> None:
        if parse_key(key) is None:
            raise ValueError(f"not an image key: {key!r}")
        self.client.put_object(
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
            Metadata={"upload-id": upload_id, "sha256": sha256_hex},
            # S3 verifies the bytes it received against the digest we already have.
            ChecksumSHA256=base64.b64encode(bytes.fromhex(sha256_hex)).decode("ascii"),
        )

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def iter_objects(self) -> Iterator[StoredObject]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=PREFIX):
            for item in page.get("Contents", []):
                yield StoredObject(key=item["Key"], modified=item["LastModified"].timestamp())

    def check_reachable(self) -> None:
        """A one-key listing of our prefix: needs only the prefix-scoped ListBucket the instances get."""
        self.client.list_objects_v2(Bucket=self.bucket, Prefix=PREFIX, MaxKeys=1)
