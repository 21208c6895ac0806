"""Discover figures: every module in a figures package that defines `FIGURE = Figure(...)`.

No hand-kept list: a new file under figgen/figures/ is a new figure.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

from figgen.figure import Figure

DEFAULT_PACKAGE = "figgen.figures"


class UnknownFigure(KeyError):
    def __init__(self, figure_id: str, known: list[str]) -> None:
        super().__init__(figure_id)
        self.figure_id, self.known = figure_id, known

    def __str__(self) -> str:
        return f"unknown figure id {self.figure_id!r} (known: {', '.join(self.known) or 'none'})"


def figures(package: str = DEFAULT_PACKAGE, fresh: bool = False) -> list[Figure]:
    """All figures of `package`, sorted by id. Duplicate ids are an error.

    `fresh=True` imports the figure files again from disk (a long-lived process such as
    `mkdocs serve` would otherwise keep the modules it imported first, with their old texts)."""
    if fresh:
        forget(package)
    root = importlib.import_module(package)
    found: dict[str, Figure] = {}
    for info in sorted(pkgutil.iter_modules(root.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        figure = getattr(module, "FIGURE", None)
        if not isinstance(figure, Figure):
            continue
        if figure.id in found:
            raise ValueError(f"figure id {figure.id!r} is defined twice ({found[figure.id].module}, {module.__name__})")
        figure.module = module.__name__
        found[figure.id] = figure
    return [found[key] for key in sorted(found)]


def forget(package: str) -> None:
    """Drop `package` and its modules from the import system, so the next import reads the files."""
    for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
        parent, _, child = name.rpartition(".")
        if parent in sys.modules and getattr(sys.modules[parent], child, None) is sys.modules[name]:
            delattr(sys.modules[parent], child)
        del sys.modules[name]
    importlib.invalidate_caches()


def select(all_figures: list[Figure], ids: list[str] | None) -> list[Figure]:
    """The figures named by `ids` (all when None), or UnknownFigure for the first unknown id."""
    if not ids:
        return list(all_figures)
    by_id = {figure.id: figure for figure in all_figures}
    for figure_id in ids:
        if figure_id not in by_id:
            raise UnknownFigure(figure_id, sorted(by_id))
    return [by_id[figure_id] for figure_id in dict.fromkeys(ids)]
