"""Markdown for the glossary pages: one page per term and an index, in each language.

Every text from the YAML is escaped (HTML shows as text, Markdown punctuation as itself); links
between pages are Markdown links to `.md` sources, so MkDocs checks them and static-i18n
localises them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import OrderedDict

from glossary import romaji
from glossary.model import RELATIONS, Term
from glossary.termmap import LABELS as MAP_WORDS, term_map, whole_map

WORDS = {
    "ja": {"reading": "よみ", "english": "英語", "synonyms": "同義語・別名", "antonyms": "対義語・反対語", "remedies": "対策", "confused": "紛らわしい語",
           "cooccurring": "共起語", "related": "関連用語", "appears": "この用語が登場する記事", "figures": "図解",
           "sources": "出典", "papers": "この用語を導入・分析した論文:", "index": "用語集", "filter": "絞り込み（見出し語・よみ・ローマ字・英語）",
           "count": "件", "none": "該当する用語はありません", "intro": "記事に出てくる用語を五十音順に並べました。"
           "見出し語・よみ（ひらがな・カタカナ・ローマ字）・英語・別名で絞り込めます。全用語は JSON でも取得できます：",
           "other": "その他", "back": "用語集にもどる"},
    "en": {"reading": "reading", "english": "English", "synonyms": "Synonyms and other names", "antonyms": "Antonyms", "remedies": "Remedies", "confused": "Often confused with",
           "cooccurring": "Often appears with", "related": "Related terms", "appears": "Articles that use this term",
           "figures": "Figures", "sources": "Sources", "papers": "Papers that introduced or analysed it:", "index": "Glossary",
           "filter": "Filter (term, Japanese, reading, romaji, synonyms)", "count": "terms",
           "none": "No matching term", "intro": "Every term used in the articles, A to Z, with its Japanese name. "
           "Filter by English, Japanese, reading (kana or romaji) or synonyms. The whole glossary is also available as JSON: ",
           "other": "Other", "back": "Back to the glossary"},
}
GOJUON = ["あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ"]
_ROWS = "あいうえおぁぃぅぇぉ かきくけこがぎぐげご さしすせそざじずぜぞ たちつてとだぢづでどっ なにぬねの はひふへほばびぶべぼぱぴぷぺぽ まみむめも やゆよゃゅょ らりるれろ わをんゐゑ".split()


def md_text(value: str) -> str:
    """Escape text for Markdown: HTML as text, Markdown punctuation as itself."""
    value = html.escape(value, quote=False)
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", value)


def kana_row(reading: str) -> str:
    first = romaji.to_hiragana(reading)[:1]
    for head, row in zip(GOJUON, _ROWS):
        if first and first in row:
            return head
    return "・"


def search_keys(term: Term) -> str:
    """Everything the index filter matches, normalised (NFKC, lowercase, katakana as hiragana)."""
    keys = [*term.ja.names, *term.en.names, term.ja.reading, romaji.to_katakana(term.ja.reading),
            *romaji.variants(term.ja.reading), term.id]
    normal = [romaji.to_hiragana(unicodedata.normalize("NFKC", k)).lower() for k in keys]
    return " | ".join(dict.fromkeys(normal))


# The glossary's stylesheet and its index's filter script are linked only from its own pages
# (overrides/main.html reads `page_css` and `page_js` from a page's front matter).
STYLESHEET = "assets/stylesheets/glossary.css"
FILTER_SCRIPT = "assets/javascripts/glossary.js"


def front_matter(**meta) -> list[str]:
    """YAML front matter lines for a generated page: the glossary stylesheet, plus `meta`."""
    import yaml

    meta = {"page_css": [STYLESHEET], **meta}
    return ["---", *yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).splitlines(), "---"]


def term_page(term: Term, lang: str, by_id: dict[str, Term], appears: list[tuple[str, str]],
              figures_enabled: bool, references_enabled: bool = False) -> str:
    w = WORDS[lang]
    e = term.entry(lang)
    other = term.en if lang == "ja" else term.ja
    lines = [
        *front_matter(search={"boost": 2}), "",
        f"# {md_text(e.term)}", "",
        '<p class="glossary-head">',
    ]
    if lang == "ja":
        lines.append(f'<span class="glossary-reading" lang="ja">{html.escape(term.ja.reading)}</span> · '
                     f'<span lang="en">{html.escape(term.en.term)}</span>')
    else:
        lines.append(f'<span lang="ja">{html.escape(term.ja.term)}</span>'
                     f'（<span class="glossary-reading" lang="ja">{html.escape(term.ja.reading)}</span>）')
    lines += ["</p>", "", f'<p class="glossary-gloss"><strong>{html.escape(e.gloss)}</strong></p>', "",
              f"<p>{html.escape(e.definition)}</p>", ""]
    if e.synonyms or other.synonyms:
        lines += [f"## {w['synonyms']}", ""]
        lines += [f"- {md_text(name)}" for name in e.synonyms]
        lines += [f'- <span lang="{"en" if lang == "ja" else "ja"}">{html.escape(name)}</span>' for name in other.synonyms]
        lines.append("")
    for relation in RELATIONS:
        refs = getattr(term, relation)
        if refs:
            lines += [f"## {w[relation]}", ""]
            for ref in refs:
                target = by_id[ref].entry(lang)
                lines.append(f"- [{md_text(target.term)}]({ref}.md) — {md_text(target.gloss)}")
            lines.append("")
    if term.confused:
        lines += [f"## {w['confused']}", ""]
        for ref, note_ja, note_en in term.confused:
            target = by_id[ref].entry(lang)
            lines.append(f"- [{md_text(target.term)}]({ref}.md) — {md_text(note_ja if lang == 'ja' else note_en)}")
        lines.append("")
    drawn = term_map(term, by_id, lang)
    if drawn:
        lines += [f"## {MAP_WORDS[lang]['map']}", "", drawn, "",
                  f"[{md_text(MAP_WORDS[lang]['whole'])} →](map.md)", ""]
    if appears:
        lines += [f"## {w['appears']}", ""]
        lines += [f"- [{md_text(title)}](../{src})" for src, title in appears]
        lines.append("")
    if term.figures:
        lines += [f"## {w['figures']}", ""]
        for figure in term.figures:
            lines += ([f'{{{{ figure("{figure}") }}}}', ""] if figures_enabled else [f"- `{figure}`", ""])
    if term.references and references_enabled:  # expanded by the bibliography plugin, which adds the full entries below
        lines += [f"## {w['sources']}", ""]
        lines += [f"{w['papers']} " + "[" + "; ".join(f"@{key}" for key in term.references) + "]", ""]
    lines += [f"[← {w['back']}](index.md)", ""]
    return "\n".join(lines)


def index_page(terms: list[Term], lang: str) -> str:
    w = WORDS[lang]
    if lang == "ja":
        groups: dict[str, list[Term]] = OrderedDict((head, []) for head in GOJUON + ["・"])
        for term in sorted(terms, key=lambda t: (romaji.to_hiragana(t.ja.reading), t.id)):
            groups[kana_row(term.ja.reading)].append(term)
    else:
        groups = OrderedDict()
        for term in sorted(terms, key=lambda t: (t.en.term.casefold(), t.id)):
            head = term.en.term[:1].upper()
            groups.setdefault(head if head.isalpha() else "#", []).append(term)
    groups = OrderedDict((k, v) for k, v in groups.items() if v)
    anchors = {head: f"{'kana' if lang == 'ja' else 'letter'}-{i}" for i, head in enumerate(groups)}
    json_href = "../glossary.json" if lang == "ja" else "../../glossary.json"
    lines = [*front_matter(page_js=[FILTER_SCRIPT]), "",
             f"# {w['index']}", "", f'{md_text(w["intro"])}<a href="{json_href}" download>glossary.json</a>', "",
             f"[{md_text(MAP_WORDS[lang]['whole'])} →](map.md)", "",
             f'<div class="glossary-filter" data-count-label="{html.escape(w["count"])}" hidden>',
             f'<input type="search" class="md-input glossary-filter__input" placeholder="{html.escape(w["filter"])}" '
             f'aria-label="{html.escape(w["filter"])}" autocomplete="off" spellcheck="false">',
             '<span class="glossary-filter__count" aria-live="polite"></span>',
             f'<p class="glossary-filter__none" hidden>{html.escape(w["none"])}</p>',
             "</div>", "",
             '<nav class="glossary-jumps" aria-label="index">' + " ".join(
                 f'<a href="#{anchors[h]}">{html.escape(h)}</a>' for h in groups) + "</nav>", ""]
    for head, members in groups.items():
        lines += [f"## {md_text(head)} {{#{anchors[head]}}}", "", '<ul class="glossary-list">']
        for term in members:
            e, other = term.entry(lang), (term.en if lang == "ja" else term.ja)
            extra = (f'<span class="glossary-reading">{html.escape(term.ja.reading)}</span> · <span lang="en">{html.escape(term.en.term)}</span>'
                     if lang == "ja" else f'<span lang="ja">{html.escape(term.ja.term)}</span>')
            lines.append(f'<li data-search="{html.escape(search_keys(term))}"><a href="{term.id}/">'
                         f"<strong>{html.escape(e.term)}</strong></a> {extra}"
                         f'<br><span class="glossary-list__gloss">{html.escape(e.gloss)}</span></li>')
        lines += ["</ul>", ""]
    return "\n".join(lines)


def map_page(terms: list[Term], lang: str) -> str:
    """The whole glossary as one map, with its text equivalent."""
    words = MAP_WORDS[lang]
    return "\n".join([*front_matter(), "", f"# {md_text(words['whole'])}", "", md_text(words["whole_intro"]), "", whole_map(terms, lang), "",
                      f"[← {md_text(WORDS[lang]['back'])}](index.md)", ""])
