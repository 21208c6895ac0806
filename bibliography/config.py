"""Typed options of the `bibliography` MkDocs plugin."""

from mkdocs.config import config_options
from mkdocs.config.base import Config


class BibliographyConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # The data, relative to mkdocs.yml (default: the package's own references.yaml).
    file = config_options.Type(str, default="bibliography/references.yaml")
    # Every entry must be cited by some page (an uncited entry is a stale one).
    require_cited = config_options.Type(bool, default=True)
