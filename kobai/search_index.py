"""Japanese word segmentation of Material's search index, done once at build time.

Material builds its lunr index in the browser and splits Japanese with TinySegmenter only inside
chunks of a single script, so words that mix katakana and kanji (バッチ正規化, 勾配クリッピング)
or verb forms (小さくなる) were not found with Material's defaults. Here every run of Japanese in the
index's titles and texts is split into words by janome, a morphological analyser with a real
dictionary (then cut consistently, see Segmenter), and the words are separated by U+200B (ZERO WIDTH SPACE): invisible in result
previews, and part of the search `separator` in mkdocs.yml. The browser side
(docs/assets/javascripts/workers/kobai-search.js) cuts queries into the same words.

The index's `lang` is set to English only: with Japanese pre-segmented, TinySegmenter would
only cut the words again, and lunr's Japanese pipeline is not needed for matching.

Each language then gets its own index file (`search_index.<lang>.json`): a reader only ever
searches the language of the page, and the worker fetches that one file when the reader opens
search. `search_index.json`, which Material's script fetches on every page load, keeps only the
config (see `split_by_language`).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from kobai import atomic, japanese

ZWSP = "\u200b"
# A run of Japanese, possibly with Latin letters and digits glued to it (ReLU関数, Xavier初期化).
_JAPANESE = japanese.LETTERS
_RUN = re.compile(f"[{_JAPANESE}A-Za-z0-9]*[{_JAPANESE}][{_JAPANESE}A-Za-z0-9]*")
_TAG = re.compile(r"(<[^>]*>)")


class Segmenter:
    """Splits Japanese runs into words the same way the browser splits queries.

    janome proposes the words (its output depends on context: 構成でも may come out as
    構成|で|も in one sentence and 構成|でも in another). The index is then cut by greedy
    longest match over all the words janome proposed anywhere in the site: the very rule the
    search worker applies to a query, so a query typed from a word start is cut exactly as
    the text it should find. janome's output per run is cached (it is slow).
    """

    def __init__(self, cache: dict[str, list[str]] | None = None) -> None:
        self._cache: dict[str, list[str]] = dict(cache or {})
        self._used: set[str] = set()
        self._tokenizer = None
        self._words: set[str] = set()
        self._longest = 1
        self._cut: dict[str, str] = {}  # run -> its cut, valid while the vocabulary stays the same

    def propose(self, run: str) -> None:
        """Add janome's words for `run` to the vocabulary (call for every run before `text`)."""
        self._used.add(run)
        if run not in self._cache:
            if self._tokenizer is None:
                from janome.tokenizer import Tokenizer  # 0.5 s to load its dictionary: only on a miss

                self._tokenizer = Tokenizer(wakati=True)
            self._cache[run] = [w for w in self._tokenizer.tokenize(run) if w.strip()]
        for word in self._cache[run]:
            if word.lower() not in self._words:
                self._words.add(word.lower())
                self._longest = max(self._longest, len(word))
                self._cut.clear()

    def words(self, run: str) -> str:
        """`run` cut by greedy longest match over the vocabulary, joined by U+200B."""
        if run not in self._used:
            self.propose(run)
        if run in self._cut:
            return self._cut[run]
        lower, pieces, i = run.lower(), [], 0
        while i < len(run):
            for n in range(min(self._longest, len(run) - i), 0, -1):
                if lower[i:i + n] in self._words:
                    break
            else:
                n = 1  # cannot happen for proposed runs: every character lies in a proposed word
            pieces.append(run[i:i + n])
            i += n
        self._cut[run] = ZWSP.join(pieces)
        return self._cut[run]

    def runs(self, value: str) -> list[str]:
        return [m.group(0) for part in _TAG.split(value)[::2] for m in _RUN.finditer(part.replace(ZWSP, ""))]

    def text(self, value: str) -> str:
        """Segment the Japanese in a piece of index text, leaving HTML tags untouched."""
        parts = _TAG.split(value)
        for i in range(0, len(parts), 2):  # even indexes are text, odd ones tags
            parts[i] = _RUN.sub(lambda m: self.words(m.group(0)), parts[i].replace(ZWSP, ""))
        return "".join(parts)

    def used_cache(self) -> dict[str, list[str]]:
        return {run: self._cache[run] for run in sorted(self._used)}


def segment_index(index: dict, segmenter: Segmenter) -> int:
    """Segment every document of a Material search index in place; return how many changed."""
    fields = [(doc, f) for doc in index.get("docs", []) for f in ("title", "text") if isinstance(doc.get(f), str)]
    for doc, field in fields:  # first every run proposes its words, then every run is cut
        for run in segmenter.runs(doc[field]):
            segmenter.propose(run)
    changed = 0
    for doc in index.get("docs", []):
        before = (doc.get("title"), doc.get("text"))
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = segmenter.text(doc[field])
        changed += before != (doc.get("title"), doc.get("text"))
    config = index.setdefault("config", {})
    config["lang"] = ["en"]
    if ZWSP not in config.get("separator", "") and "\\u200b" not in config.get("separator", ""):
        raise ValueError("the search separator in mkdocs.yml must include \\u200b (kobai segments with it)")
    return changed


# lunr's pipeline functions (stemmer, stopWordFilter, trimmer) are English: they belong to the
# English index only. In a Japanese index the stop-word filter dropped the Latin half of mixed
# words (He in He初期化: "he" is an English stop word, so no Japanese document held it).
ENGLISH_ONLY_PIPELINE = "en"


def language_of(location: str, languages: tuple[str, ...], default: str) -> str:
    """The language of an index entry: static-i18n puts the other languages under /<lang>/."""
    first = location.split("/", 1)[0]
    return first if first in languages and first != default else default


def split_by_language(index: dict, languages: tuple[str, ...], default: str) -> dict[str, dict]:
    """One index per language, each with every entry of that language and a pipeline that suits it.

    The merged index that static-i18n writes holds every language, but a reader searches only the
    language of the page they are on: each page's search loads only its own language's file.
    """
    config = index.get("config", {})
    split = {lang: {"config": dict(config), "docs": []} for lang in languages}
    for doc in index.get("docs", []):
        split[language_of(doc.get("location", ""), languages, default)]["docs"].append(doc)
    for lang, part in split.items():
        if lang != ENGLISH_ONLY_PIPELINE:
            part["config"]["pipeline"] = []
    return split


def index_file(lang: str) -> str:
    return f"search_index.{lang}.json"


def write_split_index(path: Path, languages: tuple[str, ...], default: str, index: dict | None = None) -> dict[str, int]:
    """Write `search_index.<lang>.json` beside `path` for every language, then shrink `path` to
    its config: Material's script still fetches it on every page (its highlighter needs the
    config), while the documents are fetched only when the reader opens search. `index` is the
    merged index when the caller holds it already (else it is read from `path`)."""
    index = _read(path) if index is None else index
    parts = split_by_language(index, languages, default)
    for lang, part in parts.items():
        atomic.write_text(path.parent / index_file(lang), _dumps(part))
    atomic.write_text(path, _dumps({"config": index.get("config", {}), "docs": []}))
    return {lang: len(part["docs"]) for lang, part in parts.items()}


def segment_with_cache(index: dict, cache_path: Path) -> dict:
    """Segment a search index in memory, with janome's words kept between builds in `cache_path`."""
    try:
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    segmenter = Segmenter(cache.get("runs", {}) if cache.get("version") == _version() else {})
    changed = segment_index(index, segmenter)
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(cache_path, json.dumps({"version": _version(), "runs": segmenter.used_cache()}, ensure_ascii=False))
    return {"documents": len(index.get("docs", [])), "segmented": changed}


def segment_index_file(path: Path, cache_path: Path) -> dict:
    """Segment the search index file at `path` in place, with a persistent per-run cache."""
    index = _read(path)
    stats = segment_with_cache(index, cache_path)
    atomic.write_text(path, _dumps(index))
    return stats


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _dumps(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def _version() -> str:
    """Cache entries are only valid for the same janome (its dictionary decides the words)."""
    from importlib.metadata import version

    return hashlib.sha1(f"janome-{version('janome')}-words".encode()).hexdigest()[:12]
