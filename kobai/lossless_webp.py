"""A PNG's pixels as a lossless WebP, for browsers to fetch instead of the PNG.

A matplotlib figure of a notebook page (690×390, lines, grid and text) is a 43 KB PNG: the largest
request of the page, which a phone fetches even below the fold (Chromium loads lazy images within
1 250–2 500 px of the viewport). Lossless WebP stores the same pixels in 17 KB; re-encoding the
PNG itself (Pillow's optimize, alpha dropped where opaque) only reaches 38 KB, and no figure has
few enough colours for a palette. Smaller figures (lower DPI) would blur them on phones, where
they are already shown at about one image pixel per device pixel.

The WebP is kept only if it decodes to exactly the PNG's pixels and is smaller. PNGs that carry
what a WebP written here would not (a gamma or colour profile, colour-key transparency, 16-bit
samples, animation) get none: the browser would show them differently. Neither does any PNG when
Pillow was built without WebP (PyPI's wheels have it): the pages then show their PNGs, and
tests/site/test_notebook_pages.py says the twins are missing.

Encoding takes about 0.13 s a figure (0.8 s for the six of a build), so `StoredTwins` keeps the
twins between builds, as kobai/katex.py keeps rendered formulas: a warm build encodes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import io
from pathlib import Path

from PIL import Image, features

from kobai import build_cache

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RGB, _RGBA = 2, 6  # PNG colour types, as matplotlib writes them (8 bits per sample)
_DROPPED = ("gamma", "icc_profile", "chromaticity", "transparency")  # Pillow's names for gAMA, iCCP, cHRM, tRNS


def from_png(png: bytes) -> bytes | None:
    """The lossless WebP of an 8-bit RGB(A) PNG, or None when it would not be the same pixels in
    fewer bytes."""
    eight_bit_rgb = png[:8] == _PNG_SIGNATURE and png[12:16] == b"IHDR" and png[24:26] in (bytes((8, _RGB)), bytes((8, _RGBA)))
    if not eight_bit_rgb or not features.check("webp"):
        return None
    try:
        return _same_pixels_smaller(png)
    except OSError:  # a PNG Pillow cannot read: the page keeps it as it is, without a twin
        return None


def _same_pixels_smaller(png: bytes) -> bytes | None:
    with Image.open(io.BytesIO(png)) as image:
        if getattr(image, "is_animated", False) or any(key in image.info for key in _DROPPED):
            return None
        image.load()
        out = io.BytesIO()
        # quality is the lossless encoder's effort; method 4 gives method 6's bytes in a tenth of the time
        image.save(out, "WEBP", lossless=True, quality=100, method=4, exact=True)
        webp = out.getvalue()
        if len(webp) >= len(png):
            return None
        with Image.open(io.BytesIO(webp)) as decoded:
            same = (decoded.size == image.size
                    and decoded.convert("RGBA").tobytes() == image.convert("RGBA").tobytes())
    return webp if same else None


class StoredTwins:
    """`from_png`'s answers kept between builds (kobai/build_cache.py), by the PNG's digest.

    Valid only for the same code and the same Pillow and libwebp (the file records their digest)."""

    def __init__(self, path: Path) -> None:
        encoder = f"{Image.__version__} {features.version('webp')}".encode()
        self._kept = build_cache.KeptAnswers(
            path, hashlib.sha256(Path(__file__).read_bytes() + encoder).hexdigest()[:16], field="twins")
        self.path = self._kept.path

    def from_png(self, png: bytes) -> bytes | None:
        def encoded() -> str | None:
            webp = from_png(png)
            return None if webp is None else base64.b64encode(webp).decode("ascii")

        stored = self._kept.answer(hashlib.sha256(png).hexdigest(), encoded)
        return None if stored is None else base64.b64decode(stored)

    def save(self) -> None:
        self._kept.save()
