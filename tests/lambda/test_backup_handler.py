"""The handler end to end against in-process moto: the cases the backup must get right."""

from __future__ import annotations

import hashlib
import os
from typing import Any

import pytest
from backup import handler
from image_backup.batch import BackupFailed
from image_backup.copier import MARK_ETAG
from image_backup.settings import MIB, ConfigurationError

from .conftest import log_lines

JPEG_START = bytes.fromhex("ffd8ffe000104a46494600010100000100010000")
JPEG_END = bytes.fromhex("ffd9")


def jpeg_bytes(size: int) -> bytes:
    """A JPEG-framed payload of ``size`` bytes (SOI + JFIF header, random body, EOI)."""
    return JPEG_START + os.urandom(size - len(JPEG_START) - len(JPEG_END)) + JPEG_END


def put(s3: Any, bucket: str, key: str, body: bytes, **extra: Any) -> dict[str, Any]:
    response = s3.put_object(Bucket=bucket, Key=key, Body=body, **extra)
    return {"etag": response["ETag"].strip('"'), "version_id": response.get("VersionId", ""), "size": len(body)}


def backup_versions(s3: Any, bucket: str, key: str) -> list[dict[str, Any]]:
    listed = s3.list_object_versions(Bucket=bucket, Prefix=key)
    return [version for version in listed.get("Versions", []) if version["Key"] == key]


def read(s3: Any, bucket: str, key: str) -> bytes:
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()


@pytest.mark.parametrize(
    ("stored_key", "encoded_key"),
    [
        ("holiday photo.jpg", "holiday+photo.jpg"),
        ("a+b.jpg", "a%2Bb.jpg"),
        ("fotos/straße ü 日本.jpg", "fotos/stra%C3%9Fe+%C3%BC+%E6%97%A5%E6%9C%AC.jpg"),
        ("100% real.png", "100%25+real.png"),
    ],
)
def test_url_encoded_keys_are_decoded_before_copying(
    s3, buckets, events, lambda_context, read_logs, stored_key: str, encoded_key: str
) -> None:
    images, backup = buckets
    body = jpeg_bytes(2048)
    facts = put(s3, images, stored_key, body, ContentType="image/jpeg")

    event = events.sqs(events.s3(stored_key, encoded_key=encoded_key, size=facts["size"], etag=facts["etag"]))
    response = handler(event, lambda_context)

    assert response == {"batchItemFailures": []}
    assert read(s3, backup, stored_key) == body
    [line] = read_logs()
    assert line["key"] == stored_key
    assert line["outcome"] == "copied"


@pytest.mark.parametrize("path", ["copy", "multipart"])
def test_a_9_mb_jpeg_keeps_content_type_metadata_and_tags_on_both_copy_paths(
    s3, buckets, events, lambda_context, read_logs, monkeypatch, path: str
) -> None:
    images, backup = buckets
    if path == "multipart":
        monkeypatch.setenv("BACKUP_MULTIPART_THRESHOLD_BYTES", str(5 * MIB))
        monkeypatch.setenv("BACKUP_PART_SIZE_BYTES", str(5 * MIB))
    body = jpeg_bytes(9 * 1000 * 1000)
    metadata = {"sha256": hashlib.sha256(body).hexdigest(), "uploader-id": "42"}
    facts = put(
        s3,
        images,
        "uploads/big.jpg",
        body,
        ContentType="image/jpeg",
        CacheControl="max-age=31536000, immutable",
        ContentDisposition='inline; filename="big.jpg"',
        Metadata=metadata,
        Tagging="source=webapp&kind=photo",
    )

    response = handler(events.sqs(events.s3("uploads/big.jpg", **facts)), lambda_context)

    assert response == {"batchItemFailures": []}
    [line] = read_logs()
    assert (line["outcome"], line["method"], line["size"]) == ("copied", path, len(body))
    copied = s3.head_object(Bucket=backup, Key="uploads/big.jpg")
    assert copied["ContentType"] == "image/jpeg"
    assert copied["CacheControl"] == "max-age=31536000, immutable"
    assert copied["ContentDisposition"] == 'inline; filename="big.jpg"'
    assert copied["Metadata"].items() >= metadata.items()
    assert copied["ETag"].endswith('-2"') == (path == "multipart")
    tags = s3.get_object_tagging(Bucket=backup, Key="uploads/big.jpg")["TagSet"]
    assert sorted((tag["Key"], tag["Value"]) for tag in tags) == [("kind", "photo"), ("source", "webapp")]
    assert read(s3, backup, "uploads/big.jpg") == body


def test_a_duplicate_event_yields_one_identical_backup_version(s3, buckets, events, lambda_context, read_logs) -> None:
    images, backup = buckets
    body = jpeg_bytes(4096)
    facts = put(s3, images, "dup.jpg", body, ContentType="image/jpeg", Metadata={"owner": "ana"})
    notification = events.s3("dup.jpg", **facts)

    first = handler(events.sqs(notification), lambda_context)
    again = handler(events.sqs(notification, notification), lambda_context)

    assert first == again == {"batchItemFailures": []}
    assert [line["outcome"] for line in read_logs()] == ["copied", "already_current", "already_current"]
    [version] = backup_versions(s3, backup, "dup.jpg")
    assert version["ETag"].strip('"') == facts["etag"]
    assert read(s3, backup, "dup.jpg") == body


def test_a_changed_source_gets_a_new_backup_version(s3, buckets, events, lambda_context) -> None:
    images, backup = buckets
    first = put(s3, images, "edit.jpg", b"first", ContentType="image/jpeg")
    handler(events.sqs(events.s3("edit.jpg", **first)), lambda_context)
    second = put(s3, images, "edit.jpg", b"second", ContentType="image/jpeg")
    handler(events.sqs(events.s3("edit.jpg", **second)), lambda_context)

    assert len(backup_versions(s3, backup, "edit.jpg")) == 2
    assert read(s3, backup, "edit.jpg") == b"second"


def test_the_event_version_is_copied_exactly(s3, buckets, events, lambda_context) -> None:
    images, backup = buckets
    older = put(s3, images, "v.jpg", b"version one", ContentType="image/jpeg")
    put(s3, images, "v.jpg", b"version two", ContentType="image/jpeg")

    handler(events.sqs(events.s3("v.jpg", **older)), lambda_context)

    copied = s3.get_object(Bucket=backup, Key="v.jpg")
    assert copied["Body"].read() == b"version one"
    assert copied["Metadata"]["backup-source-version-id"] == older["version_id"]


def test_an_older_event_arriving_late_does_not_overwrite_a_newer_backup(
    s3, buckets, events, lambda_context, read_logs
) -> None:
    images, backup = buckets
    older = put(s3, images, "late.jpg", b"older", ContentType="image/jpeg")
    newer = put(s3, images, "late.jpg", b"newer", ContentType="image/jpeg")

    handler(events.sqs(events.s3("late.jpg", sequencer="0055AED6DCD90281E6", **newer)), lambda_context)
    handler(events.sqs(events.s3("late.jpg", sequencer="0055AED6DCD90281E5", **older)), lambda_context)

    assert [line["outcome"] for line in read_logs()] == ["copied", "superseded"]
    assert read(s3, backup, "late.jpg") == b"newer"
    assert len(backup_versions(s3, backup, "late.jpg")) == 1


def test_events_for_one_key_in_one_batch_apply_in_sequencer_order(s3, buckets, events, lambda_context) -> None:
    images, backup = buckets
    older = put(s3, images, "same.jpg", b"older", ContentType="image/jpeg")
    newer = put(s3, images, "same.jpg", b"newer", ContentType="image/jpeg")
    batch = events.sqs(
        events.s3("same.jpg", sequencer="0055AED6DCD90281F0", **newer),
        events.s3("same.jpg", sequencer="0055AED6DCD90281A0", **older),
    )

    assert handler(batch, lambda_context) == {"batchItemFailures": []}
    assert read(s3, backup, "same.jpg") == b"newer"


def test_an_overwritten_unversioned_source_is_left_to_its_newer_event(
    s3, buckets, events, lambda_context, read_logs
) -> None:
    images, backup = buckets
    s3.put_bucket_versioning(Bucket=images, VersioningConfiguration={"Status": "Suspended"})
    stale = put(s3, images, "plain.jpg", b"stale", ContentType="image/jpeg")
    put(s3, images, "plain.jpg", b"fresh", ContentType="image/jpeg")

    response = handler(events.sqs(events.s3("plain.jpg", size=stale["size"], etag=stale["etag"])), lambda_context)

    assert response == {"batchItemFailures": []}
    assert [line["outcome"] for line in read_logs()] == ["superseded"]
    assert backup_versions(s3, backup, "plain.jpg") == []


def test_a_source_deleted_before_the_copy_is_reported_not_retried(s3, buckets, events, lambda_context, capsys) -> None:
    images, backup = buckets
    facts = put(s3, images, "gone.jpg", b"short-lived", ContentType="image/jpeg")
    s3.delete_object(Bucket=images, Key="gone.jpg")

    response = handler(events.sqs(events.s3("gone.jpg", size=facts["size"], etag=facts["etag"])), lambda_context)

    assert response == {"batchItemFailures": []}
    lines = log_lines(capsys.readouterr().out)
    [record] = [line for line in lines if line.get("message") == "backup record"]
    assert (record["level"], record["outcome"], record["key"]) == ("ERROR", "source_missing", "gone.jpg")
    [metrics] = [line for line in lines if "_aws" in line]
    assert metrics["SourceMissing"] == 1
    assert metrics["Copied"] == 0
    assert backup_versions(s3, backup, "gone.jpg") == []


def test_a_missing_source_in_a_direct_s3_event_does_not_raise(s3, buckets, events, lambda_context) -> None:
    assert handler(events.s3("never-written.jpg", size=10), lambda_context) == {"outcomes": {"source_missing": 1}}


def test_a_mixed_batch_reports_only_the_failed_record(s3, buckets, events, lambda_context, read_logs) -> None:
    images, backup = buckets
    good = put(s3, images, "good.jpg", b"good", ContentType="image/jpeg")
    # An archived object cannot be copied until restored: a real failure that a retry may fix.
    archived = put(s3, images, "archived.jpg", b"cold", ContentType="image/jpeg", StorageClass="GLACIER")
    also_good = put(s3, images, "also good.jpg", b"also good", ContentType="image/jpeg")
    batch = events.sqs(
        events.s3("good.jpg", **good),
        events.s3("archived.jpg", **archived),
        events.s3("also good.jpg", **also_good),
    )

    response = handler(batch, lambda_context)

    assert response == {"batchItemFailures": [{"itemIdentifier": batch["Records"][1]["messageId"]}]}
    outcomes = {line["key"]: line for line in read_logs()}
    assert outcomes["archived.jpg"]["outcome"] == "failed"
    assert "CopyObject operation" in outcomes["archived.jpg"]["error"]
    assert read(s3, backup, "good.jpg") == b"good"
    assert read(s3, backup, "also good.jpg") == b"also good"
    assert backup_versions(s3, backup, "archived.jpg") == []


def test_a_message_that_is_not_an_s3_notification_fails_alone(s3, buckets, events, lambda_context) -> None:
    images, backup = buckets
    good = put(s3, images, "fine.jpg", b"fine", ContentType="image/jpeg")
    batch = events.sqs("this is not json", events.s3("fine.jpg", **good), {"Records": [{"eventSource": "aws:sns"}]})

    response = handler(batch, lambda_context)

    failed = [item["itemIdentifier"] for item in response["batchItemFailures"]]
    assert failed == [batch["Records"][0]["messageId"], batch["Records"][2]["messageId"]]
    assert read(s3, backup, "fine.jpg") == b"fine"


def test_a_failure_in_a_direct_s3_event_raises_so_lambda_retries(s3, buckets, events, lambda_context) -> None:
    images, _ = buckets
    archived = put(s3, images, "cold.jpg", b"cold", StorageClass="GLACIER")

    with pytest.raises(BackupFailed, match=r"cold\.jpg"):
        handler(events.s3("cold.jpg", **archived), lambda_context)


def test_the_s3_test_event_is_ignored(s3, buckets, events, lambda_context, read_logs) -> None:
    _, backup = buckets
    test_event = events.load("s3_test_event.json")

    assert handler(events.sqs(test_event), lambda_context) == {"batchItemFailures": []}
    assert handler(test_event, lambda_context) == {"outcomes": {"ignored": 1}}
    assert [line["outcome"] for line in read_logs()] == ["ignored", "ignored"]
    assert s3.list_objects_v2(Bucket=backup)["KeyCount"] == 0


def test_events_other_than_object_created_are_ignored(s3, buckets, events, lambda_context, read_logs) -> None:
    images, backup = buckets
    facts = put(s3, images, "removed.jpg", b"x")
    notification = events.s3("removed.jpg", **facts)
    notification["Records"][0]["eventName"] = "ObjectRemoved:Delete"

    assert handler(events.sqs(notification), lambda_context) == {"batchItemFailures": []}
    assert [line["outcome"] for line in read_logs()] == ["ignored"]
    assert s3.list_objects_v2(Bucket=backup)["KeyCount"] == 0


def test_copying_into_the_source_bucket_is_refused(s3, buckets, events, lambda_context, read_logs, monkeypatch) -> None:
    images, _ = buckets
    monkeypatch.setenv("BACKUP_BUCKET", images)
    facts = put(s3, images, "loop.jpg", b"once", ContentType="image/jpeg")
    batch = events.sqs(events.s3("loop.jpg", **facts))

    response = handler(batch, lambda_context)

    assert response == {"batchItemFailures": [{"itemIdentifier": batch["Records"][0]["messageId"]}]}
    [line] = read_logs()
    assert (line["level"], line["outcome"]) == ("ERROR", "refused")
    assert len(backup_versions(s3, images, "loop.jpg")) == 1


def test_each_record_logs_key_size_outcome_and_duration(s3, buckets, events, lambda_context, read_logs) -> None:
    images, backup = buckets
    facts = put(s3, images, "logged.jpg", b"12345", ContentType="image/jpeg")

    handler(events.sqs(events.s3("logged.jpg", **facts)), lambda_context)

    [line] = read_logs()
    assert line["key"] == "logged.jpg"
    assert line["size"] == 5
    assert line["outcome"] == "copied"
    assert line["duration_ms"] >= 0
    assert line["request_id"] == lambda_context.aws_request_id
    assert line["backup_bucket"] == backup


def test_the_backup_records_its_source(s3, buckets, events, lambda_context) -> None:
    images, backup = buckets
    facts = put(s3, images, "traced.jpg", b"trace me", ContentType="image/jpeg")

    handler(events.sqs(events.s3("traced.jpg", sequencer="00AB", **facts)), lambda_context)

    metadata = s3.head_object(Bucket=backup, Key="traced.jpg")["Metadata"]
    assert metadata[MARK_ETAG] == facts["etag"]
    assert metadata["backup-source-sequencer"] == "00AB"


def test_a_missing_backup_bucket_setting_fails_the_whole_invocation(
    s3, buckets, events, lambda_context, monkeypatch
) -> None:
    monkeypatch.delenv("BACKUP_BUCKET")

    with pytest.raises(ConfigurationError, match="BACKUP_BUCKET"):
        handler(events.sqs(events.s3("any.jpg")), lambda_context)
