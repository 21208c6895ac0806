"""MkDocs internals that the site uses: notebooks as page sources, one page rebuilt under serve.

Written against mkdocs 1.6.1 (`TESTED_VERSION`); tests/kobai/test_compat.py fails with a clear
message when the installed MkDocs is another version.

MkDocs must itself see notebooks as page sources: mkdocs-static-i18n rebuilds every File object
after mkdocs-jupyter has wrapped notebooks as pages, and the rebuilt ones would be copied as raw
JSON. `File.is_documentation_page` asks `mkdocs.utils.is_markdown_file(src_uri)`, so that one test
is widened, and only for the notebook folders.

Under `mkdocs serve`, kobai/live_rebuild.py rebuilds an edited page alone with the two private
steps MkDocs' own `build()` runs for each page (`_populate_page`: Markdown and the page events;
`_build_page`: template, `on_post_page`, write), and stands in for the live-reload server's
`builder`, reading the paths it watches (`_watched_paths`).
"""

from __future__ import annotations

import mkdocs.utils
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
