"""A build that takes everything it can from .cache/ (rendered Markdown pages, search entries, KaTeX
renders, WebP twins, segmented words, executed notebooks, figures) writes the same site as the
build before it. In a fresh clone (CI) the session's build is the cold one, so this compares a
cold build with a warm one. (KOBAI_SITE_DIR, when set, must have been built by this code.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# a notebook's download gets new random cell ids at every build (nbformat); the log is the fixture's
DIFFERENT_EACH_BUILD = {".ipynb", ".txt"}

pytestmark = pytest.mark.slow


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file() and p.suffix not in DIFFERENT_EACH_BUILD}


def test_a_warm_build_writes_the_same_site(built_site, tmp_path):
    warm = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(warm)], cwd=ROOT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    before, after = _files(built_site), _files(warm)
    assert sorted(before) == sorted(after)
    different = [name for name in before if before[name].read_bytes() != after[name].read_bytes()]
    assert different == [], f"{len(different)} files differ, e.g. {different[:10]}"
