"""benchmarks/page_weight.py on a tiny hand-made site: what a first load counts, and what it does not."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from benchmarks.page_weight import PageWeightError, Site, main

PAGE = """<!doctype html>
<html><head>
<link rel="canonical" href="https://example.org/page/">
<link rel="icon" href="../assets/favicon.png">
<link rel="stylesheet" href="../assets/style.css">
<link rel="preload" href="../assets/font.woff2" as="font" type="font/woff2" crossorigin>
<link rel="next" href="../other/">
</head><body>
<form class="md-search__form" name="search"><input name="query"></form>
<p>Some text <a href="../search/search_index.en.json">the search index</a>.</p>
<picture><source type="image/webp" srcset="fig.webp"><img src="fig.png" alt="a figure" loading="lazy"></picture>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
<script src="https://cdn.example.org/external.js"></script>
<script id="__config" type="application/json">{"base": "..", "search": "../assets/workers/search.1234abcd.min.js"}</script>
<script>
  var worker = new URL("../assets/workers/kobai-search.js", location.href);
  worker.searchParams.set("index", new URL("search/search_index." + "en" + ".json", base).href);
</script>
<script src="../assets/app.js" defer></script>
</body></html>
"""

FILES = {  # path in the site -> content; the page's first load fetches those marked True
    "page/index.html": (PAGE, True),
    "assets/favicon.png": (bytes(range(256)) * 3, True),
    "assets/style.css": ("body { color: #222; margin: 0 auto; }\n" * 40, True),
    "assets/font.woff2": (b"wOF2" + bytes(range(200)) * 5, True),
    "assets/app.js": ("document.addEventListener('DOMContentLoaded', () => {});\n" * 30, True),
    "page/fig.webp": (b"RIFF" + bytes(reversed(range(256))) * 4, True),
    "page/fig.png": (b"\x89PNG" + bytes(range(256)) * 9, False),  # the <picture>'s fallback: Chromium takes the WebP
    "search/search_index.json": ('{"config": {"lang": ["en"]}, "docs": []}', True),  # Material fetches it on load
    "assets/workers/kobai-search.js": ("self.addEventListener('message', () => {});\n" * 20, True),
    # fetched only when the reader opens search
    "search/search_index.en.json": ('{"location": "page/", "title": "Page", "text": "words"}\n' * 500, False),
    "assets/workers/search.1234abcd.min.js": ("var lunr = {};\n" * 200, False),
    "other/index.html": ("<!doctype html><title>other</title>", False),
}


def write_site(root: Path) -> None:
    for name, (content, _) in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)


def sent(content: str | bytes, name: str) -> int:
    data = content.encode("utf-8") if isinstance(content, str) else content
    compressible = name.endswith((".html", ".css", ".js", ".json"))
    return len(gzip.compress(data, compresslevel=6)) if compressible else len(data)


def test_first_load_counts_the_page_its_assets_and_the_webp_but_not_the_search_index(tmp_path):
    write_site(tmp_path)
    page = Site(tmp_path).measure("page/index.html")
    fetched = {name for name, (_, first_load) in FILES.items() if first_load}
    assert page.name == "page/"
    assert set(page.files) == fetched
    assert page.total == sum(sent(content, name) for name, (content, first_load) in FILES.items() if first_load)
    assert page.files["assets/style.css"] < len(FILES["assets/style.css"][0])  # gzipped
    assert page.files["assets/font.woff2"] == len(FILES["assets/font.woff2"][0])  # raw


def test_a_missing_resource_fails_with_the_page_and_the_url(tmp_path, capsys):
    write_site(tmp_path)
    (tmp_path / "assets" / "style.css").unlink()
    with pytest.raises(PageWeightError, match=r"page/: '\.\./assets/style\.css' \(/assets/style\.css\) is not in the site"):
        Site(tmp_path).measure("page/index.html")
    assert main(["--site", str(tmp_path)]) == 2
    assert "assets/style.css" in capsys.readouterr().err


def test_the_exit_status_says_whether_a_page_is_over_the_limit(tmp_path, capsys):
    write_site(tmp_path)
    total = Site(tmp_path).measure("page/index.html").total
    (tmp_path / "index.html").write_text('<meta http-equiv="refresh" content="0; url=page/">', encoding="utf-8")
    assert main(["--site", str(tmp_path), "--limit", str(total / 1024 + 0.1)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 pages: ")  # page/ and other/; the redirect is skipped
    assert "0 over the limit" in out
    assert main(["--site", str(tmp_path), "--limit", str(total / 1024 - 0.1)]) == 1
    assert "1 over the limit" in capsys.readouterr().out
