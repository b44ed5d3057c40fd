"""The local SQS poller: it must treat the function's answer exactly as the Lambda event source mapping does."""

from __future__ import annotations

import json
import threading
import uuid
import zipfile
from pathlib import Path
from typing import Any

import boto3
import pytest

from cli.artifacts import build_backup_zip
from cli.backup_worker import WorkerError, run_worker, sqs_event
from cli.paths import repo_root

REGION = "us-east-1"


@pytest.fixture
def sqs(aws_env: str) -> Any:
    return boto3.client("sqs", region_name=REGION, endpoint_url=aws_env)


@pytest.fixture
def queue(sqs: Any) -> dict[str, str]:
    """A queue with a DLQ after two receives, named uniquely on the shared emulator."""
    name = f"worker-{uuid.uuid4().hex[:10]}"
    dlq_url = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"})
    url = sqs.create_queue(QueueName=name, Attributes={"RedrivePolicy": redrive})["QueueUrl"]
    return {"url": url, "dlq_url": dlq_url}


def fake_function(tmp_path: Path, body: str) -> Path:
    """A zip whose ``backup.handler`` behaves as ``body`` says, to drive the worker's edge cases."""
    path = tmp_path / f"fake-{uuid.uuid4().hex[:6]}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("backup.py", body)
    return path


def run(queue: dict[str, str], zip_path: Path, endpoint: str, **overrides: Any):
    options = {
        "queue_url": queue["url"],
        "zip_path": zip_path,
        "backup_bucket": "unused-backup-bucket",
        "endpoint_url": endpoint,
        "region": REGION,
        "visibility_timeout": 10,
        "max_batches": 1,
        "wait_seconds": 1,
    }
    options.update(overrides)
    return run_worker(**options)


def messages_in(sqs: Any, url: str) -> int:
    attributes = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])


def test_the_event_has_the_shape_the_event_source_mapping_builds() -> None:
    message = {
        "MessageId": "m-1",
        "ReceiptHandle": "r-1",
        "Body": '{"Records": []}',
        "MD5OfBody": "abc",
        "Attributes": {"ApproximateReceiveCount": "3", "SentTimestamp": "1"},
        "MessageAttributes": {"origin": {"StringValue": "webapp", "DataType": "String"}},
    }

    [record] = sqs_event([message], queue_arn="arn:aws:sqs:us-east-1:123456789012:q", region=REGION)["Records"]

    assert record == {
        "messageId": "m-1",
        "receiptHandle": "r-1",
        "body": '{"Records": []}',
        "attributes": {"ApproximateReceiveCount": "3", "SentTimestamp": "1"},
        "messageAttributes": {
            "origin": {"stringValue": "webapp", "stringListValues": [], "binaryListValues": [], "dataType": "String"}
        },
        "md5OfBody": "abc",
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:q",
        "awsRegion": REGION,
    }


def test_the_handler_sees_receive_counts_and_the_queue_arn(sqs, queue, aws_env, tmp_path: Path, capfd) -> None:
    zip_path = fake_function(
        tmp_path,
        "import json\n"
        "def handler(event, context):\n"
        "    print('SEEN ' + json.dumps(event))\n"
        "    return {'batchItemFailures': []}\n",
    )
    sqs.send_message(QueueUrl=queue["url"], MessageBody="hello")

    stats = run(queue, zip_path, aws_env)

    seen = json.loads(next(line for line in capfd.readouterr().out.splitlines() if line.startswith("SEEN "))[5:])
    [record] = seen["Records"]
    assert record["body"] == "hello"
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    assert record["eventSourceARN"].endswith(":" + queue["url"].rsplit("/", 1)[1])
    assert (stats.received, stats.deleted, stats.failed) == (1, 1, 0)
    assert messages_in(sqs, queue["url"]) == 0


def test_only_messages_not_reported_as_failed_are_deleted(sqs, queue, aws_env, tmp_path: Path, capfd) -> None:
    zip_path = build_backup_zip(repo_root(), tmp_path).path
    s3 = boto3.client("s3", region_name=REGION, endpoint_url=aws_env)
    images, backup = (f"worker-{uuid.uuid4().hex[:10]}-{role}" for role in ("images", "backup"))
    for bucket in (images, backup):
        s3.create_bucket(Bucket=bucket)
    etag = s3.put_object(Bucket=images, Key="ok.jpg", Body=b"ok", ContentType="image/jpeg")["ETag"].strip('"')
    good = {
        "Records": [
            {
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Put",
                "s3": {"bucket": {"name": images}, "object": {"key": "ok.jpg", "size": 2, "eTag": etag}},
            }
        ]
    }
    sqs.send_message(QueueUrl=queue["url"], MessageBody=json.dumps(good))
    sqs.send_message(QueueUrl=queue["url"], MessageBody="poison: not an S3 notification")

    stats = run(queue, zip_path, aws_env, backup_bucket=backup)

    assert (stats.received, stats.deleted, stats.failed, stats.handler_errors) == (2, 1, 1, 0)
    assert s3.get_object(Bucket=backup, Key="ok.jpg")["Body"].read() == b"ok"
    assert messages_in(sqs, queue["url"]) == 1
    batch_line = json.loads(capfd.readouterr().err.strip().splitlines()[-1])
    assert (batch_line["message"], batch_line["received"], batch_line["deleted"], batch_line["failed"]) == (
        "backup batch",
        2,
        1,
        1,
    )


@pytest.mark.parametrize(
    ("body", "timeout", "error"),
    [
        ("def handler(event, context):\n    raise RuntimeError('boom')\n", 10, "exited with status 1"),
        (
            "def handler(event, context):\n    return {'batchItemFailures': [{'itemIdentifier': 'nobody'}]}\n",
            10,
            "unknown ids",
        ),
        ("def handler(event, context):\n    return {'batchItemFailures': 'all'}\n", 10, "no valid batchItemFailures"),
        ("import time\ndef handler(event, context):\n    time.sleep(30)\n", 1, "did not finish within 1 s"),
    ],
    ids=["raises", "unknown-id", "invalid-answer", "timeout"],
)
def test_a_failed_invocation_deletes_nothing(
    sqs, queue, aws_env, tmp_path: Path, capfd, body: str, timeout: int, error: str
) -> None:
    sqs.send_message(QueueUrl=queue["url"], MessageBody="one")
    sqs.send_message(QueueUrl=queue["url"], MessageBody="two")

    stats = run(queue, fake_function(tmp_path, body), aws_env, visibility_timeout=timeout)

    assert (stats.received, stats.deleted, stats.handler_errors) == (2, 0, 1)
    assert messages_in(sqs, queue["url"]) == 2
    batch_line = json.loads(capfd.readouterr().err.strip().splitlines()[-1])
    assert error in batch_line["error"]


def test_failed_messages_reach_the_dlq_after_max_receive_count(sqs, queue, aws_env, tmp_path: Path) -> None:
    zip_path = fake_function(
        tmp_path,
        "def handler(event, context):\n"
        "    return {'batchItemFailures': [{'itemIdentifier': r['messageId']} for r in event['Records']]}\n",
    )
    sqs.send_message(QueueUrl=queue["url"], MessageBody="always fails")

    stats = run(queue, zip_path, aws_env, visibility_timeout=1, max_batches=4, wait_seconds=2)

    assert stats.received == 2
    assert stats.deleted == 0
    [dead] = sqs.receive_message(QueueUrl=queue["dlq_url"])["Messages"]
    assert dead["Body"] == "always fails"


def test_a_set_stop_event_ends_the_loop_before_polling(queue, aws_env, tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()

    stats = run(queue, fake_function(tmp_path, "def handler(e, c):\n    return {}\n"), aws_env, stop_event=stop)

    assert stats.polls == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"zip_path": Path("/nonexistent/backup.zip")}, "infra package"),
        ({"batch_size": 11}, "batch_size"),
        ({"wait_seconds": 21}, "wait_seconds"),
        ({"visibility_timeout": 0}, "visibility_timeout"),
    ],
)
def test_bad_options_are_refused_before_polling(queue, aws_env, tmp_path: Path, overrides, message: str) -> None:
    options = {"zip_path": fake_function(tmp_path, "def handler(e, c):\n    return {}\n"), **overrides}
    with pytest.raises(WorkerError, match=message):
        run(queue, endpoint=aws_env, **options)


def test_an_unknown_queue_is_a_worker_error(aws_env, tmp_path: Path) -> None:
    missing = {"url": f"{aws_env}/123456789012/no-such-queue-{uuid.uuid4().hex[:6]}"}
    with pytest.raises(WorkerError, match="cannot read queue"):
        run(missing, fake_function(tmp_path, "def handler(e, c):\n    return {}\n"), aws_env)


def test_the_function_timeout_is_enforced_below_the_visibility_timeout(
    sqs, queue, aws_env, tmp_path: Path, capfd
) -> None:
    sqs.send_message(QueueUrl=queue["url"], MessageBody="slow")
    zip_path = fake_function(tmp_path, "import time\ndef handler(event, context):\n    time.sleep(30)\n")

    stats = run(queue, zip_path, aws_env, visibility_timeout=30, function_timeout=1)

    assert (stats.received, stats.deleted, stats.handler_errors) == (1, 0, 1)
    assert "did not finish within 1 s" in json.loads(capfd.readouterr().err.strip().splitlines()[-1])["error"]
