"""Copy one object to the backup bucket, server-side, so that repeating it changes nothing.

No object bytes pass through the function: CopyObject up to the threshold (at most the 5 GiB
CopyObject limit), UploadPartCopy above it. Both paths write Content-Type, the other system headers
and the user metadata explicitly, because a multipart upload does not inherit them; tags are copied
by S3 on the CopyObject path and read once and set on the multipart path.

The backup carries the source's ETag, version and event sequencer in three extra metadata entries.
They make a repeated event recognisable (no second, identical backup version) and an older event
that arrives late recognisable (it must not overwrite a newer backup).
"""

from __future__ import annotations

import functools
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from botocore.exceptions import ClientError

from .events import ObjectRef
from .settings import Settings

MARK_ETAG = "backup-source-etag"
MARK_VERSION = "backup-source-version-id"
MARK_SEQUENCER = "backup-source-sequencer"
_MARKS = frozenset({MARK_ETAG, MARK_VERSION, MARK_SEQUENCER})
# Headers a REPLACE copy or a multipart upload would otherwise lose.
_SYSTEM_HEADERS = (
    "CacheControl",
    "ContentDisposition",
    "ContentEncoding",
    "ContentLanguage",
    "ContentType",
    "Expires",
    "WebsiteRedirectLocation",
)
_MISSING_CODES = frozenset({"404", "NoSuchKey", "NoSuchVersion"})
_MAX_PARTS = 10_000
PART_COPY_WORKERS = 4


class Outcome(StrEnum):
    COPIED = "copied"
    ALREADY_CURRENT = "already_current"
    SUPERSEDED = "superseded"
    SOURCE_MISSING = "source_missing"
    IGNORED = "ignored"
    REFUSED = "refused"
    FAILED = "failed"

    @property
    def is_failure(self) -> bool:
        """Failures are retried by SQS and end in the DLQ; the rest cannot be fixed by a retry."""
        return self in (Outcome.REFUSED, Outcome.FAILED)


@dataclass(frozen=True)
class CopyResult:
    outcome: Outcome
    size: int | None = None
    method: str | None = None
    backup_version_id: str | None = None


def back_up(ref: ObjectRef, *, source: Any, target: Any, settings: Settings) -> CopyResult:
    """Make the backup bucket hold ``ref`` under the same key; errors other than a vanished source raise."""
    if ref.bucket == settings.backup_bucket:
        # Copying into the watched bucket would notify again and loop forever.
        return CopyResult(Outcome.REFUSED, size=ref.size)
    # Both lookups are needed on the common path; running them together saves a round trip.
    backup_lookup = _lookup_pool().submit(_head, target, settings.backup_bucket, ref.key, None)
    head = _head(source, ref.bucket, ref.key, ref.version_id)
    existing = backup_lookup.result()
    if head is None:
        return CopyResult(Outcome.SOURCE_MISSING, size=ref.size)
    size = head["ContentLength"]
    if ref.version_id is None and ref.etag and _etag(head) != ref.etag.strip('"'):
        # Unversioned source overwritten since this event; the newer write has its own event.
        return CopyResult(Outcome.SUPERSEDED, size=size)
    if existing is not None:
        if _is_later(existing.get("Metadata", {}).get(MARK_SEQUENCER), ref.sequencer):
            return CopyResult(Outcome.SUPERSEDED, size=size, backup_version_id=existing.get("VersionId"))
        if _same_backup(existing, head):
            return CopyResult(Outcome.ALREADY_CURRENT, size=size, backup_version_id=existing.get("VersionId"))
    try:
        if size > settings.multipart_threshold:
            return _multipart_copy(ref, head, source=source, target=target, settings=settings)
        return _single_copy(ref, head, target=target, settings=settings)
    except ClientError as error:
        if _error_code(error) in ("NoSuchKey", "NoSuchVersion"):
            return CopyResult(Outcome.SOURCE_MISSING, size=size)
        raise


def _single_copy(ref: ObjectRef, head: dict[str, Any], *, target: Any, settings: Settings) -> CopyResult:
    response = target.copy_object(
        Bucket=settings.backup_bucket,
        Key=ref.key,
        CopySource=_copy_source(ref, head),
        CopySourceIfMatch=head["ETag"],
        MetadataDirective="REPLACE",
        TaggingDirective="COPY",
        **_object_args(ref, head),
    )
    return CopyResult(
        Outcome.COPIED, size=head["ContentLength"], method="copy", backup_version_id=response.get("VersionId")
    )


def _multipart_copy(
    ref: ObjectRef, head: dict[str, Any], *, source: Any, target: Any, settings: Settings
) -> CopyResult:
    copy_source = _copy_source(ref, head)
    version = {"VersionId": copy_source["VersionId"]} if "VersionId" in copy_source else {}
    tags = source.get_object_tagging(Bucket=ref.bucket, Key=ref.key, **version)["TagSet"]
    tagging = {"Tagging": urlencode([(tag["Key"], tag["Value"]) for tag in tags])} if tags else {}
    bucket = settings.backup_bucket
    upload_id = target.create_multipart_upload(Bucket=bucket, Key=ref.key, **tagging, **_object_args(ref, head))[
        "UploadId"
    ]
    ranges = part_ranges(head["ContentLength"], settings.part_size)

    def copy_part(number: int, byte_range: tuple[int, int]) -> dict[str, Any]:
        part = target.upload_part_copy(
            Bucket=bucket,
            Key=ref.key,
            UploadId=upload_id,
            PartNumber=number,
            CopySource=copy_source,
            CopySourceIfMatch=head["ETag"],
            CopySourceRange=f"bytes={byte_range[0]}-{byte_range[1]}",
        )
        return {"PartNumber": number, "ETag": part["CopyPartResult"]["ETag"]}

    try:
        with ThreadPoolExecutor(max_workers=min(PART_COPY_WORKERS, len(ranges))) as pool:
            parts = list(pool.map(copy_part, range(1, len(ranges) + 1), ranges))
        response = target.complete_multipart_upload(
            Bucket=bucket, Key=ref.key, UploadId=upload_id, MultipartUpload={"Parts": parts}
        )
    except BaseException as error:
        # An abandoned upload keeps billing for its parts; the bucket lifecycle is only the backstop.
        try:
            target.abort_multipart_upload(Bucket=bucket, Key=ref.key, UploadId=upload_id)
        except Exception as abort_error:
            error.add_note(f"aborting multipart upload {upload_id} failed too: {abort_error}")
        raise
    return CopyResult(
        Outcome.COPIED,
        size=head["ContentLength"],
        method="multipart",
        backup_version_id=response.get("VersionId"),
    )


def part_ranges(size: int, part_size: int) -> list[tuple[int, int]]:
    """Inclusive byte ranges covering ``size``, widened if needed to stay within 10,000 parts."""
    width = max(part_size, math.ceil(size / _MAX_PARTS))
    return [(start, min(start + width, size) - 1) for start in range(0, size, width)]


def _copy_source(ref: ObjectRef, head: dict[str, Any]) -> dict[str, str]:
    """Pin the exact version that was inspected, so the bytes copied are the ones compared."""
    source = {"Bucket": ref.bucket, "Key": ref.key}
    version = ref.version_id or head.get("VersionId")
    if version and version != "null":
        source["VersionId"] = version
    return source


def _object_args(ref: ObjectRef, head: dict[str, Any]) -> dict[str, Any]:
    args = {name: head[name] for name in _SYSTEM_HEADERS if head.get(name) is not None}
    metadata = dict(head.get("Metadata", {}))
    metadata[MARK_ETAG] = _etag(head)
    version = ref.version_id or head.get("VersionId")
    if version and version != "null":
        metadata[MARK_VERSION] = version
    if ref.sequencer:
        metadata[MARK_SEQUENCER] = ref.sequencer
    args["Metadata"] = metadata
    return args


def _same_backup(existing: dict[str, Any], head: dict[str, Any]) -> bool:
    metadata = existing.get("Metadata", {})
    user_metadata = {name: value for name, value in metadata.items() if name not in _MARKS}
    return (
        metadata.get(MARK_ETAG) == _etag(head)
        and existing.get("ContentLength") == head.get("ContentLength")
        and all(existing.get(name) == head.get(name) for name in _SYSTEM_HEADERS)
        and user_metadata == head.get("Metadata", {})
    )


def _is_later(stored: str | None, incoming: str | None) -> bool:
    """S3 sequencers of one key order its events; per S3, left-pad to equal length, compare as hex."""
    if not stored or not incoming:
        return False
    try:
        return int(stored, 16) > int(incoming, 16)
    except ValueError:
        return False


@functools.cache
def _lookup_pool() -> ThreadPoolExecutor:
    """Threads for the backup-side HEAD, kept for the life of the execution environment."""
    return ThreadPoolExecutor(max_workers=16, thread_name_prefix="backup-lookup")


def _head(client: Any, bucket: str, key: str, version_id: str | None) -> dict[str, Any] | None:
    version = {"VersionId": version_id} if version_id else {}
    try:
        return client.head_object(Bucket=bucket, Key=key, **version)
    except ClientError as error:
        if _error_code(error) in _MISSING_CODES:
            return None
        raise


def _etag(head: dict[str, Any]) -> str:
    return head["ETag"].strip('"')


def _error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
