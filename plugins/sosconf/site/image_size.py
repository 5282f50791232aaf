"""The width and height of a picture, read from its first bytes, for link
previews (`og:image:width`/`height` let a preview be drawn before the
picture loads).  PNG, GIF, JPEG and WebP; anything else has no size.
"""

from __future__ import annotations

import functools
import struct
from pathlib import Path

_HEAD = 64 * 1024  # JPEG keeps its size after the metadata segments; this covers them


@functools.cache
def image_size(path: str) -> tuple[int, int] | None:
    """(width, height) of the picture at `path`, or None when it cannot be told."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(_HEAD)
    except OSError:
        return None
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        # Start-of-frame markers (not DHT, JPG or DAC) carry height, then width.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if kind == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def picture_size(settings, site_path: str) -> tuple[int, int] | None:
    """The size of a picture given by its path in the site (`assets/images/x.png`), found in the content."""
    return image_size(str(Path(settings["PATH"]) / site_path.strip("/")))
