"""Every kind of bad input gets one clear problem naming file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossary.errors import GlossaryError
from glossary.loader import parse
from glossary.validate import load_glossary

FIXTURES = Path(__file__).parent / "fixtures" / "terms"


def _copy(tmp_path) -> Path:
    target = tmp_path / "terms"
    shutil.copytree(FIXTURES, target)
    return target


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(GlossaryError) as info:
        load_glossary(folder, root=folder.parent)
    return [str(p) for p in info.value.problems]


def test_fixtures_are_valid():
    terms = load_glossary(FIXTURES)
    assert [t.id for t in terms] == ["exploding-gradient", "gradient", "vanishing-gradient"]
    assert terms[2].ja.synonyms == ("勾配消失問題",) and terms[2].antonyms == ("exploding-gradient",)


@pytest.mark.parametrize("name, old, new, expected", [
    ("gradient", "  reading: こうばい", "  reading: [こう", "terms/gradient.yaml:6: malformed YAML"),
    ("gradient", "sources:", "colour: red\nsources:", "terms/gradient.yaml:16: colour: unknown key 'colour'"),
    ("gradient", "  term: 勾配\n", "  term: [勾配]\n", "terms/gradient.yaml:4: ja.term: must be string (got list)"),
    ("gradient", "  reading: こうばい", "  reading: コウバイ", "terms/gradient.yaml:5: ja.reading: must be hiragana"),
    ("gradient", "  definition: >-\n    A test definition. The partial", "  definition: ''\n  x: >-\n    A test definition. The partial",
     "terms/gradient.yaml:13: en.definition: is empty"),
    ("exploding-gradient", "id: exploding-gradient", "id: vanishing-gradient",
     "terms/exploding-gradient.yaml:2: id: 'vanishing-gradient' must equal the file name 'exploding-gradient'"),
    ("gradient", "  synonyms: [グラディエント]", "  synonyms: [勾配消失問題]",
     "terms/vanishing-gradient.yaml:9: ja.synonyms.0: the name '勾配消失問題' also belongs to 'gradient'"),
    ("gradient", "related: [vanishing-gradient, exploding-gradient]", "related: [vanishing-gradient, no-such-term]",
     "terms/gradient.yaml:15: related.1: unknown term id 'no-such-term'"),
    ("gradient", "related: [vanishing-gradient, exploding-gradient]", "related: [gradient]",
     "terms/gradient.yaml:15: related.0: a term cannot refer to itself"),
    ("exploding-gradient", "antonyms: [vanishing-gradient]", "antonyms: [vanishing-gradient, gradient]",
     "terms/exploding-gradient.yaml:16: antonyms.1: antonyms must be mutual: 'gradient' does not list 'exploding-gradient'"),
])
def test_each_bad_input_names_file_line_and_field(tmp_path, name, old, new, expected):
    folder = _copy(tmp_path)
    _edit(folder, name, old, new)
    problems = _problems(folder)
    assert any(p.startswith(expected) for p in problems), problems


def test_missing_language_is_named(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "gradient.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("en:")] + text[text.index("related:"):], encoding="utf-8")
    problems = _problems(folder)
    assert any("gradient.yaml:1: en: missing 'en' (both languages are required)" in p for p in problems), problems


def test_duplicate_id_across_files(tmp_path):
    folder = _copy(tmp_path)
    (folder / "copy.yaml").write_text((folder / "gradient.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    problems = _problems(folder)
    assert any("must equal the file name 'copy'" in p for p in problems)
    assert any("duplicate id 'gradient'" in p for p in problems), problems


def test_all_problems_are_reported_at_once(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "gradient", "sources:", "colour: red\nsources:")
    _edit(folder, "vanishing-gradient", "  reading: こうばいしょうしつ", "  reading: kobai")
    assert len(_problems(folder)) == 2


def test_html_is_data_not_markup():
    term = load_glossary(FIXTURES)[2]
    assert "<script>" in term.ja.definition  # kept as text; escaping happens when rendered


@pytest.mark.parametrize("text", ["", "- a list", "just a string", "id: x\n", "{ja: 1, en: 2, id: x}", "!!python/object:os.system {}",
                                  "a: &x [*x]", "\x00"])
def test_odd_documents_raise_only_glossary_errors(text):
    with pytest.raises(GlossaryError):
        parse(text, "odd.yaml")


def test_an_unknown_confused_term_names_its_line(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "gradient.yaml"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join(lines + ["confused:", "  - id: nobody", "    ja: 違い。", "    en: The difference."]) + "\n",
                    encoding="utf-8")
    assert f"terms/gradient.yaml:{len(lines) + 2}: confused.0.id: unknown term id 'nobody'" in _problems(folder)


@pytest.mark.parametrize("name, text, message", [
    ("bomb", "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
     "anchors and aliases"),
    ("deep", "id: deep\nja: " + "[" * 20_000 + "]" * 20_000 + "\n", "nested more than"),  # 100 000 levels segfault the composer
    ("huge", "id: huge\n# " + "x" * 200_000 + "\n", "more than such a file needs"),
])
def test_hostile_yaml_is_refused_fast_naming_the_file(tmp_path, name, text, message):
    import time

    folder = _copy(tmp_path)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    problems = _problems(folder)
    assert time.perf_counter() - start < 1.0
    assert any(p.startswith(f"terms/{name}.yaml:") and message in p for p in problems), problems
