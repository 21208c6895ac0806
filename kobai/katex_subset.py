"""KaTeX's fonts, published with only the characters the site's formulas show.

KaTeX ships each font whole: Main-Regular 26 KB, Math-Italic 16 KB, AMS-Regular 28 KB, and a
math page downloads the two or three its formulas use (preloaded, kobai/katex_fonts.py). The
build knows every formula it typeset, so each published font keeps the glyphs of every character
that any formula of the site shows, and no others. The set is the same for every font, a superset
of what each one draws: a font never lacks a glyph a formula asks it for. Measured on this site
(132 characters): Main-Regular 26 272 → 12 244 B, Math-Italic 16 440 → 12 628 B, AMS-Regular
28 076 → 8 328 B. tests/browser/test_math.py compares the math drawn with the published fonts
and with KaTeX's whole ones, pixel for pixel.

Fonts no formula uses are published whole (no page loads them). Under `mkdocs serve` the whole
fonts are published: a formula added by a page-only rebuild could show a character that the
fonts of the last full build did not keep.

Subsetting takes fontTools (a matplotlib dependency) and Brotli for WOFF2; the subsets are kept
between builds (kobai/build_cache.py), keyed by the font and the characters.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import io
from collections.abc import Iterable
from pathlib import Path

from kobai import atomic, build_cache
from kobai.html_scan import EndTag, StartTag, Text, scan

_HIDDEN = {"annotation"}  # MathML's copy of the TeX source: never drawn
# FreeType's auto-hinter (Chromium on Linux and Android) measures a font's alignment zones on these
# reference characters (afblue.dat: Latin and Greek): a subset without them draws the same glyphs
# a pixel differently (seen on δ). They stay in every subset.
HINTING_REFERENCE = "THEZOCQSHEZLOCUSfijkdbhxzroescpqgjy" "ΓΒΕΖΘΟΩΒΔΖΞΘΟβθδζλξαειοπστωβγημρφχψ"


def characters(renders: Iterable[str]) -> str:
    """Every character that these KaTeX renders (HTML with MathML) show, sorted."""
    shown: set[str] = set()
    for render in renders:
        hidden = 0
        for piece in scan(render):
            if isinstance(piece, StartTag) and piece.name in _HIDDEN and not piece.self_closing:
                hidden += 1
            elif isinstance(piece, EndTag) and piece.name in _HIDDEN:
                hidden = max(0, hidden - 1)
            elif isinstance(piece, Text) and not hidden:
                shown |= set(html_lib.unescape(render[piece.start:piece.end]))
    shown -= {"\n", "\r", "\t"}
    return "".join(sorted(shown))


def subset_woff2(font: bytes, shown: str) -> bytes:
    """The WOFF2 font with only the glyphs of these characters (and what they need: layout
    features, the .notdef glyph, names and hinting stay; so do the auto-hinter's reference
    characters)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    parsed = TTFont(io.BytesIO(font), recalcTimestamp=False)  # the same font gives the same bytes at every build
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in shown + HINTING_REFERENCE}))
    subsetter.subset(parsed)
    out = io.BytesIO()
    parsed.flavor = "woff2"
    parsed.save(out)
    return out.getvalue()


class StoredSubsets:
    """`subset_woff2`'s answers kept between builds, by the font's digest and the characters."""

    def __init__(self, path: Path) -> None:
        from fontTools import version as fonttools_version

        code = Path(__file__).read_bytes() + fonttools_version.encode()
        self._kept = build_cache.KeptAnswers(path, hashlib.sha256(code).hexdigest()[:16], field="subsets")

    def subset_woff2(self, font: bytes, shown: str) -> bytes:
        key = hashlib.sha256(font + b"\0" + shown.encode()).hexdigest()
        return base64.b64decode(self._kept.answer(key, lambda: base64.b64encode(subset_woff2(font, shown)).decode("ascii")))

    def save(self) -> None:
        self._kept.save()


def publish(folder: Path, used: Iterable[str], shown: str, subsets: StoredSubsets) -> dict[str, tuple[int, int]]:
    """Replace each used font file (a path relative to `folder`, KaTeX's published stylesheet's
    folder) by its subset, when that is smaller; returns {name: (bytes before, bytes after)}."""
    sizes = {}
    for name in sorted(set(used)):
        path = folder / name
        if not name.endswith(".woff2") or not path.is_file() or not shown:
            continue
        whole = path.read_bytes()
        smaller = subsets.subset_woff2(whole, shown)
        if len(smaller) < len(whole):
            atomic.write_bytes(path, smaller)
            sizes[name] = (len(whole), len(smaller))
    return sizes
