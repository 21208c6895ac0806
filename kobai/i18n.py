"""The site's languages and the state of mkdocs-static-i18n's build, read in one place.

Every plugin of this site (kobai, figgen, glossary) asks here instead of reading the i18n
plugin's attributes itself. Written against mkdocs-static-i18n 1.3.1, whose plugin object (named
"i18n" in `config.plugins`) has `all_languages`, `default_language`, `current_language` (the
language being built) and `building` (True during its nested per-language builds, which its outer
`on_post_build` runs after the default language is built). tests/kobai/test_i18n.py fails with a
clear message if a pinned upgrade renames them.

Without the i18n plugin (a plain MkDocs project, as in some tests) the site has one language,
`FALLBACK`.
"""

from __future__ import annotations

from dataclasses import dataclass

FALLBACK = "ja"
TESTED_VERSION = "1.3.1"


@dataclass(frozen=True)
class Languages:
    all: tuple[str, ...]   # every language of the site, the default first
    default: str           # served at the site root; the others under /<lang>/
    current: str           # the language whose pages are being built now
    nested: bool           # inside one of static-i18n's per-language builds (not the outer one)


def state(config) -> Languages:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return Languages((FALLBACK,), FALLBACK, FALLBACK, False)
    default = plugin.default_language
    others = [lang for lang in plugin.all_languages if lang != default]
    return Languages((default, *others), default, plugin.current_language or default, bool(plugin.building))


def languages(config) -> tuple[str, ...]:
    return state(config).all


def current(config) -> str:
    return state(config).current


def inside_language_build(config) -> bool:
    """True during static-i18n's nested per-language builds: work that must happen once belongs
    to the outer build."""
    return state(config).nested
