"""Keep notebook pages light: one shared Jupyter stylesheet instead of ~600 KB inline per page.

mkdocs-jupyter's template inlines the whole Jupyter CSS in every notebook page. The blocks are
identical from page to page, so they move into one content-hashed file that browsers cache.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from posixpath import relpath

_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
ASSET_DIR = "assets/stylesheets"


class SharedStylesheet:
    """Collects the inline <style> blocks of notebook pages and links one shared file instead."""

    def __init__(self) -> None:
        self._css: str | None = None

    @staticmethod
    def _notebook_region(html: str) -> tuple[int, int] | None:
        start = html.find('<div class="jupyter-wrapper">')
        if start < 0:
            return None
        return start, len(html)

    def extract(self, html: str, page) -> str:
        region = self._notebook_region(html)
        if region is None:
            return html
        start, end = region
        body = html[start:end]
        blocks = _STYLE.findall(body)
        if not blocks:
            return html
        css = "\n".join(b.strip() for b in blocks)
        if self._css is None or len(css) > len(self._css):
            self._css = css
        href = relpath(f"{ASSET_DIR}/{self.filename}", page.url.rstrip("/") or ".") if page.url else f"{ASSET_DIR}/{self.filename}"
        if page.url.endswith("/"):
            href = relpath(f"{ASSET_DIR}/{self.filename}", page.url.rstrip("/"))
        else:
            href = relpath(f"{ASSET_DIR}/{self.filename}", str(Path(page.url).parent) or ".")
        body = _STYLE.sub("", body)
        link = f'<link rel="stylesheet" href="{href}">'
        return html[:start] + link + body

    @property
    def filename(self) -> str:
        return "jupyter.css"

    def write(self, site_dir: Path) -> None:
        if self._css is None:
            return
        target = site_dir / ASSET_DIR / self.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self._css, encoding="utf-8")
