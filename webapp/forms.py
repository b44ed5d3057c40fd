"""Read the upload form straight from the request stream.

The image is counted while it streams in and the read stops the moment it passes the limit, so an
oversized upload is refused without ever being buffered. Text fields are decoded as strict UTF-8
(Starlette's own parser would silently fall back to Latin-1), and their size is capped too.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from typing import IO

from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header
from starlette.requests import Request

from .errors import BodyTooLarge, UploadRejected

TEXT_FIELDS = ("name", "email", "phone")
IMAGE_FIELD = "image"
MAX_TEXT_BYTES = 1024
MAX_PARTS = 16
# Typical photos stay in memory; larger ones spill to a temporary file instead of growing the heap.
SPOOL_BYTES = 1024 * 1024


@dataclass
class UploadForm:
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    image: IO[bytes] | None = None
    image_bytes: int = 0

    def close(self) -> None:
        if self.image is not None:
            self.image.close()


class _ImageTooLarge(Exception):
    pass


class _Collector:
    """python-multipart callbacks that route each part to a text buffer or the image spool."""

    def __init__(self, max_image_bytes: int) -> None:
        self.form = UploadForm()
        self.max_image_bytes = max_image_bytes
        self.finished = False
        self._parts = 0
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._disposition = b""
        self._target: str | None = None
        self._text = bytearray()
        self._text_overflow = False

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda data, start, end: self._header_name.extend(data[start:end]),
            "on_header_value": lambda data, start, end: self._header_value.extend(data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
            "on_end": self._end,
        }

    def _part_begin(self) -> None:
        self._parts += 1
        if self._parts > MAX_PARTS:
            raise FormParserError("too many parts")
        self._disposition = b""
        self._target = None
        self._text = bytearray()
        self._text_overflow = False

    def _header_end(self) -> None:
        if bytes(self._header_name).strip().lower() == b"content-disposition":
            self._disposition = bytes(self._header_value)
        self._header_name.clear()
        self._header_value.clear()

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        name = options.get(b"name", b"").decode("latin-1")
        form = self.form
        if name == IMAGE_FIELD and form.image is None:
            self._target = IMAGE_FIELD
            # The client's file name is deliberately never read: storage names are server-side UUIDs.
            form.image = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - closed by the form
        elif name in TEXT_FIELDS and name not in form.values:
            self._target = name

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._target is None:
            return
        chunk = data[start:end]
        if self._target == IMAGE_FIELD:
            form = self.form
            form.image_bytes += len(chunk)
            if form.image_bytes > self.max_image_bytes:
                raise _ImageTooLarge
            assert form.image is not None
            form.image.write(chunk)
        elif len(self._text) + len(chunk) <= MAX_TEXT_BYTES:
            self._text.extend(chunk)
        else:
            self._text_overflow = True

    def _part_end(self) -> None:
        target = self._target
        if target is None or target == IMAGE_FIELD:
            return
        form = self.form
        try:
            form.values[target] = self._text.decode("utf-8")
        except UnicodeDecodeError:
            form.values[target] = self._text.decode("utf-8", errors="replace")
            form.errors[target] = "Send this field as UTF-8 text."
        if self._text_overflow:
            form.errors[target] = "This field is too long."

    def _end(self) -> None:
        self.finished = True


async def read_upload_form(request: Request, *, max_image_bytes: int) -> UploadForm:
    content_type, params = parse_options_header(request.headers.get("content-type"))
    boundary = params.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise UploadRejected(415, {"form": "Send the form as multipart/form-data."})
    collector = _Collector(max_image_bytes)
    try:
        parser = MultipartParser(boundary, collector.callbacks())
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except (_ImageTooLarge, BodyTooLarge):
        collector.form.close()
        limit_mb = max_image_bytes / (1024 * 1024)
        raise UploadRejected(
            413,
            {**collector.form.errors, IMAGE_FIELD: f"The image is larger than {limit_mb:g} MB."},
            collector.form.values,
        ) from None
    except FormParserError:
        collector.form.close()
        raise UploadRejected(400, {"form": "The form data is malformed."}) from None
    except BaseException:
        collector.form.close()
        raise
    if not collector.finished:
        collector.form.close()
        raise UploadRejected(400, {"form": "The form data ended before its closing boundary."})
    form = collector.form
    if form.image is not None:
        form.image.seek(0)
    return form
