"""The JSON API against real PostgreSQL, moto S3 and a temporary EFS folder."""

from __future__ import annotations

import hashlib
import io

from fastapi.testclient import TestClient
from PIL import Image

from tests.webapp import images
from tests.webapp.conftest import VALID_FIELDS, Stores


def upload(client: TestClient, data: bytes, filename: str = "photo.png", **fields: str):
    return client.post(
        "/api/uploads", data={**VALID_FIELDS, **fields}, files={"image": (filename, data, "application/octet-stream")}
    )


def test_valid_upload_lands_in_all_three_stores_with_the_same_sha256(client: TestClient, stores: Stores) -> None:
    response = upload(client, images.png())

    assert response.status_code == 201
    record = response.json()
    assert response.headers["location"] == f"/api/uploads/{record['id']}"
    assert set(record) >= {"id", "name", "email", "phone", "content_type", "size", "sha256", "s3_key", "created_at"}
    assert record["content_type"] == "image/png"
    assert record["phone"] == "+442079460958"
    assert record["s3_key"].startswith("images/") and record["s3_key"].endswith(f"/{record['id']}.png")

    files, objects, rows = stores.efs_files(), stores.s3_objects(), stores.rows()
    key = record["s3_key"]
    assert list(files) == list(objects) == [key]
    assert hashlib.sha256(files[key]).hexdigest() == record["sha256"]
    assert hashlib.sha256(objects[key]).hexdigest() == record["sha256"]
    assert [row["sha256"] for row in rows] == [record["sha256"]]
    assert record["size"] == len(files[key])

    head = stores.s3.head_object(Bucket=stores.bucket, Key=key)
    assert head["ContentType"] == "image/png"
    assert head["Metadata"] == {"upload-id": record["id"], "sha256": record["sha256"]}


def test_record_is_listed_and_served_back_byte_for_byte(client: TestClient, stores: Stores) -> None:
    record = upload(client, images.jpeg()).json()

    listed = client.get("/api/uploads").json()
    assert [item["id"] for item in listed["items"]] == [record["id"]]
    assert listed["next_cursor"] is None
    assert client.get(f"/api/uploads/{record['id']}").json() == record

    served = client.get(f"/images/{record['id']}")
    assert served.status_code == 200
    assert served.content == stores.efs_files()[record["s3_key"]] == stores.s3_objects()[record["s3_key"]]
    assert served.headers["content-type"] == "image/jpeg"
    assert served.headers["etag"] == f'"{record["sha256"]}"'
    assert "immutable" in served.headers["cache-control"]
    assert served.headers["x-content-type-options"] == "nosniff"

    head = client.head(f"/images/{record['id']}")
    assert head.status_code == 200
    assert head.headers["content-length"] == str(record["size"])
    assert head.content == b""

    revalidated = client.get(f"/images/{record['id']}", headers={"If-None-Match": served.headers["etag"]})
    assert revalidated.status_code == 304
    assert revalidated.content == b""


def test_listing_is_newest_first_and_paginated_by_cursor(client: TestClient) -> None:
    ids = [upload(client, images.png(color=(i * 40, 0, 0))).json()["id"] for i in range(5)]

    first = client.get("/api/uploads", params={"limit": 2}).json()
    second = client.get("/api/uploads", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    third = client.get("/api/uploads", params={"limit": 2, "cursor": second["next_cursor"]}).json()

    pages = [[item["id"] for item in page["items"]] for page in (first, second, third)]
    assert pages == [ids[::-1][0:2], ids[::-1][2:4], ids[::-1][4:5]]
    assert third["next_cursor"] is None


def test_bad_cursor_and_bad_limit_name_the_field(client: TestClient) -> None:
    bad_cursor = client.get("/api/uploads", params={"cursor": "bm90LW91cnM"})
    bad_limit = client.get("/api/uploads", params={"limit": 1000})

    assert bad_cursor.status_code == 422
    assert set(bad_cursor.json()["errors"]) == {"cursor"}
    assert bad_limit.status_code == 422
    assert set(bad_limit.json()["errors"]) == {"limit"}


def test_unknown_ids_are_404(client: TestClient) -> None:
    missing = "00000000-0000-4000-8000-000000000000"

    assert client.get(f"/api/uploads/{missing}").status_code == 404
    assert client.get(f"/images/{missing}").status_code == 404
    assert client.get(f"/uploads/{missing}").status_code == 404


def test_stored_image_has_no_exif_and_is_upright(client: TestClient, stores: Stores) -> None:
    # Orientation 6: the camera was turned; the stored copy must be rotated, not merely stripped.
    original = images.jpeg(80, 40, exif=images.gps_exif(orientation=6), comment=b"taken at home")

    record = upload(client, original, filename="IMG_0001.JPG").json()

    stored = stores.efs_files()[record["s3_key"]]
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (40, 80)
        assert dict(image.getexif()) == {}
        assert "comment" not in image.info and "exif" not in image.info
    assert b"PhoneMaker" not in stored and b"taken at home" not in stored
    assert (record["width"], record["height"]) == (40, 80)


def test_readiness_and_liveness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "efs": "ok", "s3": "ok"}


def test_openapi_documents_the_contract(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    assert {"/api/uploads", "/api/uploads/{upload_id}", "/images/{upload_id}", "/healthz", "/readyz"} <= set(
        schema["paths"]
    )
    create = schema["paths"]["/api/uploads"]["post"]
    body = create["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert set(body["required"]) == {"name", "email", "phone", "image"}
    assert {"201", "413", "415", "422", "503"} <= set(create["responses"])


def test_every_response_carries_a_request_id(client: TestClient) -> None:
    given = client.get("/healthz", headers={"X-Request-ID": "trace-123"})
    generated = client.get("/healthz")

    assert given.headers["x-request-id"] == "trace-123"
    assert len(generated.headers["x-request-id"]) == 32
