"""Play the Lambda event source mapping locally: poll SQS, run the packaged function, delete successes.

Lambda invoke on the emulator needs Docker, so the ``local`` environment runs the packaged zip here
instead, under the same rules as the real mapping:

- long-poll up to ``batch_size`` messages, each received with the queue's visibility timeout;
- invoke ``backup.handler`` from the zip in a separate Python process (a cold start per batch),
  with an SQS event shaped exactly as Lambda builds it;
- delete only the messages not listed in ``batchItemFailures``; when the function errors, times out
  or answers with an unknown id, delete nothing, as Lambda does;
- leave failed messages alone: they become visible after the visibility timeout, and the queue's own
  redrive policy moves them to the DLQ after ``maxReceiveCount`` receives.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

FUNCTION_NAME = "backup-worker-local"

# Runs in the child process: the zip first on sys.path, exactly one handler call, result to a file.
_RUNNER = """
import json, sys, time, uuid

zip_path, event_path, result_path, deadline = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
sys.path.insert(0, zip_path)
import backup


class Context:
    function_name = {function_name!r}
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:local:000000000000:function:" + function_name
    memory_limit_in_mb = 256
    aws_request_id = str(uuid.uuid4())
    log_group_name = "/aws/lambda/" + function_name
    log_stream_name = "local"

    def get_remaining_time_in_millis(self):
        return max(0, int((deadline - time.time()) * 1000))


with open(event_path, encoding="utf-8") as handle:
    event = json.load(handle)
result = backup.handler(event, Context())
with open(result_path, "w", encoding="utf-8") as handle:
    json.dump(result, handle)
""".replace("{function_name!r}", repr(FUNCTION_NAME))


class StopSignal(Protocol):
    def is_set(self) -> bool: ...


class WorkerError(RuntimeError):
    """The worker cannot start: a missing zip, an unknown queue, or bad limits."""


@dataclass
class WorkerStats:
    polls: int = 0
    batches: int = 0
    received: int = 0
    deleted: int = 0
    failed: int = 0
    handler_errors: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class Invocation:
    """What one run of the handler on one batch decided."""

    failed_ids: frozenset[str]
    error: str | None = None


def run_worker(
    *,
    queue_url: str,
    zip_path: Path,
    backup_bucket: str,
    endpoint_url: str | None,
    region: str,
    visibility_timeout: int,
    max_batches: int | None = None,
    stop_event: StopSignal | None = None,
    wait_seconds: int = 20,
    batch_size: int = 10,
    function_timeout: int | None = None,
) -> WorkerStats:
    """Poll ``queue_url`` until ``stop_event`` is set or ``max_batches`` polls (empty ones included) ran.

    ``function_timeout`` is the Lambda timeout to enforce on each invocation; it defaults to the
    visibility timeout, the longest a run can take before its messages would be delivered again.
    """
    _check_limits(zip_path, visibility_timeout, wait_seconds, batch_size)
    timeout = min(function_timeout or visibility_timeout, visibility_timeout)
    sqs = _sqs_client(endpoint_url, region)
    queue_arn = _queue_arn(sqs, queue_url)
    child_env = _child_env(backup_bucket, endpoint_url, region)
    stats = WorkerStats()
    while not (stop_event is not None and stop_event.is_set()):
        if max_batches is not None and stats.polls >= max_batches:
            break
        messages = sqs.receive_message(
            QueueUrl=queue_url,
            MaxNumberOfMessages=batch_size,
            WaitTimeSeconds=wait_seconds,
            VisibilityTimeout=visibility_timeout,
            MessageSystemAttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        stats.polls += 1
        if messages:
            process_batch(
                sqs,
                queue_url=queue_url,
                messages=messages,
                event=sqs_event(messages, queue_arn=queue_arn, region=region),
                zip_path=zip_path,
                env=child_env,
                timeout=timeout,
                stats=stats,
            )
    return stats


def process_batch(
    sqs: Any,
    *,
    queue_url: str,
    messages: list[dict[str, Any]],
    event: dict[str, Any],
    zip_path: Path,
    env: dict[str, str],
    timeout: int,
    stats: WorkerStats,
) -> Invocation:
    """Invoke the handler on one received batch and delete what it did not report as failed."""
    started = time.perf_counter()
    invocation = invoke_handler(zip_path, event, env=env, timeout=timeout)
    ids = {message["MessageId"] for message in messages}
    unknown = invocation.failed_ids - ids
    if invocation.error is None and unknown:
        invocation = Invocation(invocation.failed_ids, f"batchItemFailures names unknown ids {sorted(unknown)}")
    if invocation.error is not None:
        # Like Lambda: a failed invocation or an invalid answer returns the whole batch to the queue.
        invocation = Invocation(frozenset(ids), invocation.error)
    done = [message for message in messages if message["MessageId"] not in invocation.failed_ids]
    delete_errors = _delete(sqs, queue_url, done)
    stats.batches += 1
    stats.received += len(messages)
    stats.deleted += len(done) - len(delete_errors)
    stats.failed += len(invocation.failed_ids)
    stats.handler_errors += invocation.error is not None
    _log(
        "ERROR" if invocation.error or delete_errors else "INFO",
        "backup batch",
        received=len(messages),
        deleted=len(done) - len(delete_errors),
        failed=len(invocation.failed_ids),
        receive_counts=sorted(int(m.get("Attributes", {}).get("ApproximateReceiveCount", 0)) for m in messages),
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
        error=invocation.error,
        delete_errors=delete_errors or None,
    )
    return invocation


def invoke_handler(zip_path: Path, event: dict[str, Any], *, env: dict[str, str], timeout: int) -> Invocation:
    """Run ``backup.handler`` from the zip in a fresh interpreter; its logs pass through to stdout."""
    with tempfile.TemporaryDirectory(prefix="backup-invoke-") as scratch:
        event_path = Path(scratch) / "event.json"
        result_path = Path(scratch) / "result.json"
        event_path.write_text(json.dumps(event), encoding="utf-8")
        deadline = time.time() + timeout
        command = [sys.executable, "-I", "-c", _RUNNER, str(zip_path), str(event_path), str(result_path)]
        try:
            completed = subprocess.run(
                [*command, str(deadline)], env=env, timeout=timeout, stdin=subprocess.DEVNULL, check=False
            )
        except subprocess.TimeoutExpired:
            return Invocation(frozenset(), f"the function did not finish within {timeout} s")
        if completed.returncode != 0:
            return Invocation(frozenset(), f"the function exited with status {completed.returncode}")
        try:
            result = json.loads(result_path.read_text(encoding="utf-8"))
            failures = result.get("batchItemFailures") or []
            return Invocation(frozenset(str(item["itemIdentifier"]) for item in failures))
        except (OSError, ValueError, AttributeError, KeyError, TypeError) as error:
            return Invocation(frozenset(), f"the function answered with no valid batchItemFailures: {error!r}")


def sqs_event(messages: list[dict[str, Any]], *, queue_arn: str, region: str) -> dict[str, Any]:
    """The event Lambda's SQS event source mapping would pass for these received messages."""
    return {
        "Records": [
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": dict(message.get("Attributes", {})),
                "messageAttributes": {
                    name: _lambda_attribute(value) for name, value in message.get("MessageAttributes", {}).items()
                },
                "md5OfBody": message.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
            for message in messages
        ]
    }


def _lambda_attribute(value: dict[str, Any]) -> dict[str, Any]:
    converted: dict[str, Any] = {"stringListValues": [], "binaryListValues": [], "dataType": value["DataType"]}
    if "StringValue" in value:
        converted["stringValue"] = value["StringValue"]
    if "BinaryValue" in value:
        converted["binaryValue"] = base64.b64encode(value["BinaryValue"]).decode("ascii")
    return converted


def _delete(sqs: Any, queue_url: str, messages: list[dict[str, Any]]) -> list[str]:
    errors: list[str] = []
    for start in range(0, len(messages), 10):
        chunk = messages[start : start + 10]
        entries = [{"Id": str(index), "ReceiptHandle": m["ReceiptHandle"]} for index, m in enumerate(chunk)]
        response = sqs.delete_message_batch(QueueUrl=queue_url, Entries=entries)
        errors += [f"{chunk[int(item['Id'])]['MessageId']}: {item.get('Code')}" for item in response.get("Failed", [])]
    return errors


def _check_limits(zip_path: Path, visibility_timeout: int, wait_seconds: int, batch_size: int) -> None:
    if not zip_path.is_file():
        raise WorkerError(f"{zip_path} does not exist; run `infra package` first")
    if not 1 <= batch_size <= 10:
        raise WorkerError(f"batch_size must be 1 to 10 (an SQS receive limit), got {batch_size}")
    if not 0 <= wait_seconds <= 20:
        raise WorkerError(f"wait_seconds must be 0 to 20 (an SQS long-poll limit), got {wait_seconds}")
    if visibility_timeout < 1:
        raise WorkerError(f"visibility_timeout must be at least 1 second, got {visibility_timeout}")


def _sqs_client(endpoint_url: str | None, region: str) -> Any:
    import boto3

    return boto3.client("sqs", region_name=region, endpoint_url=endpoint_url)


def _queue_arn(sqs: Any, queue_url: str) -> str:
    try:
        attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]
    except Exception as error:  # botocore raises several types for a missing queue or endpoint
        raise WorkerError(f"cannot read queue {queue_url}: {error}") from error
    return attributes["QueueArn"]


def _child_env(backup_bucket: str, endpoint_url: str | None, region: str) -> dict[str, str]:
    env = {**os.environ, "BACKUP_BUCKET": backup_bucket, "AWS_REGION": region, "AWS_DEFAULT_REGION": region}
    env["AWS_LAMBDA_FUNCTION_NAME"] = FUNCTION_NAME
    if endpoint_url:
        env["AWS_ENDPOINT_URL"] = endpoint_url
    return env


def _log(level: str, message: str, **fields: Any) -> None:
    line = {
        "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "level": level,
        "message": message,
        **{name: value for name, value in fields.items() if value is not None},
    }
    sys.stderr.write(json.dumps(line) + "\n")
    sys.stderr.flush()
