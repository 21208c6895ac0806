"""Typed options of the `figgen` MkDocs plugin."""

from mkdocs.config import config_options
from mkdocs.config.base import Config


class FiggenConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # Make stale figures fresh when a build starts (train, or redraw from the cache).
    build = config_options.Type(bool, default=True)
    # Generate the figure gallery's pages (docs/gallery/index.<lang>.md, git-ignored).
    gallery = config_options.Type(bool, default=True)
    jobs = config_options.Type(int, default=2)
    device = config_options.Choice(["cpu", "cuda", "auto"], default="cpu")
    # Relative to mkdocs.yml.
    out_dir = config_options.Type(str, default="build/figures")
    cache_dir = config_options.Type(str, default=".cache/figgen")
    # Where figures are published in the site (once, at the root, for every language).
    site_path = config_options.Type(str, default="figures")
