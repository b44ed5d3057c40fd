"""The whole backup pipeline on moto server: bucket notification → SQS → packaged zip → backup bucket.

The ``pipeline`` fixture builds the resources with boto3; everything else reads names and limits from
it, so the same tests can run against the queue and buckets a Terraform apply created.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest

from cli.artifacts import build_backup_zip
from cli.backup_worker import WorkerStats, run_worker
from cli.paths import repo_root

REGION = "us-east-1"
MAX_RECEIVE_COUNT = 2
VISIBILITY_TIMEOUT = 3
DEADLINE_SECONDS = 60


@dataclass(frozen=True)
class Pipeline:
    endpoint: str
    images_bucket: str
    backup_bucket: str
    queue_url: str
    dlq_url: str
    max_receive_count: int
    visibility_timeout: int


@pytest.fixture
def pipeline(aws_env: str) -> Pipeline:
    """Images and backup buckets, a queue with a DLQ after two receives, and the bucket notification."""
    s3 = boto3.client("s3", region_name=REGION, endpoint_url=aws_env)
    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=aws_env)
    prefix = f"it-{uuid.uuid4().hex[:10]}"
    images, backup = f"{prefix}-images", f"{prefix}-backup"
    for bucket in (images, backup):
        s3.create_bucket(Bucket=bucket)
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    dlq_url = sqs.create_queue(QueueName=f"{prefix}-backup-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    queue_url = sqs.create_queue(
        QueueName=f"{prefix}-backup",
        Attributes={
            "VisibilityTimeout": str(VISIBILITY_TIMEOUT),
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": MAX_RECEIVE_COUNT}),
        },
    )["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.put_bucket_notification_configuration(
        Bucket=images,
        NotificationConfiguration={"QueueConfigurations": [{"QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"]}]},
    )
    return Pipeline(aws_env, images, backup, queue_url, dlq_url, MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT)


@pytest.fixture
def packaged_zip(tmp_path: Path) -> Path:
    return build_backup_zip(repo_root(), tmp_path / "artifacts").path


def work_until(pipeline: Pipeline, zip_path: Path, done: Callable[[], bool]) -> WorkerStats:
    """Run the worker one poll at a time until ``done()``; fail after a generous deadline."""
    total = WorkerStats()
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not done():
        assert time.monotonic() < deadline, f"the pipeline did not settle within {DEADLINE_SECONDS} s: {total}"
        stats = run_worker(
            queue_url=pipeline.queue_url,
            zip_path=zip_path,
            backup_bucket=pipeline.backup_bucket,
            endpoint_url=pipeline.endpoint,
            region=REGION,
            visibility_timeout=pipeline.visibility_timeout,
            max_batches=1,
            wait_seconds=1,
        )
        for name, value in stats.as_dict().items():
            setattr(total, name, getattr(total, name) + value)
    return total


def test_an_uploaded_image_is_backed_up_by_the_packaged_function(pipeline: Pipeline, packaged_zip: Path) -> None:
    s3 = boto3.client("s3", region_name=REGION, endpoint_url=pipeline.endpoint)
    body = os.urandom(256 * 1024)
    key = "uploads/2025/01/photo of the day+1.png"
    s3.put_object(Bucket=pipeline.images_bucket, Key=key, Body=body, ContentType="image/png")

    def backed_up() -> bool:
        listed = s3.list_objects_v2(Bucket=pipeline.backup_bucket, Prefix=key)
        return listed.get("KeyCount", 0) > 0

    stats = work_until(pipeline, packaged_zip, backed_up)

    copy = s3.get_object(Bucket=pipeline.backup_bucket, Key=key)
    assert copy["Body"].read() == body
    assert copy["ContentType"] == "image/png"
    assert stats.failed == 0


def test_a_poison_message_ends_in_the_dlq_after_max_receive_count(pipeline: Pipeline, packaged_zip: Path) -> None:
    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=pipeline.endpoint)
    sqs.purge_queue(QueueUrl=pipeline.queue_url)  # drop the s3:TestEvent so only the poison is counted
    poison = json.dumps({"Records": [{"eventSource": "aws:s3", "s3": {"object": {"key": "no-bucket.jpg"}}}]})
    sqs.send_message(QueueUrl=pipeline.queue_url, MessageBody=poison)
    in_dlq: list[dict[str, Any]] = []

    def dead_lettered() -> bool:
        in_dlq.extend(sqs.receive_message(QueueUrl=pipeline.dlq_url, WaitTimeSeconds=0).get("Messages", []))
        return bool(in_dlq)

    stats = work_until(pipeline, packaged_zip, dead_lettered)

    assert [message["Body"] for message in in_dlq] == [poison]
    assert stats.received == stats.failed == pipeline.max_receive_count
    assert stats.deleted == 0
