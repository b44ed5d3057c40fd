"""The copy logic called directly with injected clients, for the paths an event cannot reach."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from image_backup.copier import Outcome, back_up
from image_backup.events import ObjectRef
from image_backup.settings import MIB, Settings


class FailingParts:
    """A real (mocked) S3 client whose second UploadPartCopy fails, as a throttled part would."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.aborted: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def upload_part_copy(self, **kwargs: Any) -> Any:
        if kwargs["PartNumber"] == 2:
            raise ClientError({"Error": {"Code": "SlowDown", "Message": "reduce your request rate"}}, "UploadPartCopy")
        return self._client.upload_part_copy(**kwargs)

    def abort_multipart_upload(self, **kwargs: Any) -> Any:
        self.aborted.append(kwargs["UploadId"])
        return self._client.abort_multipart_upload(**kwargs)


@pytest.fixture
def multipart_settings(buckets) -> Settings:
    return Settings(backup_bucket=buckets[1], multipart_threshold=5 * MIB, part_size=5 * MIB)


def test_a_failed_part_aborts_the_upload_and_raises(s3, buckets, multipart_settings: Settings) -> None:
    images, backup = buckets
    s3.put_object(Bucket=images, Key="big.jpg", Body=b"\xff" * (11 * MIB), ContentType="image/jpeg")
    target = FailingParts(s3)

    with pytest.raises(ClientError, match="SlowDown"):
        back_up(ObjectRef(images, "big.jpg"), source=s3, target=target, settings=multipart_settings)

    assert len(target.aborted) == 1
    assert s3.list_multipart_uploads(Bucket=backup).get("Uploads", []) == []
    assert s3.list_objects_v2(Bucket=backup)["KeyCount"] == 0


def test_the_multipart_path_copies_in_ordered_parts(s3, buckets, multipart_settings: Settings) -> None:
    images, backup = buckets
    body = bytes(range(256)) * (12 * MIB // 256) + b"tail"
    s3.put_object(Bucket=images, Key="parts.jpg", Body=body, ContentType="image/jpeg")

    result = back_up(ObjectRef(images, "parts.jpg"), source=s3, target=s3, settings=multipart_settings)

    assert (result.outcome, result.method) == (Outcome.COPIED, "multipart")
    copied = s3.get_object(Bucket=backup, Key="parts.jpg")
    assert copied["ETag"].endswith('-3"')
    assert copied["Body"].read() == body


def test_a_version_that_does_not_exist_is_a_missing_source(s3, buckets) -> None:
    images, backup = buckets
    s3.put_object(Bucket=images, Key="v.jpg", Body=b"x")
    settings = Settings(backup_bucket=backup)

    result = back_up(ObjectRef(images, "v.jpg", version_id="no-such-version"), source=s3, target=s3, settings=settings)

    assert result.outcome is Outcome.SOURCE_MISSING
