"""Lambda entry point ``backup.handler``: back up each new image to the bucket named by BACKUP_BUCKET.

Accepts SQS batches whose bodies are S3 notifications (answering with ``batchItemFailures``) and
direct S3 events (raising when any object failed, so Lambda retries). The logic lives in
``image_backup``; this module only reads configuration and the event.
"""

from __future__ import annotations

from typing import Any

from image_backup.batch import handle_event
from image_backup.clients import s3_clients
from image_backup.settings import Settings


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    settings = Settings.from_env()
    return handle_event(
        event,
        clients=s3_clients(settings),
        settings=settings,
        request_id=getattr(context, "aws_request_id", None),
    )
