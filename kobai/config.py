"""Typed options of the `kobai` MkDocs plugin (declared once, with their defaults)."""

from mkdocs.config import config_options
from mkdocs.config.base import Config


class KobaiConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # The languages come from mkdocs-static-i18n's config (kobai/i18n.py): every page must exist
    # in all of them (suffix layout: page.ja.md / page.en.md).
    # Extensions that are page sources besides Markdown (mkdocs-jupyter notebooks).
    notebook_extensions = config_options.Type(list, default=[".ipynb", ".py"])
    # Only files inside these docs folders are notebooks; a .py anywhere else is a plain file.
    notebook_folders = config_options.Type(list, default=["notebooks"])
    # Segment Japanese in the search index at build time (see kobai/search_index.py).
    segment_search = config_options.Type(bool, default=True)
    # Where build caches live, relative to mkdocs.yml.
    cache_dir = config_options.Type(str, default=".cache/kobai")
