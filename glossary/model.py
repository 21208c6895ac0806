"""A glossary term, in both languages, with its typed relations to other terms."""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("ja", "en")
RELATIONS = ("antonyms", "remedies", "cooccurring", "related")


@dataclass(frozen=True)
class Entry:
    """The text of a term in one language (reading only in Japanese)."""

    term: str
    gloss: str
    definition: str
    synonyms: tuple[str, ...] = ()
    reading: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.synonyms)


@dataclass(frozen=True)
class Term:
    id: str
    ja: Entry
    en: Entry
    antonyms: tuple[str, ...] = ()     # true opposites only; mutual
    remedies: tuple[str, ...] = ()     # terms for what counters this one (対策)
    cooccurring: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    confused: tuple[tuple[str, str, str], ...] = ()  # (id, note ja, note en): often confused with
    sources: tuple[str, ...] = ()     # the seed articles it came from: provenance, never shown
    references: tuple[str, ...] = ()  # bibliography keys, cited on the term page
    figures: tuple[str, ...] = ()
    path: str = ""
    lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def entry(self, lang: str) -> Entry:
        return self.ja if lang == "ja" else self.en

    def line(self, field_path: str) -> int:
        """Line of a field ('ja.definition'), else of its nearest parent, else 1."""
        while field_path:
            if field_path in self.lines:
                return self.lines[field_path]
            field_path = field_path.rpartition(".")[0]
        return self.lines.get("", 1)

    def as_dict(self) -> dict:
        def entry(e: Entry, lang: str) -> dict:
            d = {"term": e.term}
            if lang == "ja":
                d["reading"] = e.reading
            d.update(gloss=e.gloss, definition=e.definition, synonyms=list(e.synonyms))
            return d

        return {"id": self.id, "ja": entry(self.ja, "ja"), "en": entry(self.en, "en"),
                "antonyms": list(self.antonyms), "remedies": list(self.remedies), "cooccurring": list(self.cooccurring), "related": list(self.related),
                "confused": [{"id": i, "ja": ja, "en": en} for i, ja, en in self.confused],
                "references": list(self.references), "figures": list(self.figures)}
