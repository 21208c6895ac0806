"""Figures embedded in the built site, in both languages, with their reproduction box."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import subprocess
import sys
import textwrap

import pytest

from pathlib import Path

from figgen import gallery, registry
from tests.site.site_pages import pages

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FIGURE_IDS = [figure.id for figure in registry.figures()]
# figure id → language → article pages (not glossary terms) that embed it, read from docs/
USAGE = gallery.usage(ROOT / "docs", skip=(gallery.FOLDER, "glossary"))
EMBEDS = sorted({(figure_id, lang, src.removesuffix(".md") + "/")
                 for figure_id, by_lang in USAGE.items() for lang, used in by_lang.items() for src, _ in used})


@pytest.mark.parametrize("figure_id", FIGURE_IDS)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_figure_is_in_an_article_in_both_languages(figure_id, lang):
    assert USAGE.get(figure_id, {}).get(lang), f"{figure_id} is on no {lang} article: add {{{{ figure(\"{figure_id}\") }}}}"


@pytest.mark.parametrize("figure_id, lang, page_path", EMBEDS)
def test_figure_is_embedded_with_its_language_and_reproduction_box(built_site, figure_id, lang, page_path):
    path = pages(built_site, lang)[page_path]
    html = path.read_text(encoding="utf-8")
    assert "{{ figure(" not in html
    block = re.search(rf'<figure class="figgen" id="fig-{figure_id}">.*?</figure>', html, re.S)
    assert block, f"{figure_id} not embedded in {path}"
    block = block.group(0)
    img = re.search(r'<img src="([^"]+)" alt="([^"]+)" width="(\d+)" height="(\d+)" loading="lazy"', block)
    assert img, block[:300]
    src, alt = img.group(1), img.group(2)
    assert src.endswith(f"/figures/{figure_id}/{figure_id}.{lang}.svg")
    assert (path.parent / src).resolve().exists()
    data = json.loads((built_site / "figures" / figure_id / "data.json").read_text(encoding="utf-8"))
    assert html_lib.escape(data["caption"][lang][:20], quote=True) in block
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", alt) if lang == "ja" else not re.search(r"[\u3040-\u30ff]", alt)
    assert f"python -m figgen build --only {figure_id} --force" in block
    assert data["meta"]["code_hash"] in block and data["meta"]["torch"] in block
    for name in ("data.json", "data.csv"):
        link = re.search(rf'href="([^"]+/{name})"', block).group(1)
        assert (path.parent / link).resolve().exists()


def test_unknown_figure_id_fails_the_build_naming_the_page(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""
        site_name: t
        theme: {name: material}
        plugins:
          - figgen: {build: false, gallery: false}
    """), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text('# x\n\n{{ figure("no-such-figure") }}\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "out")], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "index.md: line 3: unknown figure id 'no-such-figure'" in result.stderr


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_gallery_shows_every_figure_with_its_articles_and_data(built_site, lang):
    html = pages(built_site, lang)["gallery/"].read_text(encoding="utf-8")
    assert html.count('<div class="figgen-card">') == len(FIGURE_IDS)
    for figure_id in FIGURE_IDS:
        assert f'id="{figure_id}"' in html and f"/figures/{figure_id}/{figure_id}.{lang}.svg" in html
        assert f"/figures/{figure_id}/data.json" in html and f"/figures/{figure_id}/data.csv" in html
        for src, title in USAGE.get(figure_id, {}).get(lang, []):
            assert f">{title}</a>" in html, (figure_id, src)
