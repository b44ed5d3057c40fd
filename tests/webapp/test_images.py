"""Image checks and sanitising, straight against the library functions."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.webapp import images
from webapp.images import GIF, JPEG, PNG, WEBP, InvalidImage, UnsupportedImage, sanitise_image, sniff_format

LIMIT = 40_000_000


def clean(data: bytes, max_pixels: int = LIMIT):
    return sanitise_image(io.BytesIO(data), max_pixels=max_pixels)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00", PNG),
        (b"GIF89a\x01\x00", GIF),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", WEBP),
        (b"<svg xmlns=", None),
        (b"BM\x00\x00", None),
        (b"", None),
    ],
)
def test_format_is_sniffed_from_magic_bytes(head: bytes, expected: object) -> None:
    assert sniff_format(head) is expected


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_every_supported_format_round_trips_without_metadata(fmt: str) -> None:
    source = io.BytesIO()
    params: dict[str, object] = {"exif": images.gps_exif()} if fmt in ("JPEG", "PNG", "WEBP") else {}
    if fmt in ("JPEG", "GIF"):
        params["comment"] = b"secret note"
    Image.new("RGB", (30, 20), (10, 90, 200)).save(source, fmt, **params)

    result = clean(source.getvalue())

    assert result.format.pillow_name == fmt
    with Image.open(io.BytesIO(result.data)) as stored:
        assert stored.format == fmt
        assert stored.size == (30, 20)
        assert dict(stored.getexif()) == {}
        assert "comment" not in stored.info
    assert b"secret note" not in result.data and b"PhoneMaker" not in result.data


def test_png_text_chunks_are_dropped() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "52.52,13.40")
    source = io.BytesIO()
    Image.new("RGB", (8, 8)).save(source, "PNG", pnginfo=info)

    assert b"52.52" not in clean(source.getvalue()).data


def test_animation_keeps_its_frames_and_timing() -> None:
    frames = [Image.new("RGB", (16, 16), (i * 60, 0, 0)) for i in range(3)]
    source = io.BytesIO()
    frames[0].save(source, "GIF", save_all=True, append_images=frames[1:], duration=[100, 200, 300], loop=0)

    result = clean(source.getvalue())

    with Image.open(io.BytesIO(result.data)) as stored:
        durations = []
        for index in range(stored.n_frames):
            stored.seek(index)
            durations.append(stored.info["duration"])
    assert durations == [100, 200, 300]


def test_animation_counts_every_frame_against_the_pixel_budget() -> None:
    frames = [Image.new("RGB", (10, 10), (i, 0, 0)) for i in range(5)]
    source = io.BytesIO()
    frames[0].save(source, "GIF", save_all=True, append_images=frames[1:])

    with pytest.raises(InvalidImage):
        clean(source.getvalue(), max_pixels=10 * 10 * 4)


def test_bomb_is_refused_before_decoding() -> None:
    with pytest.raises(InvalidImage, match="megapixels"):
        clean(images.png_bomb(30000))


def test_truncated_image_is_invalid() -> None:
    data = images.jpeg(200, 200)
    with pytest.raises(InvalidImage):
        clean(data[: len(data) // 2])


def test_unsupported_and_empty_inputs() -> None:
    with pytest.raises(UnsupportedImage):
        clean(b"%PDF-1.7 not an image")
    with pytest.raises(InvalidImage):
        clean(b"")


def test_sha256_is_of_the_stored_bytes() -> None:
    import hashlib

    result = clean(images.jpeg(exif=images.gps_exif()))

    assert result.sha256 == hashlib.sha256(result.data).hexdigest()


def test_decode_budget_never_exceeds_its_capacity() -> None:
    import threading

    from webapp.images import DecodeBudget

    budget = DecodeBudget(100)
    observed: list[int] = []
    start = threading.Barrier(8)

    def work() -> None:
        start.wait()
        for _ in range(50):
            with budget.reserve(40):
                observed.append(budget.in_use)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(observed) == 8 * 50
    assert max(observed) <= 80
    assert budget.in_use == 0


def test_decode_budget_lets_an_oversized_image_run_alone() -> None:
    from webapp.images import DecodeBudget

    budget = DecodeBudget(100)
    with budget.reserve(250):
        assert budget.in_use == 250
    assert budget.in_use == 0


def test_damaged_images_are_always_rejected_never_crash() -> None:
    """Seeded byte flips, cuts and insertions: Pillow fails in many ways; each must become a rejection."""
    import contextlib
    import random
    import warnings

    from webapp.images import ImageRejected

    frames = [Image.new("RGB", (16, 16), (i * 60, 0, 0)) for i in range(3)]
    seeds = [images.jpeg(64, 48, exif=images.gps_exif(6), comment=b"c"), images.png(40, 30)]
    for fmt in ("GIF", "WEBP", "PNG"):
        out = io.BytesIO()
        frames[0].save(out, fmt, save_all=True, append_images=frames[1:], duration=[10, 20, 30])
        seeds.append(out.getvalue())
    rng = random.Random(20240601)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(600):
            data = bytearray(rng.choice(seeds))
            for _ in range(rng.randint(1, 6)):
                position = rng.randrange(len(data))
                roll = rng.random()
                if roll < 0.7:
                    data[position] = rng.randrange(256)
                elif roll < 0.85:
                    del data[position : position + rng.randint(1, 50)]
                else:
                    data[position:position] = rng.randbytes(rng.randint(1, 20))
            with contextlib.suppress(ImageRejected):
                clean(bytes(data))
