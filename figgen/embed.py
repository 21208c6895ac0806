"""The figure embed in Markdown pages: a line `{{ figure("vanishing-depth") }}` becomes a
<figure> with the page language's image, caption and alt text, and a folded "data and
reproduction" box. Everything shown is escaped text; nothing from a figure is raw HTML."""

from __future__ import annotations

import html
import re

from figgen.figure import Figure

EMBED = re.compile(r"""^[ \t]*\{\{\s*figure\(\s*["']([^"']+)["']\s*\)\s*\}\}[ \t]*$""", re.M)

WORDS = {
    "ja": {"summary": "データと再現方法", "command": "この図だけを作り直すコマンド（学習からやり直す）:",
           "seed": "乱数の種", "device": "デバイス", "seconds": "計算時間", "unit": "秒", "hash": "コードハッシュ",
           "data": "データ"},
    "en": {"summary": "Data and reproduction", "command": "Rebuild just this figure (retraining it):",
           "seed": "seed", "device": "device", "seconds": "compute time", "unit": "s", "hash": "code hash",
           "data": "Data"},
}


def figure_ids(markdown: str) -> list[str]:
    return EMBED.findall(markdown)


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
        f'<li>torch <code>{e(meta.get("torch"))}</code> · {e(w["device"])}: <code>{e(meta.get("device"))}</code></li>',
        f'<li>{e(w["seconds"])}: {e(meta.get("seconds"))} {e(w["unit"])}</li>',
        f'<li>{e(w["hash"])}: <code>{e(meta.get("code_hash"))}</code></li>',
        "</ul>",
        f'<p>{e(w["data"])}: <a href="{e(folder)}/data.json" download>data.json</a> · '
        f'<a href="{e(folder)}/data.csv" download>data.csv</a></p>',
        "</details>",
        "</figure>",
        "",
    ])


def expand(markdown: str, lang: str, base: str, figures: dict[str, Figure], load_data) -> str:
    """Replace every embed line; `load_data(id)` returns the figure's data.json as a dict.
    Raises KeyError(id) for an id that is not a figure."""
    def replace(match: re.Match) -> str:
        figure_id = match.group(1)
        if figure_id not in figures:
            raise KeyError(figure_id)
        return render(figures[figure_id], load_data(figure_id), lang, base)

    return EMBED.sub(replace, markdown)
