"""Reading S3 notifications and SQS records, without AWS."""

from __future__ import annotations

import pytest
from image_backup.events import MalformedEvent, is_sqs_event, object_refs, sqs_notification


@pytest.mark.parametrize(
    ("encoded", "decoded"),
    [
        ("a+b.jpg", "a b.jpg"),
        ("a%2Bb.jpg", "a+b.jpg"),
        ("caf%C3%A9+%F0%9F%93%B7.jpg", "café 📷.jpg"),
        ("dir/sub+dir/x.jpg", "dir/sub dir/x.jpg"),
    ],
)
def test_keys_are_decoded_with_unquote_plus(events, encoded: str, decoded: str) -> None:
    [ref] = object_refs(events.s3("ignored", encoded_key=encoded, size=1))
    assert ref.key == decoded


def test_a_notification_gives_bucket_version_size_etag_and_sequencer(events) -> None:
    [ref] = object_refs(events.s3("k.jpg", bucket="images", size=42, etag="abc", version_id="v1", sequencer="0A"))
    assert (ref.bucket, ref.size, ref.etag, ref.version_id, ref.sequencer) == ("images", 42, "abc", "v1", "0A")
    assert ref.is_creation


def test_empty_optional_fields_read_as_absent(events) -> None:
    [ref] = object_refs(events.s3("k.jpg", size=1))
    assert (ref.version_id, ref.etag, ref.sequencer) == (None, None, None)


def test_the_test_event_names_no_object(events) -> None:
    assert object_refs(events.load("s3_test_event.json")) == []


@pytest.mark.parametrize(
    "notification",
    [{}, {"Records": []}, {"Records": [{"eventSource": "aws:sns"}]}, {"Records": [{"eventSource": "aws:s3"}]}],
)
def test_other_payloads_are_malformed(notification) -> None:
    with pytest.raises(MalformedEvent):
        object_refs(notification)


def test_an_sqs_body_must_be_a_json_object(events) -> None:
    with pytest.raises(MalformedEvent, match="not JSON"):
        sqs_notification(events.sqs_record("{broken"))
    with pytest.raises(MalformedEvent, match="not a JSON object"):
        sqs_notification(events.sqs_record("[1, 2]"))


def test_sqs_and_s3_events_are_told_apart(events) -> None:
    assert is_sqs_event(events.sqs(events.s3("k", size=1)))
    assert not is_sqs_event(events.s3("k", size=1))
    assert not is_sqs_event(events.load("s3_test_event.json"))
