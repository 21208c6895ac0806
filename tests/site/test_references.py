"""The bibliography on the built site: a references page in both languages, every citation a
link to an entry, no internal source numbers, and no year in the prose that contradicts the data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bibliography.load import load
from tests.site.site_pages import pages

ROOT = Path(__file__).resolve().parents[2]
REFERENCES = load()


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_references_page_lists_every_entry_with_its_link(built_site, lang):
    html = pages(built_site, lang)["references/"].read_text(encoding="utf-8")
    for key, ref in REFERENCES.items():
        assert f'id="{key}"' in html, key
        assert ref.link().replace("&", "&amp;") in html, key


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_page_shows_a_raw_marker_or_an_internal_source_number(built_site, lang):
    for rel, path in pages(built_site, lang).items():
        text = path.read_text(encoding="utf-8")
        article = text[text.find("<article"):text.find("</article>")]
        assert "[@" not in article, rel
        assert not re.search(r"元記事 ?\d{3}|source article \d{3}", article), rel


def _prose_years():
    """(page, family name, year) for every 'Family … (YYYY)'-style mention in the articles' prose."""
    families = {ref.family() for ref in REFERENCES.values()}
    pattern = re.compile(r"\b(" + "|".join(sorted(families)) + r")\b(?: et al\.| ら| and \w+| & \w+| と \w+)?"
                         r"[,、 ]*[（(]?((?:19|20)\d\d)")
    for path in sorted((ROOT / "docs").rglob("*.md")):
        rel = path.relative_to(ROOT / "docs").as_posix()
        if rel.startswith(("glossary/", "gallery/", "references/")):
            continue
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            yield rel, match.group(1), int(match.group(2))


def test_no_year_in_the_prose_disagrees_with_the_bibliography():
    years: dict[str, set[int]] = {}
    for ref in REFERENCES.values():
        years.setdefault(ref.family(), set()).add(ref.year)
    wrong = [(rel, family, year) for rel, family, year in _prose_years() if year not in years[family]]
    assert wrong == []
