"""Fixtures for the backup function: its source on ``sys.path``, mocked buckets, events, a context.

Events are JSON files under ``events/`` with ``${placeholders}``; the ``events`` fixture fills them
in and wraps notifications into SQS records the way the Lambda event source mapping does.
"""

from __future__ import annotations

import hashlib
import json
import string
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import boto3
import pytest
from moto import mock_aws

LAMBDA_SRC = Path(__file__).resolve().parents[2] / "lambda_src"
EVENTS_DIR = Path(__file__).parent / "events"
if str(LAMBDA_SRC) not in sys.path:
    sys.path.insert(0, str(LAMBDA_SRC))

IMAGES_BUCKET = "imageupload-test-images"
BACKUP_BUCKET = "imageupload-test-backup"


@dataclass
class FakeLambdaContext:
    """The attributes of the Python runtime's context object that code may read."""

    function_name: str = "imageupload-test-backup"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 256
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:imageupload-test-backup"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = "/aws/lambda/imageupload-test-backup"
    log_stream_name: str = "2025/01/01/[$LATEST]0123456789abcdef"
    remaining_ms: int = 60_000

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


class Events:
    """Builds the events the function receives, from the JSON files in ``events/``."""

    def load(self, name: str, **values: Any) -> dict[str, Any]:
        text = (EVENTS_DIR / name).read_text(encoding="utf-8")
        return json.loads(string.Template(text).substitute(values) if values else text)

    def s3(
        self,
        key: str,
        *,
        bucket: str = IMAGES_BUCKET,
        size: int = 0,
        etag: str = "",
        version_id: str = "",
        sequencer: str = "",
        encoded_key: str | None = None,
    ) -> dict[str, Any]:
        """An ObjectCreated notification; the key is URL-encoded as S3 does unless given encoded."""
        return self.load(
            "s3_object_created.json",
            bucket=bucket,
            key=encoded_key if encoded_key is not None else quote_plus(key),
            size=size,
            etag=etag,
            version_id=version_id,
            sequencer=sequencer,
        )

    def sqs_record(self, body: dict[str, Any] | str, *, message_id: str | None = None) -> dict[str, Any]:
        record = self.load("sqs_record.json")
        record["body"] = body if isinstance(body, str) else json.dumps(body)
        record["messageId"] = message_id or str(uuid.uuid4())
        record["md5OfBody"] = hashlib.md5(record["body"].encode(), usedforsecurity=False).hexdigest()
        return record

    def sqs(self, *bodies: dict[str, Any] | str) -> dict[str, Any]:
        return {"Records": [self.sqs_record(body) for body in bodies]}


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def lambda_context() -> FakeLambdaContext:
    return FakeLambdaContext()


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """In-process moto; the endpoint variables are cleared so nothing leaks to a real server."""
    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    with mock_aws():
        yield


@pytest.fixture
def s3(aws: None) -> Any:
    return boto3.client("s3", region_name="us-east-1")


@pytest.fixture
def buckets(s3: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Versioned images and backup buckets, with BACKUP_BUCKET pointing at the latter."""
    for name in (IMAGES_BUCKET, BACKUP_BUCKET):
        s3.create_bucket(Bucket=name)
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    monkeypatch.setenv("BACKUP_BUCKET", BACKUP_BUCKET)
    for name in ("BACKUP_MULTIPART_THRESHOLD_BYTES", "BACKUP_PART_SIZE_BYTES", "BACKUP_BUCKET_REGION"):
        monkeypatch.delenv(name, raising=False)
    return IMAGES_BUCKET, BACKUP_BUCKET


def log_lines(output: str) -> list[dict[str, Any]]:
    """The structured lines a run printed (the function logs one JSON object per line)."""
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.fixture
def read_logs(capsys: pytest.CaptureFixture[str]):
    """Return the per-record log lines printed since the last call."""

    def read() -> list[dict[str, Any]]:
        return [line for line in log_lines(capsys.readouterr().out) if line.get("message") == "backup record"]

    return read
