"""Bytes transferred with gzip on a page's first load, for every page of a built site: an upper bound.

Lighthouse (benchmarks/lighthouse.py) measures what Chromium fetches on 10 pages; this reads every
`*.html` of a built site (404.html too; redirect pages, `<meta http-equiv="refresh">`, are skipped)
and adds up, without a browser, what its first load fetches from the site itself, each file once:

- the page; `<link rel=stylesheet|preload|modulepreload|icon href>` (the preloads are KaTeX's
  fonts); every `<script src>`, deferred or not;
- every `<img>`, also `loading="lazy"` ones: Chromium fetches a lazy image within 1 250–2 500 px
  of the viewport, and counting all of them keeps this an upper bound. In a `<picture>` with a
  `<source type="image/webp" srcset>` the WebP counts instead of the `<img src>` (Chromium takes the
  WebP); of several candidates in a srcset, the largest file counts;
- what scripts fetch on load, as this site's scripts do it. Material's script, on a page with its
  search form, fetches `search/search_index.json` (kobai/search_index.py shrinks it to the search
  config) and starts the search worker named in its config; overrides/main.html names Kōbai's
  worker (assets/javascripts/workers/kobai-search.js) instead, which is what counts then. The
  explorer (docs/assets/javascripts/explorer.js) fetches one `{activation}-{init}.json` chunk: the
  largest over the choices of its form counts.

Not counted: the search documents (`search/search_index.<lang>.json`) and Material's own search
worker (`search.*.min.js`): Kōbai's worker loads them only when the reader opens search (focus on
the search box or a press on its icon; overrides/main.html, kobai-search.js). Nor `<a href>`,
`rel=prev/next/canonical/alternate` links (Material's script fetches `sitemap.xml` beside each
`rel=alternate` link: kobai/compat/material.py removes them from every page, 404.html included),
external and `data:` URLs (Material's
icons), fonts a stylesheet asks for without a preload (the kobai plugin preloads every KaTeX font
of the formulas laid out on load, kobai/katex_fonts.py; no other stylesheet here has an
@font-face) or HTTP headers (about 0.2 KiB a response from lighthouse.py's server). A same-site
`<iframe>`, `<video>`, `<audio>`, `<embed>` or `<object>` stops the script: it does not know what
they load.

A file's size is what lighthouse.py's server sends: gzip level 6 for its compressible suffixes, the
raw size otherwise. Relative URLs resolve against the page's URL (`x/index.html` is served as `x/`,
and a URL `x/` means `x/index.html`); a resource missing from the site stops the script with its
page and URL.

    .venv/bin/python benchmarks/page_weight.py [--site DIR] [--limit 150] [--show PAGE]

Prints the number of pages, the median and maximum total, the 15 heaviest pages with their three
largest files, every page over `--limit` KiB, and (--show) every file of the pages named. Exit
status 1 when a page is over the limit (so that CI can gate on it), 2 when a page cannot be
measured, 0 otherwise. Without --site the site is built into a temporary folder first, as
lighthouse.py does.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script, only benchmarks/ is on the path

from benchmarks.lighthouse import COMPRESSIBLE, build  # noqa: E402  (the suffixes its server gzips)

ORIGIN = "https://site.invalid"  # the site's pages are given URLs here; any other origin is external
HEAVIEST = 15
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "icon"}
# Elements that load something this script does not count: a page with a same-site one fails.
UNCOUNTED = {"iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
             "video": ("src", "poster"), "audio": ("src",)}
# overrides/main.html routes Material's search through this worker (an inline script names it)
KOBAI_WORKER = re.compile(r'"([^"\s]*/kobai-search\.js)"')
EXPLORER_CHOICES = ("activation", "init")  # explorer.js fetches the chunk `{activation}-{init}.json`


class PageWeightError(RuntimeError):
    """A page loads something that is not in the site, or something this script cannot count."""


@dataclass
class Page:
    name: str  # its URL path without the leading slash: "notebooks/gradient-flow/", "404.html"
    files: dict[str, int] = field(default_factory=dict)  # site-relative path -> bytes, the page's own first

    @property
    def total(self) -> int:
        return sum(self.files.values())


class Site:
    """A built site: URL resolution and file sizes (each file compressed once)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._sizes: dict[str, int] = {}

    def pages(self) -> list[Page]:
        """Every page, in path order; redirect pages are left out."""
        found = []
        for path in sorted(self.root.rglob("*.html")):
            page = self.measure(path.relative_to(self.root).as_posix())
            if page is not None:
                found.append(page)
        return found

    def measure(self, relative: str) -> Page | None:
        """The page at `relative` (a path in the site) with what its first load fetches; None for a redirect."""
        name = relative[: -len("index.html")] if relative == "index.html" or relative.endswith("/index.html") else relative
        loads = _Loads()
        loads.feed((self.root / relative).read_text(encoding="utf-8"))
        loads.close()
        if loads.redirect:
            return None
        page_url = urljoin(ORIGIN + "/" + name, loads.base or "")
        page = Page(name or "/")
        page.files[relative] = self.size(relative)

        def add(*refs: str) -> None:  # several: the candidates of one image; the largest counts
            files = [f for f in (self.locate(ref, page_url, page.name) for ref in refs) if f is not None]
            if files:
                largest = max(files, key=self.size)
                page.files[largest] = self.size(largest)

        for refs in loads.refs:
            add(*refs)
        for tag, attribute, ref in loads.uncounted:
            if self.locate(ref, page_url, page.name) is not None:
                raise PageWeightError(f"{page.name}: <{tag} {attribute}={ref!r}> loads something "
                                      f"benchmarks/page_weight.py does not count: teach it")
        if loads.search_form:
            config = loads.config(page.name)
            base = urljoin(page_url, config.get("base", "."))
            add(urljoin(base, "search/search_index.json"))
            worker = next((match.group(1) for script in loads.inline_scripts
                           for match in KOBAI_WORKER.finditer(script)), None)
            worker = worker or config.get("search")
            if not worker:
                raise PageWeightError(f"{page.name}: a search form but no search worker in Material's config")
            add(worker)
        if loads.explorer_base is not None:
            choices = [loads.options.get(name, []) for name in EXPLORER_CHOICES]
            if not all(choices):
                raise PageWeightError(f"{page.name}: the explorer's form lacks its choices {EXPLORER_CHOICES}")
            chunk_base = urljoin(page_url, loads.explorer_base)
            add(*(urljoin(chunk_base, f"{activation}-{init}.json") for activation in choices[0] for init in choices[1]))
        return page

    def locate(self, ref: str, page_url: str, page: str) -> str | None:
        """The site-relative file a URL on `page` names; None for an external or `data:` URL."""
        url = urlsplit(urljoin(page_url, ref.strip()))
        if f"{url.scheme}://{url.netloc}" != ORIGIN:
            return None
        relative = unquote(url.path).lstrip("/")
        path = self.root / relative
        if not relative or relative.endswith("/") or path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            raise PageWeightError(f"{page}: {ref!r} ({url.path}) is not in the site {self.root}")
        return path.relative_to(self.root).as_posix()

    def size(self, relative: str) -> int:
        """Bytes sent for a file: gzip level 6 when lighthouse.py's server compresses it, else raw."""
        if relative not in self._sizes:
            data = (self.root / relative).read_bytes()
            compress = Path(relative).suffix in COMPRESSIBLE
            self._sizes[relative] = len(gzip.compress(data, compresslevel=6)) if compress else len(data)
        return self._sizes[relative]


class _Loads(HTMLParser):
    """What one page's markup asks for: `refs` (each a tuple of candidate URLs, of which one file
    is fetched), and what the page's scripts need to know (config, inline scripts, forms)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, ...]] = []
        self.uncounted: list[tuple[str, str, str]] = []  # (tag, attribute, URL)
        self.base: str | None = None
        self.redirect = False
        self.search_form = False
        self.inline_scripts: list[str] = []
        self.explorer_base: str | None = None
        self.options: dict[str, list[str]] = {}  # a <select name>'s option values
        self._config: str | None = None
        self._pictures: list[list[str]] = []  # per open <picture>: its WebP candidates
        self._script: list[str] | None = None  # text of the inline script being read
        self._script_is_config = False
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a: dict[str, str] = {}
        for key, value in attrs:
            a.setdefault(key, value or "")  # of a repeated attribute, the first (as browsers keep it)
        if tag == "base" and self.base is None and a.get("href"):
            self.base = a["href"]
        elif tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.redirect = True
        elif tag == "link" and LOADING_RELS & set(a.get("rel", "").lower().split()) and a.get("href"):
            self.refs.append((a["href"],))
        elif tag == "script":
            if a.get("src"):
                self.refs.append((a["src"],))
            else:
                self._script, self._script_is_config = [], a.get("id") == "__config"
        elif tag == "picture":
            self._pictures.append([])
        elif tag == "source" and self._pictures and a.get("type", "").lower() == "image/webp":
            self._pictures[-1] += _srcset(a.get("srcset", ""))
        elif tag == "img":
            if self._pictures and self._pictures[-1]:
                candidates = self._pictures[-1]  # the WebP of the <picture>, not this fallback
            else:
                candidates = ([a["src"]] if a.get("src") else []) + _srcset(a.get("srcset", ""))
            if candidates:
                self.refs.append(tuple(candidates))
        elif tag == "form" and a.get("name") == "search":
            self.search_form = True
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and a.get("value") is not None:
            self.options.setdefault(self._select, []).append(a["value"])
        elif tag in UNCOUNTED:
            self.uncounted += [(tag, name, a[name]) for name in UNCOUNTED[tag] if a.get(name)]
        if "data-explorer" in a and a.get("data-base"):
            self.explorer_base = a["data-base"]

    def handle_endtag(self, tag):
        if tag == "picture" and self._pictures:
            self._pictures.pop()
        elif tag == "select":
            self._select = None
        elif tag == "script" and self._script is not None:
            text = "".join(self._script)
            if self._script_is_config:
                self._config = text
            else:
                self.inline_scripts.append(text)
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def config(self, page: str) -> dict:
        """Material's config (`<script id="__config">`): its base URL and search worker."""
        try:
            return json.loads(self._config or "")
        except ValueError:
            raise PageWeightError(f"{page}: a search form but no readable Material config (<script id=\"__config\">)") from None


def _srcset(srcset: str) -> list[str]:
    """The URLs of a srcset ("a.webp 1x, b.webp 2x" -> ["a.webp", "b.webp"])."""
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]


def kib(size: float) -> str:
    return f"{size / 1024:.1f}"


def report(pages: list[Page], limit_kib: float) -> bool:
    """Print the summary; whether every page is within the limit."""
    totals = [page.total for page in pages]
    heaviest = sorted(pages, key=lambda page: (-page.total, page.name))
    print(f"{len(pages)} pages: median {kib(statistics.median(totals))} KiB, "
          f"max {kib(max(totals))} KiB ({heaviest[0].name}), limit {limit_kib:g} KiB")
    print(f"\nthe {min(HEAVIEST, len(pages))} heaviest (KiB, with their three largest files):")
    for page in heaviest[:HEAVIEST]:
        largest = sorted(page.files.items(), key=lambda item: -item[1])[:3]
        names = ", ".join(f"{'page' if path == next(iter(page.files)) else Path(path).name} {kib(size)}"
                          for path, size in largest)
        print(f"  {kib(page.total):>6}  {page.name:<40} {names}")
    over = [page for page in heaviest if page.total > limit_kib * 1024]
    print(f"\n{len(over)} over the limit of {limit_kib:g} KiB" + (":" if over else ""))
    for page in over:
        print(f"  {kib(page.total):>6}  {page.name}  (+{kib(page.total - limit_kib * 1024)})")
    return not over


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--limit", type=float, default=150, help="KiB a page may transfer (default 150)")
    parser.add_argument("--show", action="append", default=[], metavar="PAGE",
                        help="also list every file this page loads (its name as printed: notebooks/gradient-flow/)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        try:
            pages = Site(site).pages()
            if not pages:
                raise PageWeightError(f"no pages (*.html) in {site}")
        except PageWeightError as error:
            print(f"page_weight: {error}", file=sys.stderr)
            return 2
    within = report(pages, args.limit)
    for name in args.show:
        page = next((page for page in pages if page.name == name), None)
        if page is None:
            print(f"\n{name}: no such page")
            continue
        print(f"\n{name}: {kib(page.total)} KiB")
        for path, size in page.files.items():
            print(f"  {kib(size):>6}  {path}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
