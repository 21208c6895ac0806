"""axe-core (npm, package.json) over every page type in both languages, light and dark: no
violations of WCAG 2.2 A/AA or of axe's best practices. Lighthouse's accessibility score is
measured separately by benchmarks/lighthouse.py."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "",
    "article with math": "basics/backpropagation/",
    "article with figures": "problems/vanishing/",
    "faq": "faq/",
    "notebook": "notebooks/gradient-flow/",
    "explorer": "explorer/",
    "glossary index": "glossary/",
    "glossary term": "glossary/exploding-gradient/",
    "glossary map": "glossary/map/",
    "figure gallery": "gallery/",
    "references": "references/",
}
# Blocks with math below the first screen are laid out (and styled) only when the reader scrolls
# near them (content-visibility: auto, docs/assets/stylesheets/kobai.css): until then Chromium keeps
# the styles they had before Material switched to the reader's colour scheme, and axe would read
# those. The page is read to its end first, as a reader does.
READ_TO_THE_END = """async () => {
    const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) { scrollTo(0, y); await frame(); }
    scrollTo(0, 0); await frame();
}"""
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_no_axe_violations(browser, site_url, axe_source, kind, lang, scheme):
    context = browser.new_context(viewport={"width": 412, "height": 915}, color_scheme=scheme,
                                  locale="ja-JP" if lang == "ja" else "en-US")
    try:
        page = context.new_page()
        page.goto(site_url + ("en/" if lang == "en" else "") + PAGE_TYPES[kind])
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default")
        page.evaluate(READ_TO_THE_END)
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(
            "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
            ".map(v => `${v.id} (${v.impact}): ${v.help}\\n    ` + v.nodes.slice(0, 5).map(n => n.target.join(' ')"
            " + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200)).join('\\n    '))", TAGS)
        assert violations == [], f"{kind} ({lang}, {scheme}):\n" + "\n".join(violations)
    finally:
        context.close()
