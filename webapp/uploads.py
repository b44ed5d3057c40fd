"""One upload, three stores: EFS, then S3, then the database row.

The row is committed last, so a committed row always has its file and object. If a step fails, the
steps already done are undone before answering 503. If the process dies in between, the leftovers
have no row and ``reconcile`` removes them once they are older than the grace period.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import IO

from botocore.exceptions import BotoCoreError, ClientError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from . import crud
from .errors import StorageUnavailable, UploadRejected, most_specific
from .images import CleanImage, DecodeBudget, ImageRejected, open_image, sanitise_image
from .models import Upload
from .storage.efs import EfsStore
from .storage.keys import object_key
from .storage.s3 import S3Store
from .validation import Contact, validate_contact

logger = logging.getLogger(__name__)

_S3_ERRORS = (BotoCoreError, ClientError)


class UploadService:
    def __init__(
        self,
        *,
        engine: Engine,
        efs: EfsStore,
        s3: S3Store,
        max_pixels: int,
        default_phone_region: str,
        decode_budget: DecodeBudget | None = None,
    ) -> None:
        self.engine = engine
        self.efs = efs
        self.s3 = s3
        self.max_pixels = max_pixels
        self.decode_budget = decode_budget
        self.default_phone_region = default_phone_region

    def submit(
        self, values: Mapping[str, str], field_errors: Mapping[str, str], image: IO[bytes] | None, image_bytes: int
    ) -> Upload:
        """Validate every field, then store; raises UploadRejected or StorageUnavailable."""
        contact, errors = validate_contact(values, default_region=self.default_phone_region)
        errors.update(field_errors)
        statuses = {422} if errors else set()
        if "image" not in errors:
            if image is None or image_bytes == 0:
                errors["image"] = "Choose an image to upload." if image is None else "The image file is empty."
                statuses.add(422)
            elif errors:
                # The text is wrong anyway; a header check is enough to report the image too.
                try:
                    probe, _ = open_image(image, max_pixels=self.max_pixels)
                    probe.close()
                except ImageRejected as rejection:
                    errors["image"] = rejection.message
                    statuses.add(rejection.status_code)
        if errors or contact is None or image is None:
            raise UploadRejected(most_specific(statuses), errors, dict(values))
        started = time.perf_counter()
        try:
            clean = sanitise_image(image, max_pixels=self.max_pixels, budget=self.decode_budget)
        except ImageRejected as rejection:
            raise UploadRejected(rejection.status_code, {"image": rejection.message}, dict(values)) from None
        return self.store(contact, clean, timings={"image_ms": _ms_since(started)})

    def store(self, contact: Contact, clean: CleanImage, *, timings: dict[str, float] | None = None) -> Upload:
        """Write EFS, then S3, then the row; the log line carries each step's duration for dashboards."""
        timings = dict(timings or {})
        upload_id = uuid.uuid4()
        created_at = datetime.now(UTC)
        key = object_key(upload_id, created_at, clean.format.extension)
        log = {"upload_id": str(upload_id), "key": key}

        started = time.perf_counter()
        try:
            self.efs.write(key, clean.data)
        except OSError:
            logger.exception("EFS write failed", extra=log)
            raise StorageUnavailable("efs") from None

        timings["efs_ms"] = _ms_since(started)
        started = time.perf_counter()
        try:
            self.s3.put(
                key,
                clean.data,
                content_type=clean.format.content_type,
                upload_id=str(upload_id),
                sha256_hex=clean.sha256,
            )
        except Exception as error:
            logger.exception("S3 write failed", extra=log)
            self._undo_efs(key, log)
            if isinstance(error, _S3_ERRORS):
                raise StorageUnavailable("s3") from None
            raise

        timings["s3_ms"] = _ms_since(started)
        started = time.perf_counter()
        row = Upload(
            id=upload_id,
            name=contact.name,
            email=contact.email,
            phone=contact.phone,
            content_type=clean.format.content_type,
            size=len(clean.data),
            width=clean.width,
            height=clean.height,
            sha256=clean.sha256,
            s3_key=key,
            created_at=created_at,
        )
        try:
            with self.engine.connect() as connection:
                crud.create_upload(connection=connection, upload=row)
        except Exception as error:
            logger.exception("database commit failed", extra=log)
            self._undo_s3(key, log)
            self._undo_efs(key, log)
            if isinstance(error, SQLAlchemyError):
                raise StorageUnavailable("database") from None
            raise

        timings["db_ms"] = _ms_since(started)
        logger.info("upload stored", extra={**log, "bytes": row.size, "content_type": row.content_type, **timings})
        return row

    def _undo_efs(self, key: str, log: dict[str, str]) -> None:
        try:
            self.efs.delete(key)
        except OSError:
            logger.exception("could not undo the EFS write; reconcile will remove it", extra=log)

    def _undo_s3(self, key: str, log: dict[str, str]) -> None:
        try:
            self.s3.delete(key)
        except _S3_ERRORS:
            logger.exception("could not undo the S3 write; reconcile will remove it", extra=log)


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
