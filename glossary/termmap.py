"""Maps of the glossary, drawn at build time as inline SVG: one term's neighbourhood (the term and
every term one typed relation away, in either direction) and the whole glossary.

The SVG is inline so that it follows the theme (colours are CSS variables of Material, set in
`glossary.css`, so dark mode works) and so that every node is a real, focusable link. Relation
types differ by line pattern as well as colour, and every map comes with a text equivalent: the
same edges as a list. Layouts are deterministic (no randomness without a fixed seed), so an
unchanged glossary gives byte-identical pages and `mkdocs serve` does not rebuild in a loop.
"""

from __future__ import annotations

import functools
import html
import math
import unicodedata
from dataclasses import dataclass

import numpy as np

from glossary.model import Term

# Relation types in drawing order, with their label per language. "cooccurring" is left out of the
# whole-glossary map (it is the largest and least specific relation) and kept on term pages.
KINDS = ("remedies", "antonyms", "confused", "related", "cooccurring")
LABELS = {
    "ja": {"remedies": "対策", "antonyms": "対義語", "confused": "紛らわしい語", "related": "関連用語",
           "cooccurring": "共起語", "remedy_of": "これを対策とする問題", "map": "関係図", "whole": "用語集の全体図",
           "text": "図の内容を文章で読む", "legend": "線の種類", "centre": "この用語",
           "whole_intro": "用語集のすべての用語と、そのあいだの関係（対策・対義語・紛らわしい語・関連用語）を 1 枚にまとめた図です。"
                          "用語をクリックするとその用語のページへ移ります。共起語は各用語のページの図に載せています。",
           "scroll": "図は横にスクロールできます。"},
    "en": {"remedies": "Remedies", "antonyms": "Antonyms", "confused": "Often confused with", "related": "Related terms",
           "cooccurring": "Often appears with", "remedy_of": "Problems this one remedies", "map": "Term map",
           "whole": "Map of the whole glossary", "text": "The map as text", "legend": "Line styles", "centre": "this term",
           "whole_intro": "Every term of the glossary and the relations between them (remedies, antonyms, often confused "
                          "with, related terms) in one picture. Select a term to open its page. The terms that often "
                          "appear together are shown on each term's own map.",
           "scroll": "The map scrolls sideways."},
}
FONT = 13          # px, the labels' font size (glossary.css uses the same)
PAD_X, PAD_Y = 8, 5
NODE_H = FONT + 2 * PAD_Y


@functools.lru_cache(maxsize=None)  # asked about a million times while maps are laid out
def text_width(label: str) -> float:
    """Estimated rendered width of a label in px: full-width characters 1 em, others about 0.6 em."""
    return sum(FONT if unicodedata.east_asian_width(c) in "WF" else 0.6 * FONT for c in label)


@dataclass
class Node:
    id: str
    label: str
    x: float = 0.0
    y: float = 0.0
    kind: str = ""  # the relation that brought it onto a neighbourhood map ("" for the centre)

    @property
    def w(self) -> float:
        return text_width(self.label) + 2 * PAD_X  # cached: the label never changes

    def overlaps(self, other: "Node", gap: float = 6.0) -> bool:
        return (abs(self.x - other.x) * 2 < self.w + other.w + 2 * gap
                and abs(self.y - other.y) * 2 < NODE_H + NODE_H + 2 * gap)


def related_ids(term: Term, kind: str) -> tuple[str, ...]:
    """The ids a term names under one relation kind ("confused" entries carry notes too)."""
    return tuple(c[0] for c in term.confused) if kind == "confused" else getattr(term, kind)


def neighbourhood(term: Term, by_id: dict[str, Term]) -> list[tuple[str, str]]:
    """(relation kind, other id) for every term one hop away, outgoing relations first. A term
    that names this one as its remedy is shown as "remedy_of"; other incoming relations are
    symmetric in meaning and keep their kind. Each other term appears once."""
    seen: dict[str, str] = {}
    for kind in KINDS:
        ids = related_ids(term, kind)
        for other in ids:
            seen.setdefault(other, kind)
    for other in sorted(by_id.values(), key=lambda t: t.id):
        if other.id == term.id or other.id in seen:
            continue
        if term.id in other.remedies:
            seen[other.id] = "remedy_of"
            continue
        for kind in KINDS:
            ids = related_ids(other, kind)
            if term.id in ids and kind != "remedies":
                seen[other.id] = kind
                break
    order = {k: i for i, k in enumerate(("remedies", "remedy_of") + KINDS[1:])}
    return sorted(((kind, other) for other, kind in seen.items()), key=lambda item: order[item[0]])


def _place_rings(centre: Node, others: list[Node]) -> None:
    """Greedy placement on widening ellipses around the centre: each node takes the free slot
    nearest (in angle) to the previous one, so the members of one relation sit together."""
    placed = [centre]
    angle = -math.pi / 2
    for node in others:
        ring = 0
        while True:
            rx, ry = 170 + 95 * ring, 70 + 48 * ring
            steps = 36 + 12 * ring
            found = False
            for k in range(steps):
                for sign in (1, -1):
                    a = angle + sign * k * 2 * math.pi / steps
                    node.x, node.y = centre.x + rx * math.cos(a), centre.y + ry * math.sin(a)
                    if not any(node.overlaps(p) for p in placed):
                        found, angle = True, a
                        break
                if found:
                    break
            if found:
                break
            ring += 1
        placed.append(node)


def _force_layout(nodes: list[Node], edges: list[tuple[int, int]], width: float, height: float) -> None:
    """Fruchterman–Reingold from a deterministic start (nodes on a circle), then overlap removal."""
    n = len(nodes)
    angles = 2 * np.pi * np.arange(n) / n
    pos = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    k = math.sqrt(4.0 / n)
    temp = 0.2
    src = np.array([i for i, _ in edges], dtype=int)
    dst = np.array([j for _, j in edges], dtype=int)
    for _ in range(300):
        delta = pos[:, None, :] - pos[None, :, :]
        d2 = np.maximum((delta ** 2).sum(-1), 1e-6)
        np.fill_diagonal(d2, np.inf)
        disp = (delta * (k * k / d2)[..., None]).sum(1)
        if len(edges):
            e = pos[src] - pos[dst]
            pull = e * (np.linalg.norm(e, axis=1, keepdims=True) / k)
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= 0.05 * pos / k  # gravity keeps unconnected terms from drifting off
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        pos += disp / length * np.minimum(length, temp)
        temp = max(temp * 0.985, 0.002)
    low, span = pos.min(0), np.maximum(pos.max(0) - pos.min(0), 1e-9)
    unit = (pos - low) / span
    for node, (x, y) in zip(nodes, unit):
        node.x, node.y = 90 + float(x) * (width - 180), 30 + float(y) * (height - 60)
    widths = np.array([node.w for node in nodes])
    xy = np.array([[node.x, node.y] for node in nodes])
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    for _ in range(500):  # push overlapping labels apart along the axis where they overlap least
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        ox = (widths[:, None] + widths[None, :]) / 2 + 4 - np.abs(dx)
        oy = NODE_H + 4 - np.abs(dy)
        hit = (ox > 0) & (oy > 0) & upper
        if not hit.any():
            break
        along_x = hit & (ox < oy)
        along_y = hit & ~(ox < oy)
        sx = np.where(dx >= 0, 1.0, -1.0) * ox / 2 * along_x
        sy = np.where(dy >= 0, 1.0, -1.0) * oy / 2 * along_y
        xy[:, 0] += sx.sum(1) - sx.sum(0)
        xy[:, 1] += sy.sum(1) - sy.sum(0)
    for node, (x, y) in zip(nodes, xy):
        node.x, node.y = float(x), float(y)


def _svg(nodes: list[Node], edges: list[tuple[int, int, str]], title: str, centre: int | None,
         css_class: str, fixed_width: bool) -> str:
    left = min(n.x - n.w / 2 for n in nodes) - 6
    right = max(n.x + n.w / 2 for n in nodes) + 6
    top = min(n.y for n in nodes) - NODE_H / 2 - 6
    bottom = max(n.y for n in nodes) + NODE_H / 2 + 6
    w, h = right - left, bottom - top
    size = f'width="{w:.0f}" height="{h:.0f}" ' if fixed_width else ""
    parts = [f'<svg class="{css_class}" viewBox="{left:.0f} {top:.0f} {w:.0f} {h:.0f}" {size}'
             f'role="group" aria-label="{html.escape(title)}" xmlns="http://www.w3.org/2000/svg">']
    parts.append('<g class="term-map__edges" aria-hidden="true">')
    for i, j, kind in edges:
        a, b = nodes[i], nodes[j]
        parts.append(f'<line class="term-map__edge term-map__edge--{kind}" x1="{a.x:.1f}" y1="{a.y:.1f}" '
                     f'x2="{b.x:.1f}" y2="{b.y:.1f}"/>')
    parts.append("</g>")
    for index, node in enumerate(nodes):
        cls = "term-map__node" + (" term-map__node--centre" if index == centre else f" term-map__node--{node.kind}" if node.kind else "")
        rect = (f'<rect x="{node.x - node.w / 2:.1f}" y="{node.y - NODE_H / 2:.1f}" width="{node.w:.1f}" '
                f'height="{NODE_H}" rx="{NODE_H / 2:.1f}"/>')
        text = f'<text x="{node.x:.1f}" y="{node.y:.1f}">{html.escape(node.label)}</text>'
        if index == centre:
            parts.append(f'<g class="{cls}">{rect}{text}</g>')
        else:
            parts.append(f'<a class="{cls}" href="../{node.id}/">{rect}{text}</a>')
    parts.append("</svg>")
    return "".join(parts)


def _legend(kinds: list[str], lang: str) -> str:
    items = "".join(
        f'<li><svg width="28" height="10" aria-hidden="true"><line class="term-map__edge term-map__edge--{k}" '
        f'x1="0" y1="5" x2="28" y2="5"/></svg>{html.escape(LABELS[lang][k])}</li>' for k in kinds)
    return f'<ul class="term-map__legend" aria-label="{html.escape(LABELS[lang]["legend"])}">{items}</ul>'


def term_map(term: Term, by_id: dict[str, Term], lang: str) -> str:
    """HTML (one line, safe inside Markdown) of the term's neighbourhood map with its text equivalent."""
    hood = neighbourhood(term, by_id)
    if not hood:
        return ""
    words = LABELS[lang]
    centre = Node(term.id, term.entry(lang).term)
    others = [Node(other, by_id[other].entry(lang).term, kind=kind) for kind, other in hood]
    _place_rings(centre, others)
    nodes = [centre, *others]
    edges = [(0, i, node.kind) for i, node in enumerate(nodes) if i]
    title = f"{words['map']}: {centre.label}"
    kinds = list(dict.fromkeys(node.kind for node in others))
    groups = {k: [n for n in others if n.kind == k] for k in kinds}
    sep = "、" if lang == "ja" else ", "
    text = "".join(f"<li>{html.escape(words[k])}: " + sep.join(
        f'<a href="../{n.id}/">{html.escape(n.label)}</a>' for n in ns) + "</li>" for k, ns in groups.items())
    return (f'<figure class="term-map" data-search-exclude><div class="term-map__scroll" tabindex="0" role="region" '
            f'aria-label="{html.escape(title)}">{_svg(nodes, edges, title, 0, "term-map__svg", True)}</div>'
            f"<figcaption>{_legend(kinds, lang)}<details><summary>{html.escape(words['text'])}</summary>"
            f"<ul>{text}</ul></details></figcaption></figure>")


def whole_map(terms: list[Term], lang: str) -> str:
    """HTML of the whole glossary's map (remedies, antonyms, confused, related) and its text equivalent."""
    words = LABELS[lang]
    ordered = sorted(terms, key=lambda t: t.id)
    index = {t.id: i for i, t in enumerate(ordered)}
    nodes = [Node(t.id, t.entry(lang).term) for t in ordered]
    edges: dict[tuple[int, int], str] = {}
    for t in ordered:
        for kind in KINDS[:-1]:
            ids = related_ids(t, kind)
            for other in ids:
                key = tuple(sorted((index[t.id], index[other])))
                edges.setdefault(key, kind)
    _force_layout(nodes, list(edges), 1500, 1100)
    kinds = [k for k in KINDS[:-1] if k in edges.values()]
    edge_list = [(i, j, kind) for (i, j), kind in sorted(edges.items(), key=lambda e: KINDS.index(e[1]), reverse=True)]
    svg = _svg(nodes, edge_list, words["whole"], None, "term-map__svg term-map__svg--whole", True)
    sep = "、" if lang == "ja" else ", "
    rows = []
    for t in sorted(ordered, key=lambda t: t.entry(lang).term.casefold()):
        cells = []
        for kind in KINDS[:-1]:
            ids = related_ids(t, kind)
            if ids:
                cells.append(f"{html.escape(words[kind])}: " + sep.join(
                    f'<a href="../{o}/">{html.escape(nodes[index[o]].label)}</a>' for o in ids))
        if cells:
            rows.append(f'<li><a href="../{t.id}/">{html.escape(t.entry(lang).term)}</a> — {"; ".join(cells)}</li>')
    return (f'<figure class="term-map term-map--whole" data-search-exclude><div class="term-map__scroll" tabindex="0" '
            f'role="region" aria-label="{html.escape(words["whole"])}">{svg}</div>'
            f"<figcaption>{_legend(kinds, lang)}<p>{html.escape(words['scroll'])}</p><details><summary>"
            f"{html.escape(words['text'])}</summary><ul>{''.join(rows)}</ul></details></figcaption></figure>")
