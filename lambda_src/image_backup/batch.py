"""Run the records of one invocation and report, item by item, what must be retried.

Records for different keys are copied concurrently: each is a few server-side requests, so the
batch is bound by latency, not CPU. Records for the same key run one after another in sequencer
order, so two events for one key never race each other within a batch.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from .copier import CopyResult, Outcome, back_up
from .events import MalformedEvent, ObjectRef, is_sqs_event, object_refs, sqs_notification
from .logs import emit_metrics, log
from .settings import Settings

METRIC_NAMESPACE = "ImageUpload/Backup"
_LEVELS = {
    Outcome.COPIED: "INFO",
    Outcome.ALREADY_CURRENT: "INFO",
    Outcome.IGNORED: "INFO",
    Outcome.SUPERSEDED: "WARNING",
    Outcome.SOURCE_MISSING: "ERROR",
    Outcome.REFUSED: "ERROR",
    Outcome.FAILED: "ERROR",
}


class BackupFailed(RuntimeError):
    """Raised for a direct S3 invocation so that Lambda's own retries run again."""


@dataclass(frozen=True)
class S3Clients:
    """The client that reads the images bucket and the one that writes the backup bucket's region."""

    source: Any
    target: Any


@dataclass(frozen=True)
class _Work:
    message_id: str | None
    ref: ObjectRef


def handle_event(
    event: Mapping[str, Any], *, clients: S3Clients, settings: Settings, request_id: str | None = None
) -> dict[str, Any]:
    if is_sqs_event(event):
        return handle_sqs_batch(event["Records"], clients=clients, settings=settings, request_id=request_id)
    return handle_s3_event(event, clients=clients, settings=settings, request_id=request_id)


def handle_sqs_batch(
    records: Sequence[Mapping[str, Any]], *, clients: S3Clients, settings: Settings, request_id: str | None = None
) -> dict[str, Any]:
    """Back up every object in the batch; answer with the messages SQS must deliver again."""
    counts: Counter[Outcome] = Counter()
    failed: set[str] = set()
    work: list[_Work] = []
    for record in records:
        message_id = record["messageId"]
        try:
            refs = object_refs(sqs_notification(record))
        except MalformedEvent as error:
            counts[Outcome.FAILED] += 1
            failed.add(message_id)
            log("ERROR", "backup record", outcome=Outcome.FAILED, message_id=message_id, error=str(error))
            continue
        if not refs:
            counts[Outcome.IGNORED] += 1
            log("INFO", "backup record", outcome=Outcome.IGNORED, message_id=message_id, detail="s3:TestEvent")
            continue
        work.extend(_Work(message_id, ref) for ref in refs)
    for item, result in _run(work, clients=clients, settings=settings, request_id=request_id):
        counts[result.outcome] += 1
        if result.outcome.is_failure and item.message_id is not None:
            failed.add(item.message_id)
    _emit(counts)
    ordered = dict.fromkeys(record["messageId"] for record in records if record["messageId"] in failed)
    return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in ordered]}


def handle_s3_event(
    event: Mapping[str, Any], *, clients: S3Clients, settings: Settings, request_id: str | None = None
) -> dict[str, Any]:
    """Back up the objects of a direct S3 notification; raise if any failed, so Lambda retries."""
    refs = object_refs(event)
    if not refs:
        log("INFO", "backup record", outcome=Outcome.IGNORED, detail="s3:TestEvent")
        _emit(Counter({Outcome.IGNORED: 1}))
        return {"outcomes": {Outcome.IGNORED.value: 1}}
    results = _run([_Work(None, ref) for ref in refs], clients=clients, settings=settings, request_id=request_id)
    counts = Counter(result.outcome for _, result in results)
    _emit(counts)
    failures = [item.ref.key for item, result in results if result.outcome.is_failure]
    if failures:
        raise BackupFailed(f"{len(failures)} of {len(refs)} objects were not backed up: {failures}")
    return {"outcomes": {outcome.value: count for outcome, count in sorted(counts.items())}}


def _run(
    work: Sequence[_Work], *, clients: S3Clients, settings: Settings, request_id: str | None
) -> list[tuple[_Work, CopyResult]]:
    groups: dict[tuple[str, str], list[_Work]] = defaultdict(list)
    for item in work:
        groups[(item.ref.bucket, item.ref.key)].append(item)

    def run_group(items: list[_Work]) -> list[tuple[_Work, CopyResult]]:
        ordered = sorted(items, key=lambda item: _sequence(item.ref.sequencer))
        return [(item, _process(item, clients=clients, settings=settings, request_id=request_id)) for item in ordered]

    if len(groups) <= 1 or settings.max_workers == 1:
        return [pair for items in groups.values() for pair in run_group(items)]
    with ThreadPoolExecutor(max_workers=min(settings.max_workers, len(groups))) as pool:
        return [pair for pairs in pool.map(run_group, groups.values()) for pair in pairs]


def _process(item: _Work, *, clients: S3Clients, settings: Settings, request_id: str | None) -> CopyResult:
    ref = item.ref
    started = time.perf_counter()
    error = None
    try:
        if ref.is_creation:
            result = back_up(ref, source=clients.source, target=clients.target, settings=settings)
        else:
            result = CopyResult(Outcome.IGNORED, size=ref.size)
    except Exception as exc:  # reported for this record alone; SQS redelivers it, then the DLQ keeps it
        result = CopyResult(Outcome.FAILED, size=ref.size)
        error = f"{type(exc).__name__}: {exc}"
    log(
        _LEVELS[result.outcome],
        "backup record",
        outcome=result.outcome,
        bucket=ref.bucket,
        key=ref.key,
        version_id=ref.version_id,
        size=result.size,
        method=result.method,
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
        backup_bucket=settings.backup_bucket,
        backup_version_id=result.backup_version_id,
        event_name=ref.event_name,
        message_id=item.message_id,
        request_id=request_id,
        error=error,
    )
    return result


def _sequence(sequencer: str | None) -> int:
    try:
        return int(sequencer, 16) if sequencer else -1
    except ValueError:
        return -1


def _emit(counts: Counter[Outcome]) -> None:
    metrics = {_metric_name(outcome): counts.get(outcome, 0) for outcome in Outcome}
    emit_metrics(METRIC_NAMESPACE, metrics, Service="image-backup")


def _metric_name(outcome: Outcome) -> str:
    return "".join(part.title() for part in outcome.value.split("_"))
