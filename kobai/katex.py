"""TeX → HTML with KaTeX, at build time, in an embedded V8 (mini-racer).

The site ships no KaTeX JavaScript: the vendored `katex.min.js` (kobai/vendor/katex/, not
published) runs here instead, so readers get typeset math without running a script, and a formula
KaTeX cannot parse stops the build instead of showing red TeX to a reader.

One V8 context per process, started on the first formula (a build without math never starts
it), and one in-memory cache of rendered formulas: the same TeX recurs across pages and across the
two languages, and `mkdocs serve` rebuilds keep the process, so they keep the cache too.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
from pathlib import Path

from kobai import build_cache

KATEX_JS = Path(__file__).resolve().parent / "vendor" / "katex" / "katex.min.js"

# The options are fixed here: throwOnError makes a bad formula an error, not red text, and
# htmlAndMathml keeps the TeX (as MathML's annotation) and the MathML for screen readers. A
# KaTeX ParseError comes back as its message (mini-racer's exception text would carry the
# whole minified source); any other exception is a bug and propagates.
_RENDER_JS = r"""
function kobaiRenderMath(tex, displayMode) {
  try {
    return JSON.stringify({html: katex.renderToString(tex, {displayMode: displayMode, throwOnError: true, output: "htmlAndMathml"})});
  } catch (error) {
    if (error instanceof katex.ParseError) return JSON.stringify({error: error.message});
    throw error;
  }
}
"""


class KatexError(ValueError):
    """KaTeX rejected a formula; the message names the TeX and KaTeX's reason."""

    def __init__(self, tex: str, display: bool, reason: str) -> None:
        self.tex, self.display, self.reason = tex, display, reason
        kind = "display" if display else "inline"
        super().__init__(f"KaTeX cannot typeset {kind} math `{tex}`: {reason}")


@functools.cache
def _context():
    """The V8 context with KaTeX loaded: made once per process, on first use."""
    from py_mini_racer import MiniRacer

    context = MiniRacer()
    # mini-racer 0.14.1: a process that exits with a context still open hangs in V8's teardown.
    atexit.register(context.close)
    context.eval(KATEX_JS.read_text(encoding="utf-8"))
    context.eval(_RENDER_JS)
    return context


@functools.lru_cache(maxsize=None)
def render(tex: str, display: bool) -> str:
    """KaTeX's HTML (with MathML) for one formula; raises KatexError if KaTeX rejects it.

    Cached: a rejected formula is not (it raises again), and `render.cache_info()` counts."""
    result = json.loads(_context().call("kobaiRenderMath", tex, display))
    if "error" in result:
        raise KatexError(tex, display, result["error"])
    return result["html"]


class StoredRenders:
    """Rendered formulas kept between builds (kobai/build_cache.py): a warm build starts no V8.

    Valid only for the same katex.min.js and render options (the file records their digest)."""

    def __init__(self, path: Path) -> None:
        self._kept = build_cache.KeptAnswers(
            path, hashlib.sha256(KATEX_JS.read_bytes() + _RENDER_JS.encode()).hexdigest()[:16], field="renders")
        self.path = self._kept.path

    def render(self, tex: str, display: bool) -> str:
        return self._kept.answer(f"{'D' if display else 'I'}{tex}", lambda: render(tex, display))

    def used(self) -> list[str]:
        """Every formula's HTML this build has typeset (or taken from the store)."""
        return self._kept.used()

    def save(self) -> None:
        self._kept.save()
