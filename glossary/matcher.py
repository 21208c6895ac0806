"""Find glossary names in running text, Japanese and English alike.

Japanese has no spaces, so a name is matched wherever it occurs, longest name first at each
position (勾配消失 before 勾配). Latin-script names need word edges, match case-insensitively
and take an English plural (gradient → gradients), so ReLU is found in 「にReLUを」 but not inside
LeakyReLU.
"""

from __future__ import annotations

import re

from glossary.model import Term

_LATIN = re.compile(r"[A-Za-z0-9]")


class Matcher:
    def __init__(self, names: dict[str, str]) -> None:
        """`names` maps a name (as written) to the id of its term."""
        self._ids: dict[str, str] = {}
        parts = []
        for name in sorted(names, key=len, reverse=True):
            if len(name) < 2:
                continue
            self._ids[name.casefold()] = names[name]
            body = re.escape(name)
            if _LATIN.match(name[0]):
                body = r"(?<![A-Za-z0-9\-])" + body
            if _LATIN.match(name[-1]):
                body += r"(?:e?s)?(?![A-Za-z0-9])"
            parts.append(body)
        self._pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    @classmethod
    def for_language(cls, terms: list[Term], lang: str) -> "Matcher":
        names: dict[str, str] = {}
        for term in terms:
            for name in term.entry(lang).names:
                names.setdefault(name, term.id)
        return cls(names)

    def term_id(self, found: str) -> str | None:
        key = found.casefold()
        if key in self._ids:
            return self._ids[key]
        for suffix in ("es", "s"):  # plural
            if key.endswith(suffix) and key[: -len(suffix)] in self._ids:
                return self._ids[key[: -len(suffix)]]
        return None

    def finditer(self, text: str):
        """(start, end, term id) of every match, left to right, non-overlapping."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            term_id = self.term_id(match.group(0))
            if term_id:
                yield match.start(), match.end(), term_id

    def ids_in(self, text: str) -> set[str]:
        return {term_id for _, _, term_id in self.finditer(text)}
