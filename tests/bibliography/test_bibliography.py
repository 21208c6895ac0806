"""The bibliography: its data is real and well-formed, citations expand, mistakes name their place."""

from __future__ import annotations

import textwrap

import pytest

from bibliography import cite
from bibliography.load import BibliographyError, load
from bibliography.model import Reference

REFS = {
    "he2016resnet": Reference("he2016resnet", ("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"), 2016,
                              "Deep Residual Learning for Image Recognition", "CVPR 2016", doi="10.1109/CVPR.2016.90"),
    "kingma2015adam": Reference("kingma2015adam", ("Diederik P. Kingma", "Jimmy Ba"), 2015, "Adam", "ICLR 2015",
                                arxiv="1412.6980"),
}


def test_the_shipped_bibliography_loads_and_every_entry_has_a_doi_arxiv_id_or_url():
    references = load()
    assert len(references) >= 15
    for ref in references.values():
        assert ref.link() and ref.link().startswith("https://")
        assert str(ref.year) in ref.key  # the key names the year: a wrong year shows at a glance


def test_short_forms_in_both_languages():
    assert REFS["he2016resnet"].short("en") == "He et al., 2016"
    assert REFS["he2016resnet"].short("ja") == "He ら, 2016"
    assert REFS["kingma2015adam"].short("en") == "Kingma & Ba, 2015"


def test_markers_expand_to_links_and_the_page_gets_its_list_before_next():
    source = "# T\n\nDeep nets [@he2016resnet; @kingma2015adam] train.\n\n`[@not-code]`\n\n## Next\n\n[x](a.md)\n"
    out, cited = cite.expand(source, REFS, "en", "../")
    assert cited == ["he2016resnet", "kingma2015adam"]
    assert ("([He et al., 2016](../references/index.md#he2016resnet); "
            "[Kingma & Ba, 2015](../references/index.md#kingma2015adam))") in out
    assert "`[@not-code]`" in out
    assert out.index("## References") < out.index("## Next")
    assert 'doi.org/10.1109/CVPR.2016.90' in out


def test_japanese_markers_use_japanese_brackets():
    out, _ = cite.expand("本文 [@he2016resnet]。\n", REFS, "ja", "")
    assert "（[He ら, 2016](references/index.md#he2016resnet)）" in out and "## 参考文献" in out


def test_an_unknown_key_names_its_line_and_code_is_left_alone():
    with pytest.raises(cite.CitationError, match=r"line 3: unknown citation key 'nobody2020'"):
        cite.expand("a\n\nb [@nobody2020]\n", REFS, "en", "")
    fenced = "```\n[@nobody2020]\n```\n"
    assert cite.expand(fenced, REFS, "en", "") == (fenced, [])


@pytest.mark.parametrize("entry, message", [
    ("he2016x:\n  authors: [A B]\n  year: 16\n  title: T\n  venue: V\n  arxiv: '1512.03385'\n", "year must be a four-digit year"),
    ("he2016x:\n  authors: [A B]\n  year: 2016\n  title: T\n  venue: V\n", "give a doi, an arxiv id"),
    ("he2016x:\n  authors: [A B]\n  year: 2016\n  title: T\n  venue: V\n  doi: 1109/x\n", "is not a DOI"),
    ("He-2016:\n  authors: [A B]\n  year: 2016\n  title: T\n  venue: V\n  arxiv: '1512.03385'\n", "a name and a year"),
    ("he2016x:\n  authors: [A B]\n  year: 2016\n  title: T\n  venue: V\n  arxiv: '1512.03385'\n  pages: 3\n", "unknown field 'pages'"),
    ("a: [unclosed\n", "not valid YAML"),
])
def test_a_broken_entry_names_file_line_and_what_is_wrong(tmp_path, entry, message):
    path = tmp_path / "references.yaml"
    path.write_text("# header\n" + entry, encoding="utf-8")
    with pytest.raises(BibliographyError) as info:
        load(path)
    assert message in str(info.value) and "references.yaml:" in str(info.value)


def test_an_alias_bomb_is_refused_quickly(tmp_path):
    bomb = textwrap.dedent("""
        a: &a ["x","x","x","x","x","x","x","x","x"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    """)
    path = tmp_path / "references.yaml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(BibliographyError):  # composed as nodes, never expanded
        load(path)


def test_two_entries_that_would_read_the_same_get_a_and_b():
    references = load()
    assert references["he2016resnet"].short("en") == "He et al., 2016a"
    assert references["he2016identity"].short("ja") == "He ら, 2016b"
    assert references["he2015delving"].short("en") == "He et al., 2015"


def test_deep_nesting_and_oversized_files_are_refused(tmp_path):
    path = tmp_path / "references.yaml"
    path.write_text("a: " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")  # segfaults an unguarded composer
    with pytest.raises(BibliographyError, match="refused|nested more than"):
        load(path)
    path.write_text("a: " + "[" * 50 + "]" * 50, encoding="utf-8")
    with pytest.raises(BibliographyError, match="nested more than 4 levels"):
        load(path)
