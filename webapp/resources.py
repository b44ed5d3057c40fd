"""The long-lived objects one app instance owns: engine, stores, upload service.

Built by ``create_app`` (so per worker process, after the fork), never at import time.
"""

from __future__ import annotations

from dataclasses import dataclass

from anyio import CapacityLimiter
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from .config import Settings
from .db import build_engine, session_factory
from .images import DecodeBudget
from .storage.efs import EfsStore
from .storage.s3 import S3Store, make_s3_client
from .uploads import UploadService


@dataclass
class Resources:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    efs: EfsStore
    s3: S3Store
    uploads: UploadService
    # Uploads are mostly CPU work; a few at a time per process beats many threads fighting for the GIL.
    upload_limiter: CapacityLimiter

    def close(self) -> None:
        self.engine.dispose()


def build_resources(settings: Settings) -> Resources:
    bucket = settings.require_bucket()
    engine = build_engine(settings)
    sessions = session_factory(engine)
    efs = EfsStore(settings.images_root)
    s3 = S3Store(make_s3_client(settings), bucket)
    uploads = UploadService(
        engine=engine,
        efs=efs,
        s3=s3,
        max_pixels=settings.max_pixels,
        default_phone_region=settings.default_phone_region,
        decode_budget=DecodeBudget(settings.decode_budget_pixels),
    )
    return Resources(
        settings=settings,
        engine=engine,
        sessions=sessions,
        efs=efs,
        s3=s3,
        uploads=uploads,
        upload_limiter=CapacityLimiter(settings.upload_concurrency),
    )
