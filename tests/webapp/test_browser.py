"""A real headless Chromium uses the form: one upload that works, one with a wrong phone number."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.webapp import images
from tests.webapp.conftest import LiveServer

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required for the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


def test_upload_a_png_and_see_it_in_the_gallery(page, live_server: LiveServer, tmp_path: Path) -> None:
    picture = tmp_path / "holiday.png"
    picture.write_bytes(images.png(120, 90))
    name = "Browser Tester Åsa"

    page.goto(live_server.url)
    page.get_by_label("Name").fill(name)
    page.get_by_label("E-mail address").fill("asa@example.com")
    page.get_by_label("Phone number").fill("+46 8 123 456 78")
    page.get_by_label("Image").set_input_files(str(picture))
    page.get_by_role("button", name="Upload").click()

    page.wait_for_url("**/uploads/*")
    assert page.get_by_role("heading", level=1).inner_text() == f"Upload by {name}"
    upload_id = page.url.rsplit("/", 1)[-1]

    page.goto(live_server.url)
    item = page.locator(".gallery-item").filter(has=page.locator(f'a[href="/uploads/{upload_id}"]'))
    assert item.locator(".gallery-name").inner_text() == name
    image = item.locator("img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [120, 90]


def test_invalid_phone_shows_the_error_next_to_the_field_and_keeps_the_input(
    page, live_server: LiveServer, tmp_path: Path
) -> None:
    picture = tmp_path / "pic.png"
    picture.write_bytes(images.png())
    rows_before = len(live_server.stores.rows())

    page.goto(live_server.url)
    page.get_by_label("Name").fill("Phone Mistake")
    page.get_by_label("E-mail address").fill("mistake@example.com")
    page.get_by_label("Phone number").fill("12345")
    page.get_by_label("Image").set_input_files(str(picture))
    page.get_by_role("button", name="Upload").click()

    error = page.locator("#phone-error")
    error.wait_for()
    assert "phone number" in error.inner_text()
    phone = page.get_by_label("Phone number")
    assert phone.get_attribute("aria-invalid") == "true"
    assert "phone-error" in phone.get_attribute("aria-describedby")
    # The message sits inside the phone field's own block, right above its input.
    assert page.locator(".field--error").filter(has=page.locator("#phone")).locator("#phone-error").count() == 1
    assert phone.input_value() == "12345"
    assert page.get_by_label("Name").input_value() == "Phone Mistake"
    assert page.get_by_label("E-mail address").input_value() == "mistake@example.com"
    assert page.locator("#name-error").count() == 0
    assert len(live_server.stores.rows()) == rows_before
