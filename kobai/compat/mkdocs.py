"""MkDocs internals that the site changes: notebooks as page sources.

Written against mkdocs 1.6.1 (`TESTED_VERSION`); tests/kobai/test_compat.py fails with a clear
message when the installed MkDocs is another version.

MkDocs must itself see notebooks as page sources: mkdocs-static-i18n rebuilds every File object
after mkdocs-jupyter has wrapped notebooks as pages, and the rebuilt ones would be copied as raw
JSON. `File.is_documentation_page` asks `mkdocs.utils.is_markdown_file(src_uri)`, so that one test
is widened, and only for the notebook folders.
"""

from __future__ import annotations

import mkdocs.utils

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
