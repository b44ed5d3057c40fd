"""Server-rendered pages: the form posts without JavaScript, and errors sit next to their fields."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.webapp import images
from tests.webapp.conftest import VALID_FIELDS, Stores, client_for
from webapp.config import Settings


def field_block(html: str, field: str) -> str:
    """The markup of one form field, from its wrapper to the next field."""
    match = re.search(rf'<div class="field[^"]*">\s*<label for="{field}">.*?</div>', html, re.S)
    assert match, f"no field {field}"
    return match.group(0)


def test_form_post_redirects_to_the_upload_page(client: TestClient, stores: Stores) -> None:
    response = client.post(
        "/uploads",
        data=VALID_FIELDS,
        files={"image": ("a.png", images.png(), "image/png")},
        follow_redirects=False,
    )

    assert response.status_code == 303
    upload_id = stores.rows()[0]["id"]
    assert response.headers["location"] == f"/uploads/{upload_id}"
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    assert f'src="/images/{upload_id}"' in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_errors_are_shown_next_to_their_fields_with_input_kept(client: TestClient, stores: Stores) -> None:
    response = client.post(
        "/uploads",
        data={"name": "Ada <Lovelace>", "email": "ada@example.com", "phone": "not a number"},
        files={"image": ("a.png", images.png(), "image/png")},
    )

    assert response.status_code == 422
    phone = field_block(response.text, "phone")
    assert 'class="field-error" id="phone-error"' in phone
    assert 'aria-invalid="true"' in phone
    assert 'aria-describedby="phone-hint phone-error"' in phone
    assert 'value="not a number"' in phone
    assert 'value="Ada &lt;Lovelace&gt;"' in field_block(response.text, "name")
    assert 'value="ada@example.com"' in field_block(response.text, "email")
    assert "field-error" not in field_block(response.text, "email")
    assert 'role="alert"' in response.text
    stores.assert_empty()


def test_every_input_has_a_label(client: TestClient) -> None:
    html = client.get("/").text

    inputs = re.findall(r'<input id="([a-z]+)"', html)
    assert sorted(inputs) == ["email", "image", "name", "phone"]
    for field in inputs:
        assert f'<label for="{field}">' in html
    assert 'enctype="multipart/form-data"' in html


def test_gallery_shows_recent_uploads_and_pages_back(client: TestClient) -> None:
    names = [f"Uploader {i}" for i in range(14)]
    for name in names:
        client.post(
            "/api/uploads", data={**VALID_FIELDS, "name": name}, files={"image": ("a.png", images.png(), "image/png")}
        )

    first = client.get("/").text
    older = re.search(r'href="(/\?cursor=[^"]+)" rel="next"', first)
    assert older
    second = client.get(older.group(1).replace("&amp;", "&")).text

    shown_first = re.findall(r'<p class="gallery-name">([^<]+)</p>', first)
    shown_second = re.findall(r'<p class="gallery-name">([^<]+)</p>', second)
    assert shown_first == names[::-1][:12]
    assert shown_second == names[::-1][12:]
    assert 'rel="next"' not in second


def test_too_large_image_keeps_the_typed_values(settings: Settings, stores: Stores) -> None:
    small = settings.model_copy(update={"max_upload_bytes": 20_000})
    just_over = images.png(64, 48) + b"\0" * 25_000

    with client_for(small) as client:
        response = client.post(
            "/uploads",
            data=VALID_FIELDS,
            files={"image": ("big.png", just_over, "image/png")},
            headers={"Accept": "text/html"},
        )
        declared_huge = client.post(
            "/uploads",
            content=b"x",
            headers={
                "Accept": "text/html",
                "Content-Type": "multipart/form-data; boundary=x",
                "Content-Length": str(50 * 1024 * 1024),
            },
        )

    assert response.status_code == 413
    assert 'id="image-error"' in field_block(response.text, "image")
    assert 'value="ada@example.com"' in field_block(response.text, "email")
    assert declared_huge.status_code == 413
    assert declared_huge.headers["content-type"].startswith("text/html")
    assert 'role="alert"' in declared_huge.text
    stores.assert_empty()
