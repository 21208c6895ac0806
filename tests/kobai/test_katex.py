"""KaTeX run at build time in an embedded V8 (kobai/katex.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kobai import katex


def test_inline_math_is_katex_html_with_mathml_and_the_tex():
    out = katex.render(r"\frac{\partial L}{\partial w}", False)
    assert out.startswith('<span class="katex">') and "katex-display" not in out
    assert '<span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML">' in out
    assert '<annotation encoding="application/x-tex">\\frac{\\partial L}{\\partial w}</annotation>' in out
    assert '<span class="katex-html" aria-hidden="true">' in out and "mfrac" in out


def test_display_math_is_a_katex_display_block():
    out = katex.render(r"\sum_{i=1}^n x_i", True)
    assert out.startswith('<span class="katex-display"><span class="katex">')
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in out
    assert '<annotation encoding="application/x-tex">\\sum_{i=1}^n x_i</annotation>' in out


def test_tex_is_escaped_in_the_annotation():
    assert '<annotation encoding="application/x-tex">a &lt; b \\&amp; c</annotation>' in katex.render("a < b \\& c", False)


def test_a_formula_katex_rejects_raises_with_the_tex_and_the_reason():
    with pytest.raises(katex.KatexError) as caught:
        katex.render(r"\frac{a}{", True)
    message = str(caught.value)
    assert "`\\frac{a}{`" in message and "display math" in message and "KaTeX parse error" in message
    assert "function(" not in message  # KaTeX's message, not mini-racer's dump of the minified source


def test_an_unknown_command_is_an_error_not_red_text():
    with pytest.raises(katex.KatexError, match="Undefined control sequence"):
        katex.render(r"\notacommand x", False)


def test_one_context_per_process_and_a_cache():
    assert katex._context() is katex._context()
    before = katex.render.cache_info()
    first = katex.render("e^{i\\pi} + 1 = 0", False)
    again = katex.render("e^{i\\pi} + 1 = 0", False)
    after = katex.render.cache_info()
    assert first == again and after.hits == before.hits + 1 and after.misses == before.misses + 1


def test_a_process_that_used_katex_exits():
    """mini-racer 0.14.1 hangs at interpreter exit while a context is open: kobai closes it."""
    code = "from kobai import katex; print(katex.render('x', False)[:19])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0 and result.stdout.strip() == '<span class="katex"'


def test_stored_renders_skip_katex_on_the_next_build_and_keep_only_what_was_used(tmp_path, monkeypatch):
    path = tmp_path / "katex.json"
    first = katex.StoredRenders(path)
    html = first.render("x^2", False)
    first.render("y", True)
    first.save()
    calls = []
    monkeypatch.setattr(katex, "render", lambda tex, display: calls.append(tex) or "fresh")
    second = katex.StoredRenders(path)
    assert second.render("x^2", False) == html and calls == [], "a stored formula needs no V8"
    assert second.render("x^2", True) == "fresh" and calls == ["x^2"], "display and inline are different renders"
    second.save()
    third = katex.StoredRenders(path)
    assert third.render("y", True) == "fresh" and calls == ["x^2", "y"], "formulas the last build did not use are dropped"
    path.write_text('{"version": "other", "renders": {"Ix^2": "stale"}}', encoding="utf-8")
    assert katex.StoredRenders(path).render("x^2", False) == "fresh", "another KaTeX: nothing stored is valid"
