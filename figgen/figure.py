"""What a figure declares: one `Figure` per file under figgen/figures/.

A figure separates `compute` (training, slow, cached as plain data) from `draw` (cheap, once per
language), so restyling never retrains. `compute(config, ctx)` returns a list of `Series`;
`draw(series, lang, config)` returns a matplotlib
Figure. Titles, captions and alt texts exist in both
languages, by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

LANGUAGES = ("ja", "en")


@dataclass(frozen=True)
class Text:
    """The same words in Japanese and English."""

    ja: str
    en: str

    def __post_init__(self) -> None:
        if not self.ja.strip() or not self.en.strip():
            raise ValueError("a figure text needs both ja and en")

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    def as_dict(self) -> dict[str, str]:
        return {"ja": self.ja, "en": self.en}


@dataclass
class Series:
    """One named line of data: x and y of equal length (y may hold NaN or inf)."""

    name: str
    x: list[float]
    y: list[float]

    def __post_init__(self) -> None:
        self.x = [float(v) for v in self.x]
        self.y = [float(v) for v in self.y]
        if len(self.x) != len(self.y):
            raise ValueError(f"series {self.name!r}: {len(self.x)} x values but {len(self.y)} y values")


@dataclass
class Context:
    """What `compute` gets besides its config: the device and a progress callback (0..1)."""

    device: str = "cpu"
    progress: Callable[[float], None] = lambda fraction: None


@dataclass
class Figure:
    id: str
    title: Text
    caption: Text
    alt: Text
    compute: Callable[[dict, Context], list[Series]]
    draw: Callable[[dict, str], Any]
    config: dict = field(default_factory=dict)
    terms: tuple[str, ...] = ()  # glossary ids the figure illustrates
    summary: Text | None = None  # the phenomenon in one line (the gallery's card)
    # "module:function" that cuts data.json into more published files ({name: text}), made in the
    # draw stage (a change re-draws, never re-trains); the explorer's per-choice JSON, say.
    files: str = ""
    module: str = ""  # filled in by the registry
