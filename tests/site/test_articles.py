"""The articles and the hands-on notebook, checked as sources: each page exists in both languages
with the same skeleton (title, sections, figures, links, self-check questions, a 'Next' pointer),
and the notebook really shows what the articles say it shows. (Japanese lines broken in the source
are joined at build time by the kobai plugin, so they are not checked here.)"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from figgen import registry

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGS = ("ja", "en")
FIGURE_IDS = {figure.id for figure in registry.figures()}
NEXT_HEADING = {"ja": "## 次に読む", "en": "## Next"}
GENERATED = ("glossary/", "gallery/", "references/")  # pages the plugins write from their data
NOTEBOOK = "notebooks/gradient-flow"  # the one whose numbers the articles quote
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
LINK = re.compile(r"\]\(([^)\s]+)\)")
FIGURE = re.compile(r"\{\{\s*figure\((.*?)\)\s*\}\}")


def source(page: str, lang: str) -> str:
    return (DOCS / f"{page}.{lang}.md").read_text(encoding="utf-8")


def prose(text: str) -> str:
    """The page without its front matter and code blocks (code may contain anything)."""
    return FENCE.sub("", re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S))


def relative_links(text: str) -> list[str]:
    return [u for u in LINK.findall(prose(text)) if not re.match(r"[a-z]+:", u) and not u.startswith("#")]


def nav_entries() -> list[str]:
    """Page paths listed in mkdocs.yml's nav (its YAML has python tags, so read the block as text)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^nav:\n(.*?)^\S", text, re.S | re.M).group(1)
    return re.findall(r"^\s*- (?:[^:\n]+: )?(\S+\.(?:md|py))\s*$", block, re.M)


# The articles are the written Markdown pages of the nav: a new page is checked once it is listed.
ARTICLES = [e.removesuffix(".md") for e in nav_entries() if e.endswith(".md") and not e.startswith(GENERATED)]
NOTEBOOKS = [e.removesuffix(".py") for e in nav_entries() if e.endswith(".py")]
TOOLS = ("explorer",)  # interactive pages: no self-check questions


@pytest.mark.parametrize("page", ARTICLES + NOTEBOOKS)
def test_page_exists_in_both_languages(page):
    suffix = ".py" if page in NOTEBOOKS else ".md"
    missing = [f"{page}.{lang}{suffix}" for lang in LANGS if not (DOCS / f"{page}.{lang}{suffix}").is_file()]
    assert missing == []


def test_nav_lists_every_written_page_and_the_notebook_once():
    written = sorted(p.relative_to(DOCS).as_posix().removesuffix(".ja.md") for p in DOCS.rglob("*.ja.md")
                     if not p.relative_to(DOCS).as_posix().startswith(GENERATED))
    assert sorted(ARTICLES) == written and len(set(nav_entries())) == len(nav_entries())
    notebooks = sorted(p.relative_to(DOCS).as_posix().removesuffix(".ja.py") for p in (DOCS / "notebooks").glob("*.ja.py"))
    assert sorted(NOTEBOOKS) == notebooks and NOTEBOOK in NOTEBOOKS
    assert "glossary/index.md" in nav_entries() and "gallery/index.md" in nav_entries()
    assert "references/index.md" in nav_entries()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ARTICLES)
def test_page_has_one_title_and_ends_with_a_next_pointer(page, lang):
    text = prose(source(page, lang))
    h1 = re.findall(r"^# \S.*$", text, re.M)
    assert len(h1) == 1 and text.lstrip().startswith("# "), f"{page}.{lang}.md: one H1, on the first line"
    h2 = re.findall(r"^## .*$", text, re.M)
    assert h2 and h2[-1] == NEXT_HEADING[lang], f"{page}.{lang}.md: last section must be {NEXT_HEADING[lang]!r}"
    last_section = text.split(NEXT_HEADING[lang])[-1]
    assert relative_links(last_section), f"{page}.{lang}.md: the Next section links nowhere"


@pytest.mark.parametrize("page", ARTICLES)
def test_twins_share_their_skeleton(page):
    """Same number of sections, figures, questions, admonitions, and the same link targets."""

    def skeleton(lang):
        text = prose(source(page, lang))
        return {
            "sections": len(re.findall(r"^##+ ", text, re.M)),
            "figures": FIGURE.findall(text),
            "questions": len(re.findall(r"^\?\?\? question ", text, re.M)),
            "admonitions": len(re.findall(r"^!!! ", text, re.M)),
            "links": sorted(set(relative_links(text))),
            "display_math": text.count("$$"),
        }

    ja, en = skeleton("ja"), skeleton("en")
    assert ja == en


@pytest.mark.parametrize("page", [p for p in ARTICLES if p != "index" and p not in TOOLS])
def test_articles_have_two_or_three_self_check_questions(page):
    n = len(re.findall(r"^\?\?\? question ", source(page, "ja"), re.M))
    assert 2 <= n <= 3


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ARTICLES)
def test_links_point_to_existing_pages_without_language_suffix(page, lang):
    bad = []
    for url in relative_links(source(page, lang)):
        path = url.split("#")[0].split("?")[0]
        if not path:
            continue  # this page itself with a query (the explorer's presets)
        target = (DOCS / page).parent / path
        stem, suffix = os.path.splitext(os.path.normpath(target))
        if re.search(r"\.(ja|en)$", stem):
            bad.append(f"{url}: drop the language suffix (static-i18n picks the twin)")
        elif "glossary/" in path:
            bad.append(f"{url}: glossary links are added by the glossary engine")
        elif suffix not in (".md", ".py") or not all(Path(f"{stem}.{l}{suffix}").is_file() for l in LANGS):
            bad.append(f"{url}: no such page pair")
    assert bad == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ARTICLES)
def test_figures_are_known_ids_on_their_own_line(page, lang):
    text = prose(source(page, lang))
    for match in FIGURE.finditer(text):
        line = text[text.rfind("\n", 0, match.start()) + 1 : text.find("\n", match.end())]
        assert line.strip() == match.group(0), f"{page}.{lang}.md: figure not on its own line: {line!r}"
        assert json.loads(match.group(1).replace("'", '"')) in FIGURE_IDS


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebooks_are_jupytext_percent_with_an_h1_first(notebook):
    for lang in LANGS:
        text = (DOCS / f"{notebook}.{lang}.py").read_text(encoding="utf-8")
        assert text.startswith("# %% [markdown]\n# # "), f"{notebook}.{lang}.py: first cell must be a markdown H1"
        assert "# %%\n" in text


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_headings_have_no_inline_code(notebook):
    """mkdocs-jupyter builds a notebook's table of contents from nbconvert's Markdown, which drops
    inline code from headings: the TOC's anchor would then differ from the heading's id."""
    for lang in LANGS:
        text = (DOCS / f"{notebook}.{lang}.py").read_text(encoding="utf-8")
        assert not re.findall(r"^# #+ .*`", text, re.M), f"{notebook}.{lang}.py"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_twins_run_the_same_code(notebook):
    """Only markdown, comments and strings may differ between the languages: the code is one."""
    import ast

    def code(lang):
        text = (DOCS / f"{notebook}.{lang}.py").read_text(encoding="utf-8")
        tree = ast.parse(text)
        # the Japanese twin also loads a font with Japanese glyphs for its plot labels
        tree.body = [n for n in tree.body if not (isinstance(n, ast.Import) and [a.name for a in n.names] == ["matplotlib_fontja"])]
        for node in ast.walk(tree):  # strings are labels and messages: they are translated
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                node.value = ""
            if isinstance(node, ast.JoinedStr):
                node.values = []
        return ast.dump(tree)

    assert code("ja") == code("en")


DRIVER = """
import json, runpy, sys
ns = runpy.run_path(sys.argv[1])
print(json.dumps(ns["norms"]))
"""


@pytest.mark.slow
def test_notebook_shows_what_the_articles_claim():
    """Both languages compute identical numbers, and they match the prose: sigmoid + Xavier loses more
    than ten orders of magnitude between layer 19 and layer 1; tanh + Xavier and ReLU + He stay
    within one order of magnitude."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    results = {}
    for lang in LANGS:
        run = subprocess.run([sys.executable, "-c", DRIVER, str(DOCS / f"{NOTEBOOK}.{lang}.py")],
                             capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        assert run.returncode == 0, run.stderr[-3000:]
        results[lang] = json.loads(run.stdout.strip().splitlines()[-1])
    assert results["ja"] == results["en"]
    norms = results["en"]
    ratio = {name: values[0] / values[18] for name, values in norms.items()}
    assert ratio["sigmoid + Xavier"] < 1e-10
    assert 0.1 < ratio["tanh + Xavier"] < 10
    assert 0.1 < ratio["ReLU + He"] < 10
    assert all(len(values) == 20 for values in norms.values())
