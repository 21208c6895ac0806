"""A page that exists in one language only stops the build, and the message names the file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.slow

CONFIG = textwrap.dedent("""
    site_name: guard
    site_url: https://example.org/
    theme:
      name: material
      language: ja
    plugins:
      - kobai
      - i18n:
          docs_structure: suffix
          languages:
            - {locale: ja, default: true, name: 日本語, build: true}
            - {locale: en, name: English, build: true}
""")


def _build(tmp_path, *pages):
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name in pages:
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# ページ\n\n本文。\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_complete_pairs_build(tmp_path):
    result = _build(tmp_path, "index.ja.md", "index.en.md", "a/b.ja.md", "a/b.en.md")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "a" / "b" / "index.html").exists()
    assert (tmp_path / "out" / "en" / "a" / "b" / "index.html").exists()


def test_missing_english_twin_fails_naming_the_file(tmp_path):
    result = _build(tmp_path, "index.ja.md", "index.en.md", "problems/vanishing.ja.md")
    assert result.returncode != 0
    assert "problems/vanishing.en.md: no translation" in result.stderr
    assert not (tmp_path / "out").exists(), "nothing is written when the docs are incomplete"


def test_a_python_file_outside_the_notebook_folder_is_not_a_page(tmp_path):
    """Only docs/notebooks/ holds notebooks: a helper script elsewhere is copied as a file."""
    (tmp_path / "docs" / "snippets").mkdir(parents=True)
    (tmp_path / "docs" / "snippets" / "util.py").write_text("print('helper')\n", encoding="utf-8")
    result = _build(tmp_path, "index.ja.md", "index.en.md")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "out" / "snippets" / "util" / "index.html").exists()
    assert (tmp_path / "out" / "snippets" / "util.py").read_text() == "print('helper')\n"


def test_a_build_that_fails_in_the_second_language_leaves_the_previous_site_whole(tmp_path):
    """static-i18n builds Japanese, then English: a failure there must not leave half a site."""
    old = tmp_path / "out"
    old.mkdir()
    (old / "index.html").write_text("previous site", encoding="utf-8")
    result = _build(tmp_path, "index.ja.md", "index.en.md")
    assert result.returncode == 0, result.stderr
    assert (old / "en" / "index.html").exists() and not (old / "index.html").read_text() == "previous site"
    built = sorted(p.relative_to(tmp_path).as_posix() for p in old.rglob("*"))
    (tmp_path / "mkdocs.yml").write_text(CONFIG.replace("  - kobai\n", "  - kobai\n  - figgen: {build: false, gallery: false}\n"),
                                         encoding="utf-8")
    (tmp_path / "docs" / "index.en.md").write_text('# Page\n\n{{ figure("no-such-figure") }}\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(old)],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0 and "unknown figure id 'no-such-figure'" in result.stderr, result.stderr[-3000:]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in old.rglob("*")) == built
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
