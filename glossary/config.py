"""Typed options of the `glossary` MkDocs plugin."""

from mkdocs.config import config_options
from mkdocs.config.base import Config


class GlossaryConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # The term files, relative to mkdocs.yml.
    terms_dir = config_options.Type(str, default="glossary/terms")
    # Where the generated pages go, inside docs_dir (git-ignored).
    folder = config_options.Type(str, default="glossary")
    # Link the first occurrence of each term per section in articles.
    tooltips = config_options.Type(bool, default=True)
