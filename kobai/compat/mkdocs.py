"""MkDocs internals that the site uses: notebooks as page sources, one page rebuilt under serve.

Written against mkdocs 1.6.1 (`TESTED_VERSION`); tests/kobai/test_compat.py fails with a clear
message when the installed MkDocs is another version.

MkDocs must itself see notebooks as page sources: mkdocs-static-i18n rebuilds every File object
after mkdocs-jupyter has wrapped notebooks as pages, and the rebuilt ones would be copied as raw
JSON. `File.is_documentation_page` asks `mkdocs.utils.is_markdown_file(src_uri)`, so that one test
is widened, and only for the notebook folders.

`keep_rendered_pages` memoizes `Page.render` (Markdown to HTML, with MkDocs' own link, anchor
and title tree processors: a quarter of a warm build) by everything it reads, so an unchanged
Markdown page is not converted again; what it logged (a broken link, say) is logged again.

Under `mkdocs serve`, kobai/live_rebuild.py rebuilds an edited page alone with the two private
steps MkDocs' own `build()` runs for each page (`_populate_page`: Markdown and the page events;
`_build_page`: template, `on_post_page`, write), and stands in for the live-reload server's
`builder`, reading the paths it watches (`_watched_paths`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from importlib.metadata import version
from pathlib import Path

import mkdocs.utils
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from kobai.build_cache import MISSING
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import InclusionLevel

PACKAGE = "mkdocs"
TESTED_VERSION = "1.6.1"

_MARKDOWN_ONLY = mkdocs.utils.is_markdown_file  # MkDocs' own test, kept to wrap it once


def treat_as_pages(extensions: list[str], folders: list[str]) -> None:
    """Make MkDocs classify files with these extensions *inside these docs folders* as pages.

    Only MkDocs' own test is widened, and only for the notebook folders: any other `.py` under
    docs/ stays a plain file, never a page.
    """
    suffixes = tuple(extensions)
    prefixes = tuple(f"{folder.strip('/')}/" for folder in folders)

    def is_page_source(path: str) -> bool:
        return _MARKDOWN_ONLY(path) or (path.endswith(suffixes) and path.replace("\\", "/").startswith(prefixes))

    mkdocs.utils.is_markdown_file = is_page_source


def render_page(page, config, files) -> None:
    """Read one page's source again and render it, with every plugin's page events, as a build does."""
    mkdocs_build._populate_page(page, config, files)


def write_page(page, config, files, nav, env) -> None:
    """Render one page's template (with `on_page_context` and `on_post_page`) and write it, as a
    serve build does (drafts included)."""
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    mkdocs_build._build_page(page, config, doc_files, nav, env)


def watched_paths(server) -> list[str]:
    """The files and folders a `mkdocs serve` live-reload server watches."""
    return list(server._watched_paths)


def replace_builder(server, make_builder) -> None:
    """Put `make_builder(original builder)` in place of the server's builder (called after each save)."""
    server.builder = make_builder(server.builder)


_RENDER_LOGGER = "mkdocs.structure.pages"  # where Page.render's tree processors log broken links


def rendered_pages_version(config) -> str:
    """What every rendered page depends on besides its own Markdown and the site's files: the
    Markdown extensions and their options (functions, such as the toc's slugify, by name and
    arguments), link settings, and the code."""
    described = [config["markdown_extensions"], config["mdx_configs"], config.use_directory_urls, str(config.validation),
                 [version(name) for name in ("mkdocs", "markdown", "pymdown-extensions")],
                 Path(__file__).read_text(encoding="utf-8")]
    return hashlib.sha256(json.dumps(described, default=_describe, sort_keys=True).encode()).hexdigest()[:16]


def _describe(value) -> object:
    """A JSON-able description of a non-JSON option value (the same across processes)."""
    if isinstance(value, functools.partial):
        return ["partial", value.func, list(value.args), value.keywords]
    if callable(value):
        cells = [cell.cell_contents for cell in (getattr(value, "__closure__", None) or ())]
        return [getattr(value, "__module__", ""), getattr(value, "__qualname__", type(value).__qualname__), cells]
    return [type(value).__qualname__, repr(value)]


def keep_rendered_pages(kept) -> None:
    """Make `Page.render` take an unchanged page's result from `kept` (a
    kobai.build_cache.KeptAnswers of `rendered_pages_version(config)`); other pages are rendered
    by MkDocs as always and kept for the next build. Notebook pages (mkdocs-jupyter gives each its
    own `render`) are not affected."""
    original = getattr(Page.render, "__wrapped__", Page.render)
    signatures: dict[int, tuple[object, str, dict]] = {}  # id(files) -> (files, digest, src_uri -> File)

    def files_signature(files):
        known = signatures.get(id(files))
        if known is None or known[0] is not files:
            described = sorted((f.src_uri, f.dest_uri, f.url, f.is_documentation_page(), str(f.inclusion)) for f in files)
            known = signatures[id(files)] = (files, hashlib.sha256(json.dumps(described).encode()).hexdigest(),
                                             {f.src_uri: f for f in files})
        return known[1], known[2]

    def render(page, config, files):
        if page.markdown is None:
            return original(page, config, files)
        digest, by_src = files_signature(files)
        key = hashlib.sha256(json.dumps([page.file.src_uri, page.file.dest_uri, page.file.url, digest]).encode()
                             + b"\0" + page.markdown.encode()).hexdigest()
        stored = kept.get(key)
        if stored is not MISSING:
            _replay(stored, page, by_src)
            return None
        logged = _Recorder()
        logger = logging.getLogger(_RENDER_LOGGER)
        logger.addHandler(logged)
        try:
            original(page, config, files)
        finally:
            logger.removeHandler(logged)
        kept.put(key, {
            "content": page.content, "toc": _toc_tokens(page.toc),
            "title": page._title_from_render, "anchors": sorted(page.present_anchor_ids or ()),
            "links_to_anchors": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
            "has_links": page.links_to_anchors is not None, "log": logged.records})
        return None

    render.__wrapped__ = original
    Page.render = render


def _replay(stored: dict, page, by_src: dict) -> None:
    page.content = stored["content"]
    page.toc = get_toc(stored["toc"])
    page._title_from_render = stored["title"]
    page.present_anchor_ids = set(stored["anchors"])
    if stored["has_links"]:
        page.links_to_anchors = {by_src[src]: links for src, links in stored["links_to_anchors"].items()}
    for level, message in stored["log"]:
        logging.getLogger(_RENDER_LOGGER).log(level, message)


def _toc_tokens(toc) -> list[dict]:
    """The tokens `get_toc` makes this table of contents from."""
    return [{"level": item.level, "id": item.id, "name": item.title, "children": _toc_tokens(item.children)}
            for item in toc]


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))
