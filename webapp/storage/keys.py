"""Object keys: ``images/YYYY/MM/<uuid>.<ext>``, built only from server-side values.

The same key is the S3 object key and the path below the EFS root, so one parser serves both stores
and nothing from a client's file name ever reaches a path.
"""

from __future__ import annotations

import uuid
from datetime import datetime

PREFIX = "images/"
EXTENSIONS = frozenset({"jpg", "png", "webp", "gif"})


def object_key(upload_id: uuid.UUID, created_at: datetime, extension: str) -> str:
    if extension not in EXTENSIONS:
        raise ValueError(f"unsupported extension {extension!r}")
    return f"{PREFIX}{created_at:%Y/%m}/{upload_id}.{extension}"


def parse_key(key: str) -> uuid.UUID | None:
    """The upload id in a well-formed key, or None for anything else (temp files, strays)."""
    parts = key.split("/")
    if len(parts) != 4 or f"{parts[0]}/" != PREFIX:
        return None
    _, year, month, filename = parts
    if not (len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()):
        return None
    stem, dot, extension = filename.rpartition(".")
    if not dot or extension not in EXTENSIONS:
        return None
    try:
        upload_id = uuid.UUID(stem)
    except ValueError:
        return None
    return upload_id if str(upload_id) == stem else None
