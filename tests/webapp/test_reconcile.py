"""Reconcile: orphans older than the grace period go, young ones stay, missing copies are reported."""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from tests.webapp import images
from tests.webapp.conftest import VALID_FIELDS, Stores
from webapp.config import Settings
from webapp.reconcile import reconcile
from webapp.resources import build_resources
from webapp.storage.keys import object_key


def orphan_key() -> str:
    return object_key(uuid.uuid4(), datetime.now(UTC), "png")


def age(path: os.PathLike[str], seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_old_orphans_are_removed_and_young_ones_kept(settings: Settings, stores: Stores, client: TestClient) -> None:
    kept = client.post("/api/uploads", data=VALID_FIELDS, files={"image": ("a.png", images.png(), "image/png")})
    resources = build_resources(settings)
    old_file, young_file, old_object = orphan_key(), orphan_key(), orphan_key()
    resources.efs.write(old_file, b"old")
    resources.efs.write(young_file, b"young")
    resources.s3.put(old_object, b"obj", content_type="image/png", upload_id="x", sha256_hex="00" * 32)
    age(settings.images_root / old_file, 7200)
    temp = settings.images_root / old_file.rsplit("/", 1)[0] / ".tmp-deadbeef-interrupted.png"
    temp.write_bytes(b"half")
    age(temp, 7200)
    # Moto stamps objects with the current time, so judge the object against a clock an hour ahead.
    later = time.time() + 3600

    try:
        report = reconcile(resources, grace_seconds=1800, dry_run=False, now=later)
    finally:
        resources.close()

    assert report.orphan_files == sorted([old_file, young_file, temp.relative_to(settings.images_root).as_posix()])
    assert report.orphan_objects == [old_object]
    assert report.consistent
    assert sorted(stores.efs_files()) == sorted(stores.s3_objects()) == [kept.json()["s3_key"]]
    stores.assert_consistent()


def test_young_orphans_survive_the_grace_period(settings: Settings, stores: Stores) -> None:
    resources = build_resources(settings)
    key = orphan_key()
    resources.efs.write(key, b"in flight")

    try:
        report = reconcile(resources, grace_seconds=3600, dry_run=False)
    finally:
        resources.close()

    assert report.orphan_files == []
    assert list(stores.efs_files()) == [key]


def test_rows_missing_their_file_or_object_are_reported(settings: Settings, stores: Stores, client: TestClient) -> None:
    first = client.post("/api/uploads", data=VALID_FIELDS, files={"image": ("a.png", images.png(), "image/png")})
    second = client.post("/api/uploads", data=VALID_FIELDS, files={"image": ("b.png", images.jpeg(), "image/jpeg")})
    (settings.images_root / first.json()["s3_key"]).unlink()
    stores.s3.delete_object(Bucket=settings.s3_bucket, Key=second.json()["s3_key"])
    resources = build_resources(settings)

    try:
        report = reconcile(resources, grace_seconds=0, dry_run=True)
    finally:
        resources.close()

    assert report.rows_missing_file == [first.json()["id"]]
    assert report.rows_missing_object == [second.json()["id"]]
    assert not report.consistent
    assert report.as_dict()["consistent"] is False
