"""The site's languages and the state of mkdocs-static-i18n's build, read in one place.

Every plugin of this site (kobai, figgen, glossary, bibliography) asks here instead of reading
the i18n plugin's attributes itself; those are read by kobai/compat/static_i18n.py.

Without the i18n plugin (a plain MkDocs project, as in some tests) the site has one language,
`FALLBACK`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kobai.compat import static_i18n

FALLBACK = "ja"


@dataclass(frozen=True)
class Languages:
    all: tuple[str, ...]   # every language of the site, the default first
    default: str           # served at the site root; the others under /<lang>/
    current: str           # the language whose pages are being built now
    nested: bool           # inside one of static-i18n's per-language builds (not the outer one)


def state(config) -> Languages:
    plugin = static_i18n.plugin(config)
    if plugin is None:
        return Languages((FALLBACK,), FALLBACK, FALLBACK, False)
    languages, default, current, building = static_i18n.read(plugin)
    others = [lang for lang in languages if lang != default]
    return Languages((default, *others), default, current or default, building)


def languages(config) -> tuple[str, ...]:
    return state(config).all


def current(config) -> str:
    return state(config).current


def inside_language_build(config) -> bool:
    """True during static-i18n's nested per-language builds: work that must happen once belongs
    to the outer build."""
    return state(config).nested
