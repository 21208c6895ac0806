"""The `glossary` MkDocs plugin: a thin adapter over the glossary package.

- `on_config`: load and validate every term (a broken entry stops the build here, before
  anything is written, with `file:line: field: message` lines), then generate the pages.
- `on_page_content`: term tooltips in every page outside the glossary itself.
- `on_post_build` (outer build): publish glossary.json and glossary.schema.json at the site root.
- `on_serve`: watch the term files.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from glossary.config import GlossaryConfig
from kobai import atomic, i18n
from glossary.errors import GlossaryError
from glossary.export import glossary_json, glossary_schema
from glossary.matcher import Matcher
from glossary.pages import generate
from glossary.tooltips import add_tooltips
from glossary.validate import load_glossary

log = logging.getLogger("mkdocs.plugins.glossary")


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def __init__(self) -> None:
        self.terms = []
        self._matchers: dict[str, Matcher] = {}

    @event_priority(90)  # after kobai's checks, before the files are collected
    def on_config(self, config):
        if not self.config.enabled:
            return
        if i18n.inside_language_build(config) and self._matchers:
            return config  # static-i18n's build of another language: the outer build loaded and wrote everything
        root = Path(config.config_file_path).parent
        self._terms_dir = root / self.config.terms_dir
        figgen = config.plugins.get("figgen")
        # Ask figgen's registry itself (the figgen plugin may not have loaded it yet): an unknown
        # figure id then names terms/x.yaml:line before any page is written.
        figure_terms = _figure_terms() if figgen is not None else None
        known_figures = set(figure_terms) if figure_terms is not None else None
        try:
            self.terms = load_glossary(self._terms_dir, known_figures, root)
        except GlossaryError as error:
            raise PluginError(f"glossary: {len(error.problems)} problem(s), nothing was written:\n" + str(error)) from None
        if figure_terms is not None:
            self.terms = _with_figures(self.terms, figure_terms)
        cites = config.plugins.get("bibliography") is not None
        if cites:
            _check_references(self.terms, root)
        written = generate(self.terms, Path(config.docs_dir), self.config.folder, figures_enabled=figgen is not None,
                           references_enabled=cites, generated=_generated_elsewhere(figgen is not None, cites))
        log.info("glossary: %d terms%s", len(self.terms), ", pages regenerated" if written else "")
        self._by_id = {t.id: t for t in self.terms}
        self._matchers = {lang: Matcher.for_language(self.terms, lang) for lang in i18n.languages(config)}
        return config

    def on_page_content(self, html, page, config, files):
        if not self.config.enabled or not self.config.tooltips:
            return html
        if page.file.src_uri.startswith((f"{self.config.folder}/", "references/")):
            return html  # the glossary itself, and the reference list (paper titles are not prose)
        lang = i18n.current(config)
        page_dir = page.url if page.url.endswith("/") or not page.url else os.path.dirname(page.url) + "/"
        # static-i18n gives pages of other languages URLs under their prefix (en/…): so do terms
        prefix = f"{lang}/" if page.url.startswith(f"{lang}/") else ""

        def link(term_id: str) -> tuple[str, str]:
            href = os.path.relpath(f"{prefix}{self.config.folder}/{term_id}/", page_dir or ".") + "/"
            return href, self._by_id[term_id].entry(lang).gloss

        return add_tooltips(html, self._matchers[lang], link, subject=page.title or "")

    def on_post_build(self, config):
        if not self.config.enabled or i18n.inside_language_build(config):
            return
        site = Path(config.site_dir)
        atomic.write_text(site / "glossary.json", json.dumps(glossary_json(self.terms), ensure_ascii=False, indent=1))
        atomic.write_text(site / "glossary.schema.json", json.dumps(glossary_schema(), ensure_ascii=False, indent=1))

    def on_serve(self, server, config, builder):
        if self.config.enabled:
            server.watch(str(self._terms_dir))
        return server


def _generated_elsewhere(figures: bool, references: bool) -> tuple[str, ...]:
    """The docs folders the other plugins generate (figgen's gallery, the references pages)."""
    folders = []
    if figures:
        from figgen import gallery

        folders.append(gallery.FOLDER)
    if references:
        from bibliography import pages as reference_pages

        folders.append(reference_pages.FOLDER)
    return tuple(folders)


def _figure_terms() -> dict[str, tuple[str, ...]]:
    """figure id → the glossary ids it illustrates (`Figure.terms`), from figgen's registry."""
    from figgen import registry

    try:
        return {figure.id: figure.terms for figure in registry.figures()}
    except Exception as error:  # a broken figure file names itself
        raise PluginError(f"glossary: cannot load the figures to check term figure ids: {error}") from error


def _with_figures(terms: list, figure_terms: dict[str, tuple[str, ...]]) -> list:
    """Each term shows the figures that name it in `terms=` (after those its own file lists); a
    figure naming a term that does not exist stops the build, naming the figure."""
    import dataclasses

    known = {term.id for term in terms}
    unknown = [f"{figure_id}: terms names unknown glossary id {term_id!r}"
               for figure_id, ids in sorted(figure_terms.items()) for term_id in ids if term_id not in known]
    if unknown:
        raise PluginError("glossary: figures name terms that do not exist:\n  " + "\n  ".join(unknown))
    by_term: dict[str, list[str]] = {}
    for figure_id, ids in sorted(figure_terms.items()):
        for term_id in ids:
            by_term.setdefault(term_id, []).append(figure_id)
    return [dataclasses.replace(term, figures=tuple(dict.fromkeys([*term.figures, *by_term.get(term.id, [])])))
            for term in terms]


def _check_references(terms: list, root: Path) -> None:
    """Every bibliography key a term names exists (named as terms/x.yaml:line, nothing written)."""
    from bibliography.load import BibliographyError, load

    try:
        known = set(load())
    except BibliographyError:
        return  # the bibliography plugin reports its own file's problems
    problems = [f"{Path(term.path).relative_to(root) if Path(term.path).is_absolute() else term.path}:"
                f"{term.line(f'references.{i}')}: references.{i}: unknown bibliography key {key!r}"
                for term in terms for i, key in enumerate(term.references) if key not in known]
    if problems:
        raise PluginError("glossary: nothing was written:\n" + "\n".join(problems))
