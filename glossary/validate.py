"""Checks across the whole glossary: ids, names, references, antonyms. All problems at once."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from glossary.errors import GlossaryError, Problem
from glossary.loader import load_file
from glossary.model import LANGUAGES, RELATIONS, Term


RESERVED_IDS = {"index", "map"}  # generated pages beside the term pages (glossary/render.py)


def name_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


def cross_check(terms: list[Term], known_figures: set[str] | None = None,
                unreadable: set[str] = frozenset()) -> list[Problem]:
    """Problems across terms. References to `unreadable` ids (files that failed to load, already
    reported) are not reported again."""
    problems: list[Problem] = []
    by_id: dict[str, Term] = {}
    for term in terms:
        stem = Path(term.path).stem
        if term.id != stem:
            problems.append(Problem(term.path, term.line("id"), "id", f"{term.id!r} must equal the file name {stem!r}"))
        if term.id in RESERVED_IDS:
            problems.append(Problem(term.path, term.line("id"), "id",
                                    f"{term.id!r} is taken by a generated glossary page; choose another id"))
        if term.id in by_id:
            problems.append(Problem(term.path, term.line("id"), "id", f"duplicate id {term.id!r} (also in {by_id[term.id].path})"))
        else:
            by_id[term.id] = term
    owners: dict[str, tuple[Term, str]] = {}
    for term in terms:
        for lang in LANGUAGES:
            entry = term.entry(lang)
            for i, name in enumerate(entry.names):
                field = f"{lang}.term" if i == 0 else f"{lang}.synonyms.{i - 1}"
                key = name_key(name)
                owner = owners.get(key)
                if owner and owner[0].id != term.id:
                    problems.append(Problem(term.path, term.line(field), field,
                                            f"the name {name!r} also belongs to {owner[0].id!r} ({owner[0].path})"))
                else:
                    owners.setdefault(key, (term, field))
    for term in terms:
        for relation in RELATIONS:
            for i, ref in enumerate(getattr(term, relation)):
                field = f"{relation}.{i}"
                if ref == term.id:
                    problems.append(Problem(term.path, term.line(field), field, "a term cannot refer to itself"))
                elif ref in unreadable:
                    continue
                elif ref not in by_id:
                    problems.append(Problem(term.path, term.line(field), field, f"unknown term id {ref!r}"))
                elif relation == "antonyms" and term.id not in by_id[ref].antonyms:
                    problems.append(Problem(term.path, term.line(field), field,
                                            f"antonyms must be mutual: {ref!r} does not list {term.id!r}"))
        for i, (ref, _, _) in enumerate(term.confused):
            field = f"confused.{i}.id"
            if ref == term.id:
                problems.append(Problem(term.path, term.line(field), field, "a term cannot refer to itself"))
            elif ref not in by_id and ref not in unreadable:
                problems.append(Problem(term.path, term.line(field), field, f"unknown term id {ref!r}"))
        if known_figures is not None:
            for i, figure in enumerate(term.figures):
                if figure not in known_figures:
                    problems.append(Problem(term.path, term.line(f"figures.{i}"), f"figures.{i}", f"unknown figure id {figure!r}"))
    return problems


def load_glossary(directory: Path, known_figures: set[str] | None = None, root: Path | None = None) -> list[Term]:
    """Every term under `directory` (*.yaml), checked; raises GlossaryError with every problem."""
    terms: list[Term] = []
    problems: list[Problem] = []
    files = sorted(directory.glob("*.yaml"))
    unreadable: set[str] = set()
    for path in files:
        display = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        try:
            terms.append(load_file(path, display))
        except GlossaryError as error:
            problems.extend(error.problems)
            unreadable.add(path.stem)
    if not files:
        problems.append(Problem(str(directory), 1, "", "no term files (*.yaml)"))
    problems.extend(cross_check(terms, known_figures, unreadable))
    if problems:
        raise GlossaryError(problems)
    return sorted(terms, key=lambda t: t.id)
