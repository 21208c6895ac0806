"""Keep notebook pages light: one small shared Jupyter stylesheet instead of ~600 KB inline per page.

mkdocs-jupyter's template inlines the whole JupyterLab CSS in every notebook page. The blocks are
the same from page to page, so they move into one content-hashed file at the site root that
browsers fetch once, whatever the page's language; and of that CSS only the rules that can style
an element of a notebook page are written (kobai/unused_css.py), followed by kobai's own notebook
rules (kobai/notebook.css: code cells in Material's colours).

The pruned file can be named only once every notebook page of every language has been seen, but
mkdocs-static-i18n writes the Japanese pages before it renders the English ones. So pages first
link a placeholder name, and `write` (at the end of the build) puts the final name into the
pages it was given.

Pruning takes about 0.4 s of CPU, plus 0.25 s the first time soupsieve compiles its own patterns:
the result is cached (`cache_path`), keyed by everything it depends on (the CSS, the pages, the
pruner's code and libraries), so a build whose notebooks did not change does not prune again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kobai import atomic, unused_css

log = logging.getLogger("mkdocs.plugins.kobai")

_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_ARTICLE = "<article"
ASSET_DIR = "assets/stylesheets"
KOBAI_NOTEBOOK_CSS = Path(__file__).with_name("notebook.css")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


@dataclass
class _Sheet:
    css: str  # the inline CSS as mkdocs-jupyter wrote it
    pages: dict[Path, str] = field(default_factory=dict)  # where each page is written -> its content

    @property
    def placeholder(self) -> str:
        return f"jupyter.pending-{_digest(self.css)}.css"


class SharedStylesheet:
    """Moves the inline <style> blocks of notebook pages into shared files, one per distinct CSS,
    pruned to what those pages use."""

    def __init__(self, own_css: str = "") -> None:
        self._sheets: dict[str, _Sheet] = {}  # placeholder file name -> sheet
        self._own_css = own_css.strip()

    def extract(self, html: str, page_path: Path, site_root: Path) -> str:
        """Return the page without the <style> blocks inside its article (or, for page content
        without an <article>, anywhere), linking a shared file instead.

        `page_path` is where the page is written, `site_root` the top of the whole site (the
        stylesheet lives there once for every language).
        """
        start = html.find(_ARTICLE)
        start = 0 if start < 0 else start  # page content alone (on_page_content) has no <article>
        body = html[start:]
        css = "\n".join(block.strip() for block in _STYLE.findall(body))
        if not css:
            return html
        body = _STYLE.sub("", body)
        sheet = _Sheet(css)
        sheet = self._sheets.setdefault(sheet.placeholder, sheet)
        sheet.pages[page_path] = body
        href = Path(os.path.relpath(site_root / ASSET_DIR / sheet.placeholder, page_path.parent)).as_posix()
        return f'{html[:start]}<link rel="stylesheet" href="{href}">{body}'

    def write(self, site_root: Path, cache_path: Path | None = None) -> list[Path]:
        """Write every shared stylesheet seen so far under `site_root`, pruned to the rules its
        pages use, and point those pages (where written) at it; return the stylesheets' paths.
        `cache_path` keeps the pruned CSS from one build to the next."""
        written = []
        cache = _PruneCache(cache_path)
        for placeholder, sheet in self._sheets.items():
            started = time.perf_counter()
            pages = [sheet.pages[path] for path in sorted(sheet.pages)]
            css, cached = cache.pruned(sheet.css, pages)
            log.info("kobai: notebook CSS pruned from %d to %d bytes for %d pages in %.2f s%s",
                     len(sheet.css.encode()), len(css.encode()), len(pages), time.perf_counter() - started,
                     " (cached)" if cached else "")
            css = f"{css}\n{self._own_css}\n" if self._own_css else f"{css}\n"
            name = f"jupyter.{_digest(css)}.css"
            target = site_root / ASSET_DIR / name
            atomic.write_text(target, css)
            written.append(target)
            for page_path in sheet.pages:
                if page_path.exists():
                    page = page_path.read_text(encoding="utf-8")
                    atomic.write_text(page_path, page.replace(f"/{placeholder}\"", f"/{name}\"", 1))
        self._sheets.clear()  # `mkdocs serve` builds again from scratch with the same plugin
        cache.save()
        return written


class _PruneCache:
    """Pruned CSS by a digest of all that pruning depends on; keeps the entries of the last build."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._used: dict[str, str] = {}
        try:
            self._entries = json.loads(path.read_text(encoding="utf-8"))["entries"] if path else {}
        except (OSError, ValueError, KeyError, TypeError):
            self._entries = {}

    def pruned(self, css: str, pages: Sequence[str]) -> tuple[str, bool]:
        """The pruned CSS, and whether it came from the cache."""
        key = _prune_key(css, pages)
        cached = self._entries.get(key)
        self._used[key] = cached if isinstance(cached, str) else unused_css.prune(css, pages)
        return self._used[key], isinstance(cached, str)

    def save(self) -> None:
        if self._path is not None and self._used != self._entries:
            atomic.write_text(self._path, json.dumps({"entries": self._used}, ensure_ascii=False))


def _prune_key(css: str, pages: Sequence[str]) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(Path(unused_css.__file__).read_bytes())
    for part in (*(version(p) for p in ("tinycss2", "soupsieve", "beautifulsoup4")), css, *pages):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()
