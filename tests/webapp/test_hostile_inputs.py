"""Hostile uploads: each is answered with the right status, and nothing lands in any store."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tests.webapp import images
from tests.webapp.conftest import VALID_FIELDS, Stores
from webapp.config import Settings
from webapp.main import create_app


def post_image(client: TestClient, data: bytes, filename: str, content_type: str = "image/jpeg"):
    return client.post("/api/uploads", data=VALID_FIELDS, files={"image": (filename, data, content_type)})


def post_raw(client: TestClient, body: bytes, boundary: str = "b0undary", **headers: str):
    return client.post(
        "/api/uploads",
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", **headers},
    )


def test_oversize_file_is_413(settings: Settings, stores: Stores) -> None:
    small_limit = settings.model_copy(update={"max_upload_bytes": 50_000})
    big = images.png(400, 400) + b"\0" * 60_000
    with TestClient(create_app(small_limit)) as client:
        response = post_image(client, big, "big.png", "image/png")

    assert response.status_code == 413
    assert set(response.json()["errors"]) == {"image"}
    stores.assert_empty()


def test_declared_oversize_body_is_refused_before_reading(client: TestClient, stores: Stores) -> None:
    # The body is tiny, but the header claims 50 MB: the answer comes from the header alone.
    response = post_raw(client, b"x", **{"Content-Length": str(50 * 1024 * 1024)})

    assert response.status_code == 413
    stores.assert_empty()


def test_image_renamed_to_php_is_stored_by_its_content_not_its_name(client: TestClient, stores: Stores) -> None:
    response = post_image(client, images.png(), "shell.php", "application/x-php")

    assert response.status_code == 201
    record = response.json()
    assert record["content_type"] == "image/png"
    assert record["s3_key"].endswith(".png")
    assert not any("php" in key for key in [*stores.efs_files(), *stores.s3_objects()])


@pytest.mark.parametrize(
    ("payload", "filename"),
    [
        (b"<?php system($_GET['c']); ?>", "photo.jpg"),
        (b"<!doctype html><script>alert(document.cookie)</script>", "photo.jpg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>', "a.svg"),
        (b"GIF89a<?php echo 1; ?>", "x.gif.php"),
    ],
    ids=["php-as-jpg", "html-as-jpg", "svg", "gif-magic-php"],
)
def test_non_images_are_415_or_422(client: TestClient, stores: Stores, payload: bytes, filename: str) -> None:
    response = post_image(client, payload, filename)

    assert response.status_code in (415, 422)
    assert set(response.json()["errors"]) == {"image"}
    stores.assert_empty()


def test_svg_is_unsupported_media_type(client: TestClient, stores: Stores) -> None:
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'

    response = post_image(client, svg, "image.svg", "image/svg+xml")

    assert response.status_code == 415
    stores.assert_empty()


def test_polyglot_with_jpeg_magic_that_does_not_decode_is_422(client: TestClient, stores: Stores) -> None:
    polyglot = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"<?php system($_GET['c']); ?>" * 20

    response = post_image(client, polyglot, "photo.jpg")

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"image"}
    stores.assert_empty()


def test_payload_appended_to_a_real_jpeg_is_dropped_by_reencoding(client: TestClient, stores: Stores) -> None:
    payload = b"<?php system($_GET['c']); ?>"

    response = post_image(client, images.jpeg() + payload, "photo.jpg")

    assert response.status_code == 201
    stored = stores.efs_files()[response.json()["s3_key"]]
    assert payload not in stored
    stores.assert_consistent()


def test_png_bomb_is_refused_from_its_header(client: TestClient, stores: Stores) -> None:
    bomb = images.png_bomb(30000)
    assert len(bomb) < 200_000

    response = post_image(client, bomb, "bomb.png", "image/png")

    assert response.status_code == 422
    assert "megapixels" in response.json()["errors"]["image"]
    stores.assert_empty()


def test_empty_file_is_422(client: TestClient, stores: Stores) -> None:
    response = post_image(client, b"", "empty.jpg")

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"image"}
    stores.assert_empty()


def test_traversal_file_name_is_ignored(client: TestClient, stores: Stores, settings: Settings) -> None:
    outside = settings.images_root.parent
    before = sorted(path.name for path in outside.iterdir())

    accepted = post_image(client, images.png(), "../../../../etc/cron.d/evil.png", "image/png")
    refused = post_image(client, b"* * * * * root rm -rf /", "../../etc/cron.d/job", "text/plain")

    assert accepted.status_code == 201
    assert refused.status_code == 415
    key = accepted.json()["s3_key"]
    assert ".." not in key and "evil" not in key and "cron" not in key
    assert list(stores.efs_files()) == list(stores.s3_objects()) == [key]
    assert sorted(path.name for path in outside.iterdir()) == sorted({*before, "efs"})


def test_injection_strings_are_stored_verbatim_and_rendered_escaped(client: TestClient, stores: Stores) -> None:
    name = "<script>alert('x')</script>'; DROP TABLE uploads; --"

    response = client.post(
        "/api/uploads", data={**VALID_FIELDS, "name": name}, files={"image": ("a.png", images.png(), "image/png")}
    )

    assert response.status_code == 201
    assert response.json()["name"] == name
    assert [row["name"] for row in stores.rows()] == [name]
    page = client.get("/").text
    detail = client.get(f"/uploads/{response.json()['id']}").text
    for html in (page, detail):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#39;; DROP TABLE uploads; --" in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("email", "ada@@example.com"),
        ("email", "ada@example"),
        ("phone", "12"),
        ("phone", "call me maybe"),
        ("phone", "+1 555 0100"),
        ("name", "x" * 101),
        ("name", "   "),
        ("name", "Ada\x00Lovelace"),
    ],
)
def test_invalid_fields_are_422_and_named(client: TestClient, stores: Stores, field: str, value: str) -> None:
    response = client.post(
        "/api/uploads", data={**VALID_FIELDS, field: value}, files={"image": ("a.png", images.png(), "image/png")}
    )

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {field}
    stores.assert_empty()


def test_missing_fields_are_each_named(client: TestClient, stores: Stores) -> None:
    response = client.post("/api/uploads", data={"name": "Ada"}, files={"other": ("a.txt", b"x", "text/plain")})

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"email", "phone", "image"}
    stores.assert_empty()


def test_not_multipart_is_415(client: TestClient, stores: Stores) -> None:
    response = client.post("/api/uploads", json=VALID_FIELDS)

    assert response.status_code == 415
    stores.assert_empty()


def test_non_utf8_form_data_is_422(client: TestClient, stores: Stores) -> None:
    body = images.multipart(
        {
            "name": "Zoë".encode("latin-1"),
            "email": b"zoe@example.com",
            "phone": b"+44 20 7946 0958",
            "image": images.png(),
        }
    )

    response = post_raw(client, body)

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"name"}
    stores.assert_empty()


def test_truncated_multipart_body_is_400(client: TestClient, stores: Stores) -> None:
    body = images.multipart({**{k: v.encode() for k, v in VALID_FIELDS.items()}, "image": images.png()})

    response = post_raw(client, body[: len(body) // 2])

    assert response.status_code == 400
    stores.assert_empty()


def test_image_at_the_pixel_limit_is_accepted_and_one_over_is_not(settings: Settings, stores: Stores) -> None:
    limited = settings.model_copy(update={"max_pixels": 100 * 100})
    exact, over = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (100, 100)).save(exact, "PNG")
    Image.new("RGB", (101, 100)).save(over, "PNG")

    with TestClient(create_app(limited)) as client:
        refused = post_image(client, over.getvalue(), "over.png")
        stores.assert_empty()
        accepted = post_image(client, exact.getvalue(), "exact.png")

    assert refused.status_code == 422
    assert accepted.status_code == 201
