"""One bibliography entry and how it is written in Japanese and English."""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    key: str
    authors: tuple[str, ...]   # "Given Family", in the paper's order
    year: int
    title: str
    venue: str
    doi: str | None = None
    arxiv: str | None = None
    url: str | None = None
    line: int = 0              # where the entry starts in references.yaml
    suffix: str = ""           # "a", "b" when two entries would read the same ("He et al., 2016a")

    def family(self, index: int = 0) -> str:
        return self.authors[index].split()[-1]

    def short(self, lang: str) -> str:
        """The in-text form: "He et al., 2016" / "He ら, 2016"."""
        if len(self.authors) == 1:
            names = self.family()
        elif len(self.authors) == 2:
            names = f"{self.family()} & {self.family(1)}"
        else:
            names = f"{self.family()} ら" if lang == "ja" else f"{self.family()} et al."
        return f"{names}, {self.year}{self.suffix}"

    def link(self) -> str | None:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.arxiv:
            return f"https://arxiv.org/abs/{self.arxiv}"
        return self.url

    def full_html(self) -> str:
        """The full entry as HTML: authors (year). Title. Venue. DOI / arXiv."""
        e = html.escape
        authors = ", ".join(self.authors)
        parts = [f"{e(authors)} ({self.year}{self.suffix}). {e(self.title)}. <em>{e(self.venue)}</em>."]
        if self.doi:
            parts.append(f'DOI: <a href="https://doi.org/{e(self.doi)}">{e(self.doi)}</a>')
        if self.arxiv:
            parts.append(f'arXiv: <a href="https://arxiv.org/abs/{e(self.arxiv)}">{e(self.arxiv)}</a>')
        if self.url and not (self.doi or self.arxiv):
            parts.append(f'<a href="{e(self.url)}">{e(self.url)}</a>')
        return " ".join(parts)
