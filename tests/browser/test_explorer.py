"""The gradient-flow explorer in a real browser: every control shows exactly the run the JSON holds
for that choice, the choice round-trips through the URL, the sentence names the right numbers,
the keyboard alone is enough, and without JavaScript the static figure is there."""

from __future__ import annotations

import json
import math
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

SUP = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _chunk(built_site, act: str, init: str) -> dict:
    return json.loads((built_site / "figures" / "explorer-grid" / f"{act}-{init}.json").read_text(encoding="utf-8"))


def _run(built_site, act, init, depth, norm, res) -> dict:
    return _chunk(built_site, act, init)["configs"][f"{depth}|{norm}|{res}"]


def _shown(page) -> dict:
    """What the page shows: its key, the table's numbers, the sentence, the drawn points."""
    page.wait_for_function("() => document.querySelector('[data-explorer]').dataset.shown"
                           " && !document.querySelector('[data-explorer]').hasAttribute('aria-busy')")
    return page.evaluate("""() => {
        const root = document.querySelector('[data-explorer]');
        const rows = [...root.querySelectorAll('[data-explorer-table] tbody tr')].map(r => [...r.cells].map(c => c.textContent));
        const points = kind => (root.querySelector(`[data-chart=${kind}] .explorer-line--current`).getAttribute('d').match(/[ML]/g) || []).length;
        return { key: root.dataset.shown, rows, sentence: root.querySelector('[data-explorer-sentence]').textContent,
                 points: { grad: points('grad'), std: points('std'), loss: points('loss') },
                 faded: !!root.querySelector('[data-chart=grad] .explorer-line--previous') };
    }""")


def _number(text: str) -> float:
    if "×10" in text:
        mantissa, exponent = text.split("×10")
        return float(mantissa) * 10 ** int(exponent.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")))
    return float(text)


def _assert_shows(shown: dict, run: dict, key: str) -> None:
    assert shown["key"] == key
    assert len(shown["rows"]) == len(run["grad"]) == len(run["std"])
    for (layer, grad, std), g, s in zip(shown["rows"], run["grad"], run["std"]):
        for text, value in ((grad, g), (std, s)):
            if value is None or not math.isfinite(value):
                assert not any(c.isdigit() for c in text), (layer, text, value)
            else:
                assert _number(text) == pytest.approx(value, rel=0.06, abs=1e-300), (layer, text, value)
    finite = lambda values: sum(1 for v in values if v is not None and math.isfinite(v) and v > 0)  # noqa: E731
    assert shown["points"]["grad"] == finite(run["grad"]) and shown["points"]["std"] == finite(run["std"])
    assert shown["points"]["loss"] == sum(1 for v in run["loss"] if v is not None and math.isfinite(v))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_control_shows_exactly_the_run_in_the_json(page, site_url, built_site, lang):
    page.goto(site_url + ("en/" if lang == "en" else "") + "explorer/")
    shown = _shown(page)
    _assert_shows(shown, _run(built_site, "sigmoid", "xavier", 30, "none", 0), "sigmoid|xavier|30|none|0")
    steps = [("activation", "relu", "relu|xavier|30|none|0"), ("init", "he", "relu|he|30|none|0"),
             ("depth", "50", "relu|he|50|none|0"), ("norm", "layer", "relu|he|50|layer|0")]
    for field, value, key in steps:
        page.select_option(f"select[name={field}]", value)
        shown = _shown(page)
        _assert_shows(shown, _run(built_site, *key.split("|")[:2], int(key.split("|")[2]), key.split("|")[3], 0), key)
        assert shown["faded"], "the previous choice stays as a faded line"
    page.check("input[name=residual]")
    shown = _shown(page)
    _assert_shows(shown, _run(built_site, "relu", "he", 50, "layer", 1), "relu|he|50|layer|1")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"act": ["relu"], "init": ["he"], "depth": ["50"], "norm": ["layer"], "res": ["1"]}


def test_the_url_opens_the_same_view_and_the_sentence_names_its_numbers(page, site_url, built_site):
    page.goto(site_url + "explorer/?act=sigmoid&init=xavier&depth=30&norm=batch&res=0")
    shown = _shown(page)
    run = _run(built_site, "sigmoid", "xavier", 30, "batch", 0)
    _assert_shows(shown, run, "sigmoid|xavier|30|batch|0")
    assert page.input_value("select[name=norm]") == "batch" and page.input_value("select[name=depth]") == "30"
    ratio = run["grad"][0] / run["grad"][-1]
    assert 0.1 < ratio < 10, "batch norm keeps the deep sigmoid net's gradient within an order of magnitude"
    assert f"{ratio:.3g}" in shown["sentence"] and f"{run['grad'][0]:.3g}" in shown["sentence"], shown["sentence"]
    page.goto(site_url + "explorer/?act=sigmoid&init=xavier&depth=30&norm=none&res=0")
    vanishing = _shown(page)
    run = _run(built_site, "sigmoid", "xavier", 30, "none", 0)
    exponent = round(math.log10(run["grad"][0] / run["grad"][-1]))
    assert exponent <= -6 and "10" + str(exponent).translate(SUP) in vanishing["sentence"], vanishing["sentence"]
    assert page.locator("[data-explorer-sentence] a[href$='problems/vanishing/']").count() == 1


def test_the_keyboard_alone_changes_the_view(page, site_url):
    page.goto(site_url + "en/explorer/")
    before = _shown(page)["key"]
    page.focus("select[name=activation]")
    for _ in range(2):  # from the activation through the init to the depth
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "depth"
    page.keyboard.press("ArrowDown")  # a native select changes on arrow keys without opening
    page.wait_for_function("key => document.querySelector('[data-explorer]').dataset.shown !== key", arg=before)
    assert _shown(page)["key"] == "sigmoid|xavier|50|none|0"


def test_without_javascript_the_static_figure_is_shown(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "explorer/")
        assert page.locator("[data-explorer]").is_hidden()
        figure = page.locator("[data-explorer-static] figure.figgen img")
        assert figure.is_visible() and figure.get_attribute("alt")
        assert page.locator("[data-explorer-static] a[href$='data.csv']").count() == 1
    finally:
        context.close()


def test_articles_open_presets(page, site_url):
    for lang in ("", "en/"):
        page.goto(site_url + lang + "problems/vanishing/")
        with page.expect_navigation():
            page.click("a[href*='explorer/?act=sigmoid']")
        assert urlsplit(page.url).path == f"/{lang}explorer/"
        assert _shown(page)["key"] == "sigmoid|xavier|30|none|0"
