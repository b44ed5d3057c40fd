"""Read the two event shapes the function accepts: SQS batches of S3 notifications, and S3 events.

S3 URL-encodes keys in notifications (a space arrives as ``+``, a ``+`` as ``%2B``), so every key
is decoded with ``unquote_plus`` here and nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

TEST_EVENT = "s3:TestEvent"


class MalformedEvent(ValueError):
    """A message that is not an S3 notification; retrying cannot fix it, the DLQ keeps it."""


@dataclass(frozen=True)
class ObjectRef:
    """One object an S3 notification reports, with the event's own view of it."""

    bucket: str
    key: str
    event_name: str = "ObjectCreated:Put"
    version_id: str | None = None
    size: int | None = None
    etag: str | None = None
    sequencer: str | None = None

    @property
    def is_creation(self) -> bool:
        return self.event_name.startswith("ObjectCreated:")


def is_sqs_event(event: Mapping[str, Any]) -> bool:
    records = event.get("Records")
    return bool(records) and all(record.get("eventSource") == "aws:sqs" for record in records)


def is_test_event(payload: Mapping[str, Any]) -> bool:
    """S3 sends this once when a notification is configured; it names no object."""
    return payload.get("Event") == TEST_EVENT


def object_refs(notification: Mapping[str, Any]) -> list[ObjectRef]:
    """The objects an S3 notification reports; the test event reports none."""
    if is_test_event(notification):
        return []
    records = notification.get("Records")
    if not isinstance(records, list) or not records:
        raise MalformedEvent("the notification has no Records")
    return [_object_ref(record) for record in records]


def sqs_notification(message: Mapping[str, Any]) -> Mapping[str, Any]:
    """The S3 notification carried in the body of one SQS record."""
    try:
        body = json.loads(message["body"])
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise MalformedEvent(f"the message body is not JSON: {error}") from None
    if not isinstance(body, dict):
        raise MalformedEvent("the message body is not a JSON object")
    return body


def _object_ref(record: Any) -> ObjectRef:
    if not isinstance(record, dict) or record.get("eventSource") != "aws:s3":
        source = record.get("eventSource") if isinstance(record, dict) else None
        raise MalformedEvent(f"not an S3 record (eventSource {source!r})")
    try:
        s3 = record["s3"]
        obj = s3["object"]
        size = obj.get("size")
        return ObjectRef(
            bucket=s3["bucket"]["name"],
            key=unquote_plus(obj["key"]),
            event_name=record.get("eventName", ""),
            version_id=obj.get("versionId") or None,
            size=int(size) if size is not None else None,
            etag=obj.get("eTag") or None,
            sequencer=obj.get("sequencer") or None,
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise MalformedEvent(f"the S3 record is incomplete: {error!r}") from None
