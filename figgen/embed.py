"""The figure embed in Markdown pages: a line `{{ figure("vanishing-depth") }}` becomes a
<figure> with the page language's image, caption and alt text, and a folded "data and
reproduction" box. Everything shown is escaped text; nothing from a figure is raw HTML."""

from __future__ import annotations

import html
import re

from figgen.figure import Figure
from kobai.markdown_text import lines_outside_fences, without_inline_code

EMBED = re.compile(r"""^[ \t]*\{\{\s*figure\(\s*["']([^"']+)["']\s*\)\s*\}\}[ \t]*$""", re.M)
# The gallery's card: thumbnail, the phenomenon in one line, data links (see gallery.py).
CARD = re.compile(r"""^[ \t]*\{\{\s*figure_card\(\s*["']([^"']+)["']\s*\)\s*\}\}[ \t]*$""")

WORDS = {
    "ja": {"summary": "データと再現方法", "command": "この図だけを作り直すコマンド（学習からやり直す）:",
           "seed": "乱数の種", "device": "デバイス", "seconds": "計算時間", "unit": "秒", "hash": "コードハッシュ",
           "data": "データ"},
    "en": {"summary": "Data and reproduction", "command": "Rebuild just this figure (retraining it):",
           "seed": "seed", "device": "device", "seconds": "compute time", "unit": "s", "hash": "code hash",
           "data": "Data"},
}


def render(figure: Figure, data: dict, lang: str, base: str) -> str:
    """HTML for one figure. `base` is the relative URL of the site's figures/ folder."""
    e = lambda value: html.escape(str(value), quote=True)  # noqa: E731
    w = WORDS[lang]
    meta = data.get("meta", {})
    width, height = meta.get("image_size", {}).get(lang, (None, None))
    size = f' width="{width}" height="{height}"' if width and height else ""
    folder = f"{base}/{figure.id}"
    return "\n".join([
        "",
        f'<figure class="figgen" id="fig-{e(figure.id)}">',
        f'<img src="{e(folder)}/{e(figure.id)}.{lang}.svg" alt="{e(figure.alt[lang])}"{size} loading="lazy" decoding="async">',
        f'<figcaption><strong>{e(figure.title[lang])}</strong> {e(figure.caption[lang])}</figcaption>',
        f'<details class="figgen-repro info"><summary>{e(w["summary"])}</summary>',
        f'<p>{e(w["command"])}</p>',
        f'<pre><code>python -m figgen build --only {e(figure.id)} --force</code></pre>',
        "<ul>",
        f'<li>{e(w["seed"])}: <code>{e(meta.get("seed"))}</code></li>',
        f'<li>torch <code>{e(meta.get("torch"))}</code> · {e(w["device"])}: <code>{e(meta.get("device"))}</code>'
        + (f' ({e(meta["device_name"])})' if meta.get("device_name") else "") + "</li>",
        f'<li>{e(w["seconds"])}: {e(meta.get("seconds"))} {e(w["unit"])}</li>',
        f'<li>{e(w["hash"])}: <code>{e(meta.get("code_hash"))}</code></li>',
        "</ul>",
        f'<p>{e(w["data"])}: <a href="{e(folder)}/data.json" download>data.json</a> · '
        f'<a href="{e(folder)}/data.csv" download>data.csv</a></p>',
        "</details>",
        "</figure>",
        "",
    ])


class EmbedError(ValueError):
    """A figure embed the page cannot show: unknown id, not on its own line, or no data."""


_ANY_EMBED = re.compile(r"\{\{\s*figure(_card)?\(")


def embedded_ids(markdown: str) -> list[str]:
    """The figure ids a page embeds (lines of their own, outside code), in page order."""
    return [m.group(1) for _, line, live in lines_outside_fences(markdown) if live and (m := EMBED.match(line))]


def expand(markdown: str, lang: str, base: str, figures: dict[str, Figure], load_data) -> str:
    """Replace every embed line; `load_data(id)` returns the figure's data.json as a dict, or
    None when the figure has not been built.

    An embed is a line of its own. Inside a fenced code block or inline code it is shown as
    written (that is how a page documents the syntax); anywhere else in a line it is an error,
    as are an unknown id and a figure without data."""
    out = []
    for number, line, live in lines_outside_fences(markdown):
        if live:
            match = EMBED.match(line)
            card = CARD.match(line)
            if match:
                line = _render_embed(match.group(1), number, lang, base, figures, load_data)
            elif card:
                line = _render_embed(card.group(1), number, lang, base, figures, load_data, render_card)
            elif _ANY_EMBED.search(without_inline_code(line)):
                raise EmbedError(f"line {number}: a figure embed must stand on a line of its own: {line.strip()}")
        out.append(line)
    return "\n".join(out)


def _render_embed(figure_id: str, number: int, lang: str, base: str, figures: dict[str, Figure], load_data,
                  renderer=None) -> str:
    if figure_id not in figures:
        raise EmbedError(f"line {number}: unknown figure id {figure_id!r} (known: {', '.join(sorted(figures))})")
    data = load_data(figure_id)
    if not data:
        raise EmbedError(f"line {number}: figure {figure_id!r} has not been built (run `python -m figgen`)")
    return (renderer or render)(figures[figure_id], data, lang, base)


def render_card(figure: Figure, data: dict, lang: str, base: str) -> str:
    """A gallery card: thumbnail linking to the full image, the one-line summary, data links."""
    e = lambda value: html.escape(str(value), quote=True)  # noqa: E731
    width, height = data.get("meta", {}).get("image_size", {}).get(lang, (None, None))
    size = f' width="{width}" height="{height}"' if width and height else ""
    folder = f"{base}/{figure.id}"
    image = f"{folder}/{figure.id}.{lang}.svg"
    summary = figure.summary[lang] if figure.summary else figure.caption[lang]
    return "\n".join([
        "",
        '<div class="figgen-card">',
        f'<a href="{e(image)}"><img src="{e(image)}" alt="{e(figure.alt[lang])}"{size} loading="lazy" decoding="async"></a>',
        f"<p>{e(summary)}</p>",
        f'<p>{e(WORDS[lang]["data"])}: <a href="{e(folder)}/data.json" download>data.json</a> · '
        f'<a href="{e(folder)}/data.csv" download>data.csv</a></p>',
        "</div>",
        "",
    ])
