import json

import pytest

from kobai.search_index import ZWSP, Segmenter, segment_index, segment_index_file, split_by_language, write_split_index

SEPARATOR = "[\\s\\u200b\\-]+"


def _index(*docs):
    return {"config": {"lang": ["ja", "en"], "separator": SEPARATOR, "pipeline": []}, "docs": list(docs)}


def test_japanese_runs_are_split_into_words():
    words = Segmenter().text("バッチ正規化を使うと勾配が小さくなりにくい").split(ZWSP)
    assert words[:2] == ["バッチ", "正規"]
    assert "勾配" in words and "小さく" in words


def test_latin_glued_to_japanese_is_its_own_word():
    assert Segmenter().text("ReLU関数とXavier初期化").split(ZWSP)[:2] == ["ReLU", "関数"]


def test_html_tags_and_english_are_left_alone():
    text = '<p class="x">The vanishing gradient, 勾配消失.</p><code>a-b</code>'
    out = Segmenter().text(text)
    assert out.replace(ZWSP, "") == text
    assert '<p class="x">The vanishing gradient, 勾配' in out


def test_segmenting_twice_gives_the_same_text():
    segmenter = Segmenter()
    once = segmenter.text("学習率スケジューリングの例")
    assert segmenter.text(once) == once


def test_index_language_becomes_english_only():
    index = _index({"location": "", "title": "勾配とは", "text": "<p>勾配降下法</p>"})
    assert segment_index(index, Segmenter()) == 1
    assert index["config"]["lang"] == ["en"]
    assert ZWSP in index["docs"][0]["text"]


def test_separator_without_zero_width_space_is_refused():
    index = _index({"location": "", "title": "勾配", "text": ""})
    index["config"]["separator"] = "[\\s\\-]+"
    with pytest.raises(ValueError, match="u200b"):
        segment_index(index, Segmenter())


def test_file_is_rewritten_and_cache_holds_only_used_runs(tmp_path):
    path = tmp_path / "search_index.json"
    cache = tmp_path / "cache" / "segments.json"
    path.write_text(json.dumps(_index({"location": "", "title": "勾配消失", "text": "<p>深い層</p>"})), encoding="utf-8")
    stats = segment_index_file(path, cache)
    assert stats == {"documents": 1, "segmented": 1}
    runs = json.loads(cache.read_text(encoding="utf-8"))["runs"]
    assert set(runs) == {"勾配消失", "深い層"}
    # A second run reads its words from the cache and gives the same file.
    first = path.read_text(encoding="utf-8")
    path.write_text(json.dumps(_index({"location": "", "title": "勾配消失", "text": "<p>深い層</p>"})), encoding="utf-8")
    segment_index_file(path, cache)
    assert path.read_text(encoding="utf-8") == first



def test_the_same_words_are_cut_the_same_way_in_every_context():
    # janome alone may cut 構成でも differently in different sentences; the index must not,
    # because the browser cuts a query by one rule (longest words first).
    index = _index({"location": "a/", "title": "", "text": "<p>深い構成でも学習できる。</p>"},
                   {"location": "b/", "title": "", "text": "<p>この構成でもよい。</p>"},
                   {"location": "c/", "title": "", "text": "<p>構成で動く。でも遅い。</p>"})
    segment_index(index, Segmenter())
    cuts = [doc["text"] for doc in index["docs"]]
    piece = cuts[0][cuts[0].index("構成"):cuts[0].index("学習")]
    assert piece in cuts[1], (piece, cuts[1])


def _merged_index() -> dict:
    return {"config": {"lang": ["en"], "separator": "[\\s\\u200b]+", "pipeline": ["stopWordFilter"]},
            "docs": [{"location": "", "title": "ホーム", "text": "勾配"},
                     {"location": "remedies/initialization/#he", "title": "He\u200b初期\u200b化", "text": "he"},
                     {"location": "en/", "title": "Home", "text": "gradients"},
                     {"location": "en/remedies/initialization/", "title": "Initialization", "text": "the He init"},
                     {"location": "english-words/", "title": "a Japanese page whose path starts like en", "text": ""}]}


def test_each_language_gets_its_own_entries():
    parts = split_by_language(_merged_index(), ("ja", "en"), "ja")
    assert [d["location"] for d in parts["ja"]["docs"]] == ["", "remedies/initialization/#he", "english-words/"]
    assert [d["location"] for d in parts["en"]["docs"]] == ["en/", "en/remedies/initialization/"]


def test_english_pipeline_functions_stay_out_of_the_japanese_index():
    # "he" is an English stop word: in the Japanese index it dropped He from He初期化
    parts = split_by_language(_merged_index(), ("ja", "en"), "ja")
    assert parts["ja"]["config"]["pipeline"] == []
    assert parts["en"]["config"]["pipeline"] == ["stopWordFilter"]
    assert parts["ja"]["config"]["separator"] == parts["en"]["config"]["separator"]


def test_the_page_load_index_keeps_only_the_config(tmp_path):
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps(_merged_index()), encoding="utf-8")
    counts = write_split_index(path, ("ja", "en"), "ja")
    assert counts == {"ja": 3, "en": 2}
    stub = json.loads(path.read_text(encoding="utf-8"))
    assert stub == {"config": _merged_index()["config"], "docs": []}
    for lang in ("ja", "en"):
        part = json.loads((tmp_path / f"search_index.{lang}.json").read_text(encoding="utf-8"))
        assert len(part["docs"]) == counts[lang]
