"""Site search in a real browser: Japanese mid-sentence (mixed katakana/kanji, verb forms),
English on /en/, and results only in the language of the page the reader is on."""

from __future__ import annotations

import re

import pytest

from tests.browser.search_helpers import search

pytestmark = pytest.mark.browser


def _page_texts(built_site, lang: str) -> str:
    """All article text of one language, to choose queries the site really contains."""
    pages = [p for p in built_site.rglob("index.html") if (p.relative_to(built_site).parts[0] == "en") == (lang == "en")]
    return "\n".join(p.read_text(encoding="utf-8") for p in pages)


@pytest.mark.parametrize("query", ["バッチ正規化", "勾配クリッピング", "学習率スケジューリング", "ミニバッチサイズ", "Xavier初期化"])
def test_japanese_compound_terms_are_found(page, site_url, built_site, query):
    assert query in _page_texts(built_site, "ja"), f"no Japanese page contains {query!r}"
    page.goto(site_url)
    results = search(page, query)
    assert results, f"no result for {query!r}"
    assert all(not r["href"].split("/")[0] == "en" and "/en/" not in r["href"] for r in results), results


def test_japanese_word_inside_a_sentence_is_found(page, site_url):
    # 勾配 appears mid-sentence on the home page ("…勾配が層を遡る…"): no spaces around it.
    page.goto(site_url)
    results = search(page, "勾配")
    assert results


def test_verb_form_is_found(page, site_url, built_site):
    query = "小さくなり"
    assert query in _page_texts(built_site, "ja"), "no page contains the verb form"
    page.goto(site_url)
    assert search(page, query)


@pytest.mark.parametrize("query", ["vanishing", "initialization", "residual", "clipping"])
def test_english_queries_work_on_english_pages(page, site_url, built_site, query):
    assert re.search(query, _page_texts(built_site, "en"), re.I), f"no English page contains {query!r}"
    page.goto(site_url + "en/")
    results = search(page, query)
    assert results, f"no result for {query!r} on /en/"
    assert all("/en/" in r["href"] or r["href"].startswith("en/") or r["href"].startswith("./") for r in results), results


def test_results_are_in_the_language_of_the_page(page, site_url):
    # "gradient"/"勾配" exist in both languages; each side must only list its own pages.
    page.goto(site_url + "en/")
    english = search(page, "gradients")
    assert english and all("/en/" in r["href"] or r["href"].startswith("./") for r in english), english
    page.goto(site_url)
    japanese = search(page, "勾配")
    assert japanese and not any("/en/" in r["href"] for r in japanese), japanese


def test_a_query_the_site_does_not_contain_finds_nothing(page, site_url):
    page.goto(site_url)
    assert search(page, "量子色力学") == []


def _article_texts(built_site) -> dict[str, str]:
    """Japanese pages' article text (as a reader sees it), keyed by site path."""
    texts = {}
    for path in built_site.rglob("index.html"):
        rel = path.relative_to(built_site).as_posix()
        if rel.startswith(("en/", "assets/", "search/")):
            continue
        html = path.read_text(encoding="utf-8")
        article = html[html.find("<article"):html.find("</article>")]
        article = re.sub(r"<(pre|code|script|style)\b.*?</\1>", " ", article, flags=re.S)
        texts[rel.removesuffix("index.html")] = re.sub(r"<[^>]+>", " ", article)
    return texts


# Material's defaults miss both kinds: words that mix katakana and kanji (バッチ正規化,
# 勾配クリッピング), and kanji followed by kana endings (小さくなる, 振る舞い).
# Samples start where a word can start (not inside a run of kanji or katakana), as a reader's
# query does: nobody searches 証損失 for 検証損失.
_START = r"(?<![\u4e00-\u9fff\u30a1-\u30fa\u30fc])"
SAMPLES = {
    "katakana+kanji": re.compile(_START + r"(?:[\u30a1-\u30fa\u30fc]{2,}[\u4e00-\u9fff]{1,4}|[\u4e00-\u9fff]{1,4}[\u30a1-\u30fa\u30fc]{2,})"),
    "kanji+kana endings": re.compile(_START + r"[\u4e00-\u9fff]{1,3}[\u3041-\u3096]{2,4}"),
}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_words_sampled_from_the_site_find_their_pages(page, site_url, built_site, kind):
    """Not a fixed query list: sample words of each hard kind that the site really contains."""
    import random

    texts = _article_texts(built_site)
    words = sorted({w for text in texts.values() for w in SAMPLES[kind].findall(text)})
    assert len(words) >= 8, words
    sample = random.Random(20261122).sample(words, 8)
    page.goto(site_url)
    for word in sample:
        expected = {rel for rel, text in texts.items() if word in text}
        def site_paths(results):
            return {re.sub(r"[?#].*$", "", r["href"]).removeprefix(site_url).lstrip("./") for r in results}

        hrefs = site_paths(search(page, word, until=lambda results: site_paths(results) & expected))
        assert hrefs & expected, f"{word!r}: results {sorted(hrefs)} miss every page containing it {sorted(expected)}"


def test_results_show_no_word_separators(page, site_url):
    """The index is cut into words with U+200B; what the reader sees and copies is not."""
    page.goto(site_url)
    assert search(page, "勾配消失")
    shown = page.evaluate("() => document.querySelector('.md-search-result__list').textContent")
    assert "勾配消失" in shown and "\u200b" not in shown


def _requests(page) -> list[str]:
    """The paths the page and its workers request from now on (query strings left off)."""
    from urllib.parse import urlsplit

    paths: list[str] = []
    page.context.on("request", lambda request: paths.append(urlsplit(request.url).path))
    return paths


@pytest.mark.parametrize("lang, key", [("ja", "/"), ("en", "s")])
def test_search_costs_nothing_until_the_reader_opens_it(page, site_url, lang, key):
    """No index and no search engine on page load; the page language's index when search opens."""
    urls = _requests(page)
    page.goto(site_url + ("en/" if lang == "en" else "") + "basics/gradient/")
    page.wait_for_load_state("networkidle")
    loaded = [u for u in urls if "search_index." in u or "/workers/search." in u or "/lunr/" in u]
    assert loaded == ["/search/search_index.json"], f"only the config-only index may load with the page: {loaded}"
    page.keyboard.press(key)
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.md-search__input')")
    page.wait_for_timeout(1500)
    fetched = [u.rsplit("/", 1)[1] for u in urls if "/search/search_index." in u]
    assert f"search_index.{lang}.json" in fetched and not [f for f in fetched if f.endswith(".json") and f not in (
        "search_index.json", f"search_index.{lang}.json")], fetched
    assert search(page, "gradient" if lang == "en" else "勾配")


def test_the_latin_part_of_a_japanese_query_is_not_an_english_stop_word(page, site_url, built_site):
    """He初期化: "he" is an English stop word, but the Japanese index must keep it."""
    assert "He初期化" in _page_texts(built_site, "ja")
    page.goto(site_url)
    wanted = ("remedies/initialization", "glossary/he-initialization")
    hrefs = [r["href"] for r in search(page, "He初期化", until=lambda results: all(
        any(w in r["href"] for r in results) for w in wanted))]
    assert any("remedies/initialization" in h for h in hrefs), hrefs
    assert any("glossary/he-initialization" in h for h in hrefs), hrefs
