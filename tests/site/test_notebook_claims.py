"""The hands-on notebooks on gradient checking and on clipping, as the built site shows them: the two
versions show the same numbers, and those numbers show what the notebooks' markdown says they show.

The site build already ran the notebooks (mkdocs-jupyter, `execute: true`, `allow_errors: false`), so
nothing runs them again here: every number is read from an output a reader sees on the page (a
printed line or a table), found by the code of its cell, which is the same in both languages. Values
are compared between the languages as printed text, NaN and infinite values included, and the values
read from the two pages must be the same. What the pages show is rounded (two or three significant
digits), which every check below allows for."""

from __future__ import annotations

import io
import json
import math
import re
import tokenize
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGS = ("ja", "en")
NOTEBOOKS = ("notebooks/gradient-check", "notebooks/clipping")
H1 = {
    ("notebooks/gradient-check", "ja"): "ハンズオン：勾配チェックで逆伝播を確かめる",
    ("notebooks/gradient-check", "en"): "Hands-on: check a backward pass with gradient checking",
    ("notebooks/clipping", "ja"): "ハンズオン：勾配爆発とクリッピング",
    ("notebooks/clipping", "en"): "Hands-on: exploding gradients and clipping",
}
SITE_LINK = re.compile(r"\]\((\.\./\.\./[^)\s]*)\)")
# A number, inf, nan or a boolean standing on its own in an output's text ("float64" holds none).
VALUE = re.compile(r"(?<![\w.])(?:[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?|inf|nan|True|False)(?!\w)")

Table = list[list[str]]  # rows of cell texts, the header row first
Output = str | Table | None  # printed text, a table, or an image


def path(page: str, lang: str) -> Path:
    return DOCS / f"{page}.{lang}.py"


def code_tokens(text: str) -> list[tuple[int, str]]:
    """The code with comments and string literals removed (the markdown cells are comments); the ja
    version's extra import of the Japanese font is left out too."""
    text = "\n".join(line for line in text.splitlines() if not line.startswith("import matplotlib_fontja"))
    skip = {tokenize.COMMENT, tokenize.STRING, tokenize.NL, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    return [(t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type not in skip]


# -- reading the built pages -----------------------------------------------------------------------

def code_cells(site: Path, page: str, lang: str) -> list[tuple[str, list[Output]]]:
    """Each code cell of a notebook page: its code, and its outputs in order."""
    html = site / ("" if lang == "ja" else lang) / page / "index.html"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    cells = []
    for cell in soup.select("div.jp-CodeCell"):
        if cell.select_one("div.jp-CodeCell"):  # nbconvert's template wraps each code cell in another
            continue
        outputs: list[Output] = []
        for out in cell.select(".jp-OutputArea-output"):
            if table := out.find("table"):
                outputs.append([[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
                                for tr in table.find_all("tr")])
            elif pre := out.find("pre"):
                outputs.append(pre.get_text())
            else:
                assert out.find("img"), f"{html}: an output that is neither text, a table nor an image"
                outputs.append(None)
        cells.append((cell.select_one(".jp-InputArea pre").get_text(), outputs))
    assert cells, f"{html} shows no code cells"
    return cells


def outputs_of(cells: list[tuple[str, list[Output]]], code: str) -> list[Output]:
    found = [outputs for source, outputs in cells if code in source]
    assert len(found) == 1, f"expected one code cell with {code!r}, found {len(found)}"
    return found[0]


def the(kind: type, outputs: list[Output]) -> Output:
    """The single output of that kind (str: printed text, list: a table)."""
    found = [out for out in outputs if isinstance(out, kind)]
    assert len(found) == 1, f"expected one {kind.__name__} output, found {len(found)}: {outputs}"
    return found[0]


def values(text: str) -> list[str]:
    return VALUE.findall(text)


def every_value(output: Output) -> list:
    """All the values an output shows, as printed; a table's cell by cell."""
    if isinstance(output, list):
        return [[values(cell) for cell in row] for row in output]
    return values(output) if isinstance(output, str) else ["image"]


def boolean(text: str) -> bool:
    """The True or False a line ends with ("gradcheck: True")."""
    word = text.split()[-1]
    assert word in ("True", "False"), text
    return word == "True"


def after_colon(text: str) -> str:
    """What follows the last ': ' ("steps: 150" and "ステップ数: 150" alike)."""
    return text.rsplit(": ", 1)[1].strip()


def read_gradient_check(cells) -> dict:
    bug_line = the(str, outputs_of(cells, "bug_caught, bug_message = True,")).strip()
    caught, bug_message = bug_line.split(" | ", 1)  # "caught: True | <first line of the error>"
    header, *rows = the(list, outputs_of(cells, "ax.loglog("))  # the medians plotted, one row per h
    errors = {name: [(float(row[0]), float(row[col])) for row in rows] for col, name in enumerate(header[1:], 1)}
    return {
        "gradcheck_ok": boolean(the(str, outputs_of(cells, "gradcheck_ok = torch.autograd.gradcheck("))),
        "bug_caught": boolean(caught),
        "bug_message": bug_message,
        "no_sum_passes": boolean(the(str, outputs_of(cells, "no_sum_passes = torch.autograd.gradcheck("))),
        "errors": errors,
    }


def read_clipping(cells) -> dict:
    # "sequences: (1797, 8, 8)  steps: 150  batch size: 64"
    _, steps, _ = re.split(r"\s{2,}", the(str, outputs_of(cells, "STEPS, BATCH = ")).strip())
    outputs = outputs_of(cells, "bad_text = ")
    _, *rows = the(list, outputs)
    lines = the(str, outputs).strip().splitlines()  # "<run> | norm, first steps: a, b, ... | largest norm: x"
    runs, max_norm = {}, None
    for label, first, last, top, non_finite, clipped, mean_last_10 in rows:
        if found := re.search(r"max_norm = ([\d.]+)", label):
            name, max_norm = "clipping", float(found.group(1))
        else:
            name = "no clipping"
        bad = [int(v) for v in values(non_finite)]  # "146 (from step 4)", or "none"
        assert len(bad) in (0, 2), non_finite
        line = [line.split(" | ") for line in lines if line.startswith(f"{label} | ")]
        assert len(line) == 1, f"one printed line of norms for {label!r}: {lines}"
        _, norms, largest = line[0]
        assert name not in runs, rows
        runs[name] = {
            "first_loss": float(first), "last_loss": float(last), "largest_finite_loss": float(top),
            "non_finite": bad[0] if bad else 0, "first_non_finite": bad[1] if bad else None,
            "clipped": int(clipped), "mean_last_10": float(mean_last_10),
            "first_norms": [float(n) for n in after_colon(norms).split(", ")], "largest_norm": float(after_colon(largest)),
        }
    assert set(runs) == {"no clipping", "clipping"}, rows
    return {"steps": int(after_colon(steps)), "max_norm": max_norm, "runs": runs}


READERS = {"notebooks/gradient-check": read_gradient_check, "notebooks/clipping": read_clipping}


@pytest.fixture(scope="module")
def shown(built_site) -> dict[str, dict]:
    """The values each notebook page shows, read from its outputs; the same in both languages."""
    out = {}
    for page in NOTEBOOKS:
        cells = {lang: code_cells(built_site, page, lang) for lang in LANGS}
        printed = {lang: [[every_value(output) for output in outputs] for _, outputs in page_cells]
                   for lang, page_cells in cells.items()}
        assert printed["ja"] == printed["en"], f"{page}: the two languages show different numbers"
        read = {lang: READERS[page](page_cells) for lang, page_cells in cells.items()}
        assert json.dumps(read["ja"]) == json.dumps(read["en"]), f"{page}: the two languages show different numbers"
        out[page] = read["en"]
    return out


# -- the notebooks' sources ------------------------------------------------------------------------

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


@pytest.mark.slow  # built_site builds the whole site unless KOBAI_SITE_DIR names one
def test_gradient_check_shows_what_it_says(shown):
    """gradcheck passes the correct layer and names input 1 (weight) for the transposed gradient; the
    missing batch sum passes; float64 gets below 1e-7 around h = 1e-5, float32 never below 1e-5; both
    curves are V-shaped, with the h^2 truncation slope on the right (the table of the plotted medians)."""
    r = shown["notebooks/gradient-check"]
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


@pytest.mark.slow  # built_site builds the whole site unless KOBAI_SITE_DIR names one
def test_clipping_shows_what_it_says(shown):
    """Without clipping the norm grows by orders of magnitude step after step until the loss jumps far
    above its start and turns non-finite for good; with clipping, same first gradient, clipped only now
    and again after the start, and the loss falls."""
    r = shown["notebooks/clipping"]
    steps, max_norm = r["steps"], r["max_norm"]
    none, clip = r["runs"]["no clipping"], r["runs"]["clipping"]

    first = none["first_loss"]
    assert none["non_finite"] > 0, "the loss without clipping becomes NaN or infinite"
    blow_up = none["first_non_finite"]
    assert none["non_finite"] == steps - blow_up, "and never recovers"  # every step from the first one on
    # Every loss from blow_up on is non-finite, so the largest finite loss is the largest before it.
    assert none["largest_finite_loss"] > 10 * first, "it first jumps far above its start"
    assert len(none["first_norms"]) >= blow_up, "the page shows the norm of every step before the blow-up"
    before = none["first_norms"][:blow_up]
    assert any(n > max_norm for n in before)
    finite = [n for n in before if math.isfinite(n)]
    assert all(b > a for a, b in zip(finite, finite[1:])) and finite[-1] > 1e3 * finite[0]

    assert clip["first_norms"][0] == none["first_norms"][0] and clip["first_loss"] == first
    assert clip["first_norms"][1] > max_norm
    assert clip["non_finite"] == 0, "with clipping every loss is finite"
    assert all(math.isfinite(v) for v in (clip["largest_norm"], *clip["first_norms"])), "and every norm"
    start = 5  # steps 0-4, whose norms the page shows
    assert len(clip["first_norms"]) >= start
    after_start = clip["clipped"] - sum(n > max_norm for n in clip["first_norms"][:start])
    assert after_start < steps / 10, "after the start it rarely clips"
    assert clip["last_loss"] < first
    assert clip["mean_last_10"] < first / 2
