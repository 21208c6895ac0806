"""Keep notebook pages light: one shared Jupyter stylesheet instead of ~600 KB inline per page.

mkdocs-jupyter's template inlines the whole Jupyter CSS in every notebook page. The blocks are the
same from page to page, so they move into one content-hashed file at the site root that browsers
fetch once, whatever the page's language.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from kobai import atomic

_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_ARTICLE = "<article"
ASSET_DIR = "assets/stylesheets"


class SharedStylesheet:
    """Moves the inline <style> blocks of notebook pages into shared files, one per distinct CSS."""

    def __init__(self) -> None:
        self._files: dict[str, str] = {}  # file name -> CSS

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
        name = f"jupyter.{hashlib.sha256(css.encode()).hexdigest()[:10]}.css"
        self._files[name] = css
        href = Path(os.path.relpath(site_root / ASSET_DIR / name, page_path.parent)).as_posix()
        return f'{html[:start]}<link rel="stylesheet" href="{href}">{_STYLE.sub("", body)}'

    def write(self, site_root: Path) -> list[Path]:
        """Write every shared stylesheet seen so far under `site_root`; return their paths."""
        written = []
        for name, css in self._files.items():
            target = site_root / ASSET_DIR / name
            atomic.write_text(target, css)
            written.append(target)
        return written
