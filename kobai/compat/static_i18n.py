"""mkdocs-static-i18n's plugin state, read in one place.

Written against mkdocs-static-i18n 1.3.1 (`TESTED_VERSION`), whose plugin object (named "i18n" in
`config.plugins`) has `all_languages`, `default_language`, `current_language` (the language being
built) and `building` (True during its nested per-language builds, which its outer
`on_post_build` runs after the default language is built). tests/kobai/test_compat.py fails with a
clear message if a pinned upgrade renames them. kobai/i18n.py is what the site's plugins use.
"""

from __future__ import annotations

PACKAGE = "mkdocs-static-i18n"
TESTED_VERSION = "1.3.1"
PLUGIN_NAME = "i18n"
ATTRIBUTES = ("all_languages", "default_language", "current_language", "building")


def plugin(config):
    """The i18n plugin object of a MkDocs config, or None for a site without it."""
    return config.plugins.get(PLUGIN_NAME)


def read(i18n_plugin) -> tuple[list[str], str, str | None, bool]:
    """(all languages, default language, language being built or None, inside a nested build)."""
    return (list(i18n_plugin.all_languages), i18n_plugin.default_language, i18n_plugin.current_language,
            bool(i18n_plugin.building))
