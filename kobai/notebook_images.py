"""Notebook output images as files of their own, loaded when the reader scrolls to them.

nbconvert writes each image a notebook cell displays (a matplotlib figure) into the page as a
base64 `data:` URL: 40–60 KB of page that a phone downloads before it can show the first line,
which gzip cannot shrink (PNG is compressed already), for a figure that sits below the fold.
Each one becomes a file beside the page, named by its content's digest, and the `<img>` points at
it with `loading="lazy"`, `decoding="async"` and its pixel size (so nothing shifts when it loads).

Only PNG and JPEG are moved (the formats matplotlib's inline backend writes); other `data:` URLs
are left as they are. A PNG also gets a lossless WebP twin with the same pixels (kobai/lossless_webp.py:
43 KB → 17 KB for a figure) in a `<picture>`: browsers that read WebP fetch only the twin, the
others the PNG, so every reader sees the same figure.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html as html_lib
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kobai import atomic, lossless_webp
from kobai.html_scan import StartTag, apply_edits, scan

_TYPES = {"image/png": "png", "image/jpeg": "jpg"}


@dataclass(frozen=True)
class Image:
    name: str  # file name, beside the page
    data: bytes


def externalize(page_html: str, stem: str,
                webp_twin: Callable[[bytes], bytes | None] = lossless_webp.from_png) -> tuple[str, list[Image]]:
    """The page with its inline PNG/JPEG images replaced by files named `<stem>-<digest>.<ext>`
    (a PNG in a `<picture>` with its `<stem>-<digest>.webp` twin, where it has one), and those
    files' contents (for the caller to write beside the page). `webp_twin` makes a PNG's twin
    (lossless_webp.StoredTwins.from_png in a build, to encode each figure once)."""
    edits, images = [], {}
    for piece in scan(page_html):
        if not isinstance(piece, StartTag) or piece.name != "img":
            continue
        src = piece.attrs.get("src") or ""
        header, _, payload = src.partition(",")
        kind = header.removeprefix("data:").removesuffix(";base64")
        if not header.startswith("data:") or not header.endswith(";base64") or kind not in _TYPES:
            continue
        try:
            data = base64.b64decode(payload, validate=False)
        except (binascii.Error, ValueError):
            continue
        base = f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}"
        name = f"{base}.{_TYPES[kind]}"
        if name not in images:
            images[name] = Image(name, data)
            webp = webp_twin(data) if kind == "image/png" else None
            if webp is not None:
                images[f"{base}.webp"] = Image(f"{base}.webp", webp)
        attrs = {**piece.attrs, "src": name, "loading": "lazy", "decoding": "async"}
        size = _pixel_size(data)
        if size and "width" not in piece.attrs and "height" not in piece.attrs:
            attrs["width"], attrs["height"] = (str(v) for v in size)
        img = _tag("img", attrs)
        if f"{base}.webp" in images:
            img = f'<picture>{_tag("source", {"type": "image/webp", "srcset": f"{base}.webp"})}{img}</picture>'
        edits.append((piece.start, piece.end, img))
    if not edits:
        return page_html, []
    return apply_edits(page_html, edits), list(images.values())


def write(images: list[Image], folder: Path) -> None:
    for image in images:
        atomic.write_bytes(folder / image.name, image.data)


def _tag(name: str, attrs: dict[str, str | None]) -> str:
    parts = [name] + [key if value is None else f'{key}="{html_lib.escape(value)}"' for key, value in attrs.items()]
    return f"<{' '.join(parts)}>"


def _pixel_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR chunk or a JPEG's start-of-frame marker."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5:i + 9])
                return width, height
            i += 2 + length
    return None
