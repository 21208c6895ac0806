"""kobai/lossless_webp.py: a PNG's twin has exactly its pixels in fewer bytes, or there is none; twins
are kept between builds."""

from __future__ import annotations

import hashlib
import io
import json
import random
import struct
import zlib

import pytest
from PIL import Image, ImageDraw

from kobai.lossless_webp import from_png


def _encoded(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", **options)
    return out.getvalue()


def _plot() -> Image.Image:
    """Something like a matplotlib figure: opaque, a faint grid, a coloured line, text."""
    image = Image.new("RGBA", (320, 200), "white")
    draw = ImageDraw.Draw(image)
    for x in range(20, 320, 20):
        draw.line([(x, 0), (x, 200)], fill=(230, 230, 230, 255))
    draw.line([(0, 190), (120, 60), (320, 20)], fill=(31, 119, 180, 255), width=2)
    draw.text((10, 10), "gradient norm per layer", fill=(0, 0, 0, 255))
    return image


def _pixels(data: bytes) -> tuple[tuple[int, int], bytes]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size, image.convert("RGBA").tobytes()


def test_a_figure_becomes_a_smaller_webp_with_exactly_its_pixels():
    for image in (_plot(), _plot().convert("RGB")):
        png = _encoded(image)
        webp = from_png(png)
        assert webp is not None and webp[:4] == b"RIFF" and webp[8:12] == b"WEBP"
        assert _pixels(webp) == _pixels(png)
        assert len(webp) < len(png)


def test_no_twin_when_webp_is_not_smaller():
    noise = Image.frombytes("RGBA", (64, 64), random.Random(0).randbytes(64 * 64 * 4))
    assert from_png(_encoded(noise)) is None


def test_no_twin_for_what_the_webp_would_show_differently():
    plot = _plot()
    with_gamma = _encoded(plot.convert("RGB"))
    chunk = b"gAMA" + struct.pack(">I", 45455)  # a gAMA chunk right after IHDR
    with_gamma = with_gamma[:33] + struct.pack(">I", 4) + chunk + struct.pack(">I", zlib.crc32(chunk)) + with_gamma[33:]
    assert _pixels(with_gamma) == _pixels(_encoded(plot.convert("RGB")))  # the test PNG is valid
    colour_key = _encoded(plot.convert("RGB"), transparency=(255, 255, 255))
    sixteen_bit = _encoded(plot.convert("I;16"))
    for png in (with_gamma, colour_key, sixteen_bit, _encoded(plot.convert("P")), b"\x89PNG\r\n\x1a\n", b"GIF89a"):
        assert from_png(png) is None


def test_a_damaged_png_gets_no_twin():
    png = _encoded(_plot())
    assert from_png(png[: len(png) // 2]) is None


def test_stored_twins_encode_each_png_once_and_keep_only_those_of_the_last_build(tmp_path, monkeypatch):
    import kobai.lossless_webp as lossless_webp

    path = tmp_path / "webp.json"
    figure, other = _encoded(_plot()), _encoded(_plot().rotate(90))
    first = lossless_webp.StoredTwins(path)
    twins = {png: first.from_png(png) for png in (figure, other, b"not a png")}
    first.save()
    assert twins[b"not a png"] is None and all(twins[png] == from_png(png) for png in (figure, other))

    def no_encoding(png):
        raise AssertionError("encoded again")

    monkeypatch.setattr(lossless_webp, "from_png", no_encoding)
    second = lossless_webp.StoredTwins(path)
    assert second.from_png(figure) == twins[figure] and second.from_png(b"not a png") is None
    second.save()  # `other` was not asked for: it is dropped
    assert len(json.loads(path.read_text(encoding="utf-8"))["twins"]) == 2
    with pytest.raises(AssertionError, match="encoded again"):
        lossless_webp.StoredTwins(path).from_png(other)


def test_stored_twins_of_another_encoder_are_not_used(tmp_path):
    import kobai.lossless_webp as lossless_webp

    path = tmp_path / "webp.json"
    png = _encoded(_plot())
    path.write_text(json.dumps({"version": "another", "twins": {hashlib.sha256(png).hexdigest(): None}}))
    assert lossless_webp.StoredTwins(path).from_png(png) == from_png(png) is not None
