"""kobai/notebook_images.py: inline PNG/JPEG outputs become files named by their content (PNGs with a
lossless WebP twin)."""

from __future__ import annotations

import base64
import io
import random
import struct
import zlib

from PIL import Image

from kobai.notebook_images import externalize


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_an_inline_png_becomes_a_lazy_file_with_its_size_and_a_webp_twin():
    png = _png(3, 2)
    page = (f'<p>a > b</p><img alt="x > y" class="" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
            '<img src="plot.svg">')
    out, images = externalize(page, "clipping")
    image, twin = images
    assert image.data == png and image.name.startswith("clipping-") and image.name.endswith(".png")
    assert twin.name == image.name.removesuffix(".png") + ".webp"
    with Image.open(io.BytesIO(twin.data)) as webp, Image.open(io.BytesIO(png)) as original:
        assert webp.format == "WEBP" and webp.convert("RGBA").tobytes() == original.convert("RGBA").tobytes()
    assert len(twin.data) < len(png)
    assert out == (f'<p>a > b</p><picture><source type="image/webp" srcset="{twin.name}">'
                   f'<img alt="x &gt; y" class="" src="{image.name}" loading="lazy" decoding="async" '
                   'width="3" height="2"></picture><img src="plot.svg">')


def test_a_png_without_a_smaller_twin_and_a_jpeg_stay_plain_images():
    out = io.BytesIO()
    Image.frombytes("RGBA", (64, 64), random.Random(0).randbytes(64 * 64 * 4)).save(out, "PNG")  # noise: WebP is larger
    Image.new("RGB", (4, 4), "red").save(jpeg := io.BytesIO(), "JPEG")
    page = "".join(f'<img src="data:image/{kind};base64,{base64.b64encode(data).decode()}">'
                   for kind, data in (("png", out.getvalue()), ("jpeg", jpeg.getvalue())))
    out_html, images = externalize(page, "n")
    assert [image.name.rsplit(".", 1)[1] for image in images] == ["png", "jpg"]
    assert "<picture>" not in out_html and out_html.count("<img ") == 2


def test_the_same_image_twice_is_one_file_and_other_data_urls_stay():
    data = base64.b64encode(_png(1, 1)).decode()
    svg = '<img src="data:image/svg+xml;base64,PHN2Zy8+">'
    page = f'<img src="data:image/png;base64,{data}"><img src="data:image/png;base64,{data}">{svg}'
    out, images = externalize(page, "n")
    png, webp = images
    assert out.count(png.name) == 2 and out.count(webp.name) == 2 and svg in out


def test_a_page_without_inline_images_is_returned_unchanged():
    page = "<p>no figures</p>"
    assert externalize(page, "n") == (page, [])
