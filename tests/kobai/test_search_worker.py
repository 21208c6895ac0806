"""The search worker's JavaScript: its unit tests run with Node's test runner, and its character
class for Japanese is kobai/japanese.py's, which the index segmentation uses."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kobai import japanese

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "docs" / "assets" / "javascripts" / "workers" / "kobai-search.js"


def _codepoints(char_class: str) -> set[int]:
    points = set()
    for start, end in re.findall(r"(.)(?:-(.))?", char_class):
        points.update(range(ord(start), ord(end or start) + 1))
    return points


def test_the_worker_and_the_index_agree_on_what_is_japanese():
    source = WORKER.read_text(encoding="utf-8")
    js = re.search(r"const JAPANESE = /\[([^\]]+)\]/;", source).group(1)
    run = re.search(r"const JAPANESE_RUN = /\[([^\]]+)\]\+/g;", source).group(1)
    js_class = js.encode().decode("unicode_escape")
    assert js == run, "JAPANESE and JAPANESE_RUN must use the same class"
    assert _codepoints(js_class) == _codepoints(japanese.LETTERS)
    # joining broken lines covers every Japanese letter (and CJK punctuation besides)
    assert _codepoints(japanese.LETTERS) <= _codepoints(japanese.TEXT)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_worker_unit_tests_pass_under_node():
    result = subprocess.run(["node", "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
