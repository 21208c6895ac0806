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


def _fixture_site(tmp_path, pages: dict[str, str], references: str):
    import os
    import subprocess
    import sys
    import textwrap

    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""
        site_name: t
        theme: {name: material, language: ja}
        plugins:
          - bibliography: {file: references.yaml}
          - i18n:
              docs_structure: suffix
              languages:
                - {locale: ja, default: true, name: 日本語, build: true}
                - {locale: en, name: English, build: true}
    """), encoding="utf-8")
    (tmp_path / "references.yaml").write_text(references, encoding="utf-8")
    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


ENTRY = "ba2016layernorm:\n  authors: [Jimmy Lei Ba]\n  year: 2016\n  title: Layer Normalization\n  venue: arXiv\n  arxiv: '1607.06450'\n"


@pytest.mark.slow
def test_an_unknown_key_or_an_uncited_entry_stops_the_build_before_anything_is_written(tmp_path):
    result = _fixture_site(tmp_path, {"index.ja.md": "# ホーム\n\n本文 [@nobody2020]。\n", "index.en.md": "# Home\n\nText.\n"}, ENTRY)
    assert result.returncode != 0
    assert "docs/index.ja.md:3: unknown citation key 'nobody2020'" in result.stderr
    assert "references.yaml:1: ba2016layernorm: no page cites it" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_cited_entry_builds_the_references_page_in_both_languages(tmp_path):
    result = _fixture_site(tmp_path, {"index.ja.md": "# ホーム\n\n本文 [@ba2016layernorm]。\n\n## 次に読む\n\nおわり。\n",
                                      "index.en.md": "# Home\n\nText [@ba2016layernorm].\n\n## Next\n\nEnd.\n"}, ENTRY)
    assert result.returncode == 0, result.stderr
    ja = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '（<a href="references/#ba2016layernorm">Ba, 2016</a>）' in ja and ja.index("参考文献") < ja.index("次に読む")
    assert 'id="ba2016layernorm"' in (tmp_path / "out" / "en" / "references" / "index.html").read_text(encoding="utf-8")
