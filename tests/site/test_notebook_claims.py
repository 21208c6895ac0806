"""The hands-on notebooks on gradient checking and on clipping, run for real in both languages: the two
versions compute the same numbers, and those numbers show what the notebooks' markdown says they show.

Each notebook runs with runpy in a fresh interpreter (matplotlib on the Agg backend), which prints the
module-level results as JSON. Both versions must print exactly the same JSON text: comparing the text,
not the parsed lists, also compares the NaN and infinite values of the run that blows up."""

from __future__ import annotations

import io
import json
import math
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGS = ("ja", "en")
NOTEBOOKS = {
    "notebooks/gradient-check": ["errors", "gradcheck_ok", "bug_caught", "bug_message", "no_sum_passes"],
    "notebooks/clipping": ["history", "max_norm"],
}
H1 = {
    ("notebooks/gradient-check", "ja"): "ハンズオン：勾配チェックで逆伝播を確かめる",
    ("notebooks/gradient-check", "en"): "Hands-on: check a backward pass with gradient checking",
    ("notebooks/clipping", "ja"): "ハンズオン：勾配爆発とクリッピング",
    ("notebooks/clipping", "en"): "Hands-on: exploding gradients and clipping",
}
SITE_LINK = re.compile(r"\]\((\.\./\.\./[^)\s]*)\)")

DRIVER = """
import json, runpy, sys
ns = runpy.run_path(sys.argv[1])
print(json.dumps({name: ns[name] for name in sys.argv[2:]}))
"""


def path(page: str, lang: str) -> Path:
    return DOCS / f"{page}.{lang}.py"


def code_tokens(text: str) -> list[tuple[int, str]]:
    """The code with comments and string literals removed (the markdown cells are comments); the ja
    version's extra import of the Japanese font is left out too."""
    text = "\n".join(line for line in text.splitlines() if not line.startswith("import matplotlib_fontja"))
    skip = {tokenize.COMMENT, tokenize.STRING, tokenize.NL, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    return [(t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type not in skip]


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    out = {}
    for page, names in NOTEBOOKS.items():
        printed = {}
        for lang in LANGS:
            run = subprocess.run([sys.executable, "-c", DRIVER, str(path(page, lang)), *names],
                                 capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
            assert run.returncode == 0, f"{page}.{lang}.py:\n{run.stderr[-3000:]}"
            printed[lang] = run.stdout.strip().splitlines()[-1]
        assert printed["ja"] == printed["en"], f"{page}: the two languages compute different numbers"
        out[page] = json.loads(printed["en"])
    return out


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_both_languages_are_the_same_jupytext_notebook(page):
    texts = {lang: path(page, lang).read_text(encoding="utf-8") for lang in LANGS}
    for lang, text in texts.items():
        assert text.startswith(f"# %% [markdown]\n# # {H1[page, lang]}\n"), f"{page}.{lang}.py: H1 first"
        assert "torch.set_num_threads(1)" in text
    cells = {lang: re.findall(r"^# %%.*$", text, re.M) for lang, text in texts.items()}
    assert cells["ja"] == cells["en"], "same sequence of markdown and code cells"
    assert code_tokens(texts["ja"]) == code_tokens(texts["en"]), "identical code, up to comments and strings"
    links = {lang: set(SITE_LINK.findall(text)) for lang, text in texts.items()}
    assert links["ja"] == links["en"] and links["en"]
    last_cell = texts["en"].rsplit("# %%", 1)[1]
    assert last_cell.startswith(" [markdown]") and SITE_LINK.search(last_cell), "ends with what we saw + links"
    for link in links["en"]:  # ../../problems/exploding/ is docs/problems/exploding.{ja,en}.md
        target = link.removeprefix("../../").split("#")[0].rstrip("/")
        for lang in LANGS:
            assert (DOCS / f"{target}.{lang}.md").is_file(), f"{page}: {link} is not a page"


def test_gradient_check_shows_what_it_says(results):
    """gradcheck passes the correct layer and names input 1 (weight) for the transposed gradient; the
    missing batch sum passes; float64 gets below 1e-7 around h = 1e-5, float32 never below 1e-5; both
    curves are V-shaped, with the h^2 truncation slope on the right."""
    r = results["notebooks/gradient-check"]
    assert r["gradcheck_ok"] is True
    assert r["bug_caught"] is True and "with respect to input 1" in r["bug_message"]
    assert r["no_sum_passes"] is True
    errors = {name: {h: e for h, e in points} for name, points in r["errors"].items()}
    assert set(errors) == {"float64", "float32"}
    f64, f32 = errors["float64"], errors["float32"]
    assert min(f64.values()) < 1e-7
    assert min(f32.values()) > 1e-5
    assert all(e < 1e-7 for h, e in f64.items() if 1e-6 <= h <= 1e-4)
    for curve in (f64, f32):  # the minimum lies inside the range of h, not at either end
        hs = sorted(curve)
        assert hs[0] <= 1e-10 and hs[-1] >= 1e-1
        best = min(hs, key=curve.get)
        assert curve[best] < curve[hs[0]] and curve[best] < curve[hs[-1]]
    assert 30 < f64[0.1] / f64[0.01] < 300  # truncation error ~ h^2: 10x the step, ~100x the error
    assert f32[1e-4] > f32[1e-3] > f32[1e-2]  # rounding error ~ 1/h on the small-h side


def test_clipping_shows_what_it_says(results):
    """Without clipping the norm grows by orders of magnitude step after step until the loss jumps far
    above its start and turns non-finite for good; with clipping, same first gradient, clipped only now
    and again after the start, and the loss falls."""
    r = results["notebooks/clipping"]
    max_norm, none, clip = r["max_norm"], r["history"]["no clipping"], r["history"]["clipping"]
    assert len(none["loss"]) == len(clip["loss"]) == len(none["norm"]) == len(clip["norm"])
    steps = len(clip["loss"])

    first = none["loss"][0]
    bad = [t for t, v in enumerate(none["loss"]) if not math.isfinite(v)]
    assert bad, "the loss without clipping becomes NaN or infinite"
    blow_up = bad[0]
    assert bad == list(range(blow_up, steps)), "and never recovers"
    assert max(none["loss"][:blow_up]) > 10 * first, "it first jumps far above its start"
    before = none["norm"][:blow_up]
    assert any(n > max_norm for n in before)
    finite = [n for n in before if math.isfinite(n)]
    assert all(b > a for a, b in zip(finite, finite[1:])) and finite[-1] > 1e3 * finite[0]

    assert clip["norm"][0] == none["norm"][0] and clip["loss"][0] == first
    assert clip["norm"][1] > max_norm
    assert all(math.isfinite(v) for v in clip["loss"] + clip["norm"])
    assert sum(n > max_norm for n in clip["norm"][5:]) < steps / 10, "after the start it rarely clips"
    assert clip["loss"][-1] < first
    assert sum(clip["loss"][-10:]) / 10 < first / 2
