"""Decide what an upload is from its bytes, then store a re-encoded copy without its metadata.

The type comes from the magic bytes and a Pillow decode, never from the file name or the client's
Content-Type. The pixel count is checked from the header, before any pixels are decoded, so a
small file that claims to be enormous (an image bomb) costs nothing. Re-encoding drops EXIF (GPS),
XMP and comments, and anything smuggled after the image data.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import BinaryIO

from PIL import Image, ImageOps, ImageSequence, JpegImagePlugin

MEGAPIXEL = 1_000_000
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImageFormat:
    pillow_name: str
    content_type: str
    extension: str


JPEG = ImageFormat("JPEG", "image/jpeg", "jpg")
PNG = ImageFormat("PNG", "image/png", "png")
WEBP = ImageFormat("WEBP", "image/webp", "webp")
GIF = ImageFormat("GIF", "image/gif", "gif")
CONTENT_TYPES = frozenset(f.content_type for f in (JPEG, PNG, WEBP, GIF))

# Decoder-level details a faithful copy needs; everything else in ``info`` (exif, xmp, comment, text
# chunks, ...) is dropped.
_KEPT_INFO = frozenset({"icc_profile", "transparency", "background", "loop", "duration"})


class ImageRejected(Exception):
    status_code = 422

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsupportedImage(ImageRejected):
    status_code = 415


class InvalidImage(ImageRejected):
    status_code = 422


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    format: ImageFormat
    width: int
    height: int
    sha256: str


def sniff_format(head: bytes) -> ImageFormat | None:
    """The format the leading bytes announce, if it is one we accept."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def open_image(fp: BinaryIO, *, max_pixels: int) -> tuple[Image.Image, ImageFormat]:
    """Check magic bytes, header and pixel budget; the pixels themselves are not decoded yet."""
    fp.seek(0)
    head = fp.read(16)
    if not head:
        raise InvalidImage("The image file is empty.")
    expected = sniff_format(head)
    if expected is None:
        raise UnsupportedImage("Upload a JPEG, PNG, WebP or GIF image.")
    fp.seek(0)
    image: Image.Image | None = None
    try:
        with warnings.catch_warnings():
            # Our own limit below is the one that counts, whatever Pillow's global default is.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(fp, formats=[expected.pillow_name])
            width, height = image.size
            # Counting frames walks the frame headers (not their pixels), which may be damaged too.
            pixels = width * height * _frame_count(image, expected)
    except Image.DecompressionBombError as error:
        raise InvalidImage(_too_many_pixels_message(max_pixels)) from error
    except Exception as error:
        # Any failure parsing untrusted bytes means the same thing to the client.
        if image is not None:
            image.close()
        logger.info("image header rejected", extra={"format": expected.pillow_name, "error": type(error).__name__})
        raise InvalidImage(f"The file starts like a {expected.pillow_name} image but is not one.") from error
    if width < 1 or height < 1 or pixels > max_pixels:
        image.close()
        raise InvalidImage(_too_many_pixels_message(max_pixels))
    return image, expected


class DecodeBudget:
    """Caps the pixels being decoded at once in a process, so concurrent huge images cannot exhaust memory.

    Typical photos fit side by side; uploads near the pixel limit take turns. An image larger than the
    whole budget still runs, alone.
    """

    def __init__(self, pixels: int) -> None:
        self.capacity = pixels
        self.in_use = 0
        self._condition = threading.Condition()

    @contextmanager
    def reserve(self, pixels: int) -> Iterator[None]:
        with self._condition:
            self._condition.wait_for(lambda: self.in_use == 0 or self.in_use + pixels <= self.capacity)
            self.in_use += pixels
        try:
            yield
        finally:
            with self._condition:
                self.in_use -= pixels
                self._condition.notify_all()


def sanitise_image(fp: BinaryIO, *, max_pixels: int, budget: DecodeBudget | None = None) -> CleanImage:
    """Decode the upload and encode a clean copy in the same format."""
    image, image_format = open_image(fp, max_pixels=max_pixels)
    with image:
        frames = _frame_count(image, image_format)
        width, height = image.size
        with budget.reserve(width * height * frames) if budget else nullcontext():
            encode = _encode_animation if frames > 1 else _encode_still
            try:
                data = encode(image, image_format)
            except Image.DecompressionBombError as error:
                raise InvalidImage(_too_many_pixels_message(max_pixels)) from error
            except Exception as error:
                # Pillow reports damaged data with many exception types (struct.error, IndexError, ...).
                logger.info(
                    "image data rejected", extra={"format": image_format.pillow_name, "error": type(error).__name__}
                )
                raise InvalidImage("The image data is damaged and cannot be decoded.") from error
        width, height = image.size
    return CleanImage(
        data=data, format=image_format, width=width, height=height, sha256=hashlib.sha256(data).hexdigest()
    )


def _frame_count(image: Image.Image, image_format: ImageFormat) -> int:
    if image_format is JPEG:
        # Multi-picture JPEGs (MPO) carry previews after the primary image; only the primary is kept.
        return 1
    return getattr(image, "n_frames", 1)


def _encode_still(image: Image.Image, image_format: ImageFormat) -> bytes:
    image.load()
    # Photos are often stored sideways with an EXIF hint; apply it before the EXIF goes away.
    ImageOps.exif_transpose(image, in_place=True)
    params = _save_params(image, image_format)
    image.info = {key: value for key, value in image.info.items() if key in _KEPT_INFO}
    out = io.BytesIO()
    image.save(out, format=image_format.pillow_name, **params)
    return out.getvalue()


def _encode_animation(image: Image.Image, image_format: ImageFormat) -> bytes:
    durations = []
    for frame in ImageSequence.Iterator(image):
        frame.load()  # WebP reports a frame's duration only once it is decoded
        durations.append(frame.info.get("duration", 0))
    loop = image.info.get("loop", 0)
    image.seek(0)
    image.info = {key: value for key, value in image.info.items() if key in _KEPT_INFO}
    out = io.BytesIO()
    image.save(out, format=image_format.pillow_name, save_all=True, duration=durations, loop=loop)
    return out.getvalue()


def _save_params(image: Image.Image, image_format: ImageFormat) -> dict[str, object]:
    icc_profile = image.info.get("icc_profile")
    if image_format is JPEG:
        # Reuse the upload's quantisation tables and chroma subsampling: no visible loss, similar size.
        return {
            "qtables": getattr(image, "quantization", None) or None,
            "subsampling": JpegImagePlugin.get_sampling(image),
            "progressive": bool(image.info.get("progressive") or image.info.get("progression")),
            "icc_profile": icc_profile,
        }
    if image_format is WEBP:
        return {"quality": 90, "icc_profile": icc_profile}
    if image_format is PNG:
        return {"icc_profile": icc_profile}
    return {}


def _too_many_pixels_message(max_pixels: int) -> str:
    return f"The image has too many pixels; the limit is {max_pixels / MEGAPIXEL:g} megapixels."
