"""mkdocs-static-i18n's plugin state, read in one place.

Written against mkdocs-static-i18n 1.3.1 (`TESTED_VERSION`), whose plugin object (named "i18n" in
`config.plugins`) has `all_languages`, `default_language`, `current_language` (the language being
built) and `building` (True during its nested per-language builds, which its outer
`on_post_build` runs after the default language is built), and `reconfigure_mkdocs_config`, which
puts the shared config in a language's state (theme language, language switcher, that
language's overrides of site_name, site_description, ...) before each pass. tests/kobai/test_compat.py fails with a
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


def build_language(config, language: str) -> None:
    """Put the site config (and the i18n plugin) in the state of `language`'s build pass, as
    static-i18n does before each pass, to render one page of that language again."""
    i18n_plugin = plugin(config)
    if i18n_plugin is None:
        return
    i18n_plugin.current_language = language
    theme_dirs = list(config.theme.dirs)
    i18n_plugin.reconfigure_mkdocs_config(config)
    config.theme.dirs[:] = theme_dirs  # it prepends its sitemap template folder at every call
