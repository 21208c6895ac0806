"""A broken entry stops the site build before anything is written, naming file and line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fixtures" / "terms"
CONFIG = textwrap.dedent("""
    site_name: t
    theme: {name: material}
    plugins:
      - glossary
      - i18n:
          docs_structure: suffix
          languages:
            - {locale: ja, default: true, name: 日本語, build: true}
            - {locale: en, name: English, build: true}
""")


def _project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(FIXTURES, tmp_path / "glossary" / "terms")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.ja.md").write_text("# ホーム\n\n勾配消失とは何か。\n", encoding="utf-8")
    (docs / "index.en.md").write_text("# Home\n\nWhat vanishing gradients are.\n", encoding="utf-8")
    return tmp_path


def _build(root: Path):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_valid_glossary_builds_pages_tooltips_and_json(tmp_path):
    root = _project(tmp_path)
    result = _build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for path in ["glossary/index.html", "glossary/gradient/index.html", "en/glossary/gradient/index.html", "glossary.json",
                 "glossary.schema.json"]:
        assert (site / path).exists(), path
    assert 'class="glossary-term" href="glossary/vanishing-gradient/"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'class="glossary-term" href="glossary/vanishing-gradient/"' in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_broken_entry_stops_the_build_naming_file_and_line_and_writes_nothing(tmp_path):
    root = _project(tmp_path)
    path = root / "glossary" / "terms" / "gradient.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("related: [vanishing-gradient", "related: [no-such-term"), encoding="utf-8")
    result = _build(root)
    assert result.returncode != 0
    assert "glossary/terms/gradient.yaml:15: related.0: unknown term id 'no-such-term'" in result.stderr
    assert not (root / "docs" / "glossary").exists() and not (root / "site").exists()


def test_unknown_figure_id_in_a_term_names_file_and_line_before_anything_is_written(tmp_path):
    """The glossary runs before figgen's plugin has loaded its figures: it asks figgen's registry."""
    root = _project(tmp_path)
    (root / "mkdocs.yml").write_text(CONFIG.replace("  - glossary\n", "  - glossary\n  - figgen:\n      build: false\n      gallery: false\n"),
                                     encoding="utf-8")
    path = root / "glossary" / "terms" / "gradient.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("figures: [no-such-figure]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _build(root)
    assert result.returncode != 0
    assert f"glossary/terms/gradient.yaml:{len(lines)}: figures.0: unknown figure id 'no-such-figure'" in result.stderr
    assert not (root / "docs" / "glossary").exists() and not (root / "site").exists()
