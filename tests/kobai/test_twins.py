from pathlib import Path

from kobai import twins


def _tree(root: Path, *names: str) -> Path:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# x\n", encoding="utf-8")
    return root


def test_complete_pairs_have_no_missing_translation(tmp_path):
    docs = _tree(tmp_path, "index.ja.md", "index.en.md", "a/b.ja.md", "a/b.en.md", "nb/x.ja.py", "nb/x.en.py")
    assert twins.untranslated_pages(docs, ["ja", "en"]) == []


def test_missing_twin_is_named_with_its_path(tmp_path):
    docs = _tree(tmp_path, "index.ja.md", "index.en.md", "problems/vanishing.ja.md", "nb/x.en.py")
    assert twins.untranslated_pages(docs, ["ja", "en"]) == ["nb/x.ja.py", "problems/vanishing.en.md"]


def test_pages_without_language_suffix_are_reported(tmp_path):
    docs = _tree(tmp_path, "index.ja.md", "index.en.md", "notes.md", "assets/x.css")
    assert twins.unsuffixed_pages(docs) == ["notes.md"]


def test_notebook_sources_count_only_inside_the_notebook_folders(tmp_path):
    docs = _tree(tmp_path, "index.ja.md", "index.en.md", "notebooks/x.ja.py", "snippets/util.ja.py")
    assert twins.untranslated_pages(docs, ["ja", "en"], ["notebooks"]) == ["notebooks/x.en.py"]
