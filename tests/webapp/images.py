"""Image bytes for tests, made in memory so every case says exactly what it contains."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw


def png(width: int = 64, height: int = 48, color: tuple[int, int, int] = (20, 120, 220)) -> bytes:
    image = Image.new("RGB", (width, height), color)
    ImageDraw.Draw(image).rectangle((4, 4, width // 2, height // 2), fill=(250, 200, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (48.0, 51.0, 29.0)
    gps[3] = "E"
    gps[4] = (2.0, 17.0, 40.0)
    return exif


def jpeg(width: int = 80, height: int = 40, *, exif: Image.Exif | None = None, comment: bytes | None = None) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    ImageDraw.Draw(image).rectangle((0, 0, width // 4, height - 1), fill=(0, 0, 0))
    out = io.BytesIO()
    params: dict[str, object] = {"quality": 90}
    if exif is not None:
        params["exif"] = exif
    if comment is not None:
        params["comment"] = comment
    image.save(out, "JPEG", **params)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 30000) -> bytes:
    """A valid 1-bit greyscale PNG of side x side pixels: ~110 KB on disk, 900 megapixels decoded."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def multipart(fields: dict[str, bytes], *, filename: str = "photo.png", boundary: str = "b0undary") -> bytes:
    """A multipart body with raw bytes per field, for inputs an HTTP client would refuse to build."""
    parts = []
    for name, value in fields.items():
        disposition = f'form-data; name="{name}"'
        if name == "image":
            disposition += f'; filename="{filename}"'
        parts.append(f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + value + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode()
