"""Helpers to walk a built site: its pages per language, and the links and ids inside them."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

NON_PAGE_DIRS = {"assets", "search", "figures"}


def pages(site: Path, lang: str, default: str = "ja") -> dict[str, Path]:
    """Map a page's language-neutral path ('problems/vanishing/') to its index.html."""
    found = {}
    for path in site.rglob("index.html"):
        parts = path.relative_to(site).parts
        in_lang = parts[0] == lang if lang != default else parts[0] != "en"
        if not in_lang or (set(parts) & NON_PAGE_DIRS):
            continue
        rel = parts[1:] if lang != default else parts
        found["/".join(rel[:-1]) + ("/" if len(rel) > 1 else "")] = path
    return found


class PageParser(HTMLParser):
    """Collects the attributes that point somewhere, the ids, and the <html lang>."""

    LINK_ATTRS = {("a", "href"), ("img", "src"), ("link", "href"), ("script", "src"), ("source", "src")}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.lang: str | None = None
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "img":
            self.images.append(attrs)
        for t, attr in self.LINK_ATTRS:
            if tag == t and attrs.get(attr):
                self.links.append((tag, attrs[attr]))
        if tag in ("img", "source") and attrs.get("srcset"):  # "url [descriptor], url [descriptor]…"
            self.links.extend((tag, candidate.split()[0]) for candidate in attrs["srcset"].split(",") if candidate.strip())


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
