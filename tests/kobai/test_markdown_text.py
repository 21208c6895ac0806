"""Fenced code and inline code in Markdown (kobai/markdown_text.py), CommonMark's rules."""

import pytest

from kobai.markdown_text import code_spans, lines_outside_fences, without_inline_code


def outside(markdown: str) -> list[bool]:
    return [live for _, _, live in lines_outside_fences(markdown)]


def test_numbers_and_lines_are_the_input_split_on_newlines():
    text = "a\n```\nb\n```\nc"
    assert [(n, line) for n, line, _ in lines_outside_fences(text)] == list(enumerate(text.split("\n"), start=1))


def test_backtick_fence_lines_themselves_are_inside():
    assert outside("prose\n```python\ncode\n```\nprose") == [True, False, False, False, True]


def test_tilde_fence():
    assert outside("~~~\ncode\n~~~\nprose") == [False, False, False, True]


def test_longer_closing_fence_closes():
    assert outside("```\ncode\n`````\nprose") == [False, False, False, True]
    assert outside("~~~~\ncode\n~~~~~~~\nprose") == [False, False, False, True]


def test_shorter_closing_fence_does_not_close():
    assert outside("````\n```\nstill code\n````\nprose") == [False, False, False, False, True]


def test_backtick_fence_containing_tildes_and_the_other_way_round():
    assert outside("```\n~~~\ncode\n```\nprose") == [False, False, False, False, True]
    assert outside("~~~\n```\ncode\n~~~\nprose") == [False, False, False, False, True]


def test_closing_line_has_nothing_else_on_it():
    assert outside("```\n``` not a closer\n```python\ncode\n```  \nprose") == [False] * 5 + [True]


def test_indented_fence_up_to_three_spaces():
    assert outside("   ```\ncode\n  ```\nprose") == [False, False, False, True]


def test_fence_nested_in_an_admonition_or_tab_is_a_fence():
    """superfences nests fences in `!!! note` and `=== "Tab"` blocks, indented by 4 spaces or a tab."""
    assert outside('!!! note\n    ```\n    [@key]\n    ```\nprose') == [True, False, False, False, True]
    assert outside("\t```\ncode\n\t```\nprose") == [False, False, False, True]


def test_unclosed_fence_runs_to_the_end():
    assert outside("prose\n```\ncode\n\nmore code") == [True, False, False, False, False]


def test_two_backticks_or_tildes_are_not_a_fence():
    assert outside("``\nprose\n~~\nprose") == [True] * 4


def test_backtick_info_string_with_a_backtick_is_inline_code_not_a_fence():
    assert outside("```x```\nprose") == [True, True]
    assert outside("~~~ a`b\ncode\n~~~\nprose") == [False, False, False, True]


def test_crlf_closing_fence_closes():
    assert outside("```\r\ncode\r\n```\r\nprose") == [False, False, False, True]


@pytest.mark.parametrize("line, expected", [
    ("a `code` b", "a        b"),
    ("``a ` b`` c", "          c"),  # double backticks containing a single one
    ("`a`` b` c", " " * 7 + " c"),  # a run of 2 does not close a run of 1
    ("``a`` `b`", "         "),
    ("unmatched ` backtick", "unmatched ` backtick"),
    ("``a` unmatched", "``a` unmatched"),  # no run of exactly 2 after the opener: all literal
    ("`` ` ``", "       "),
    ("a ``` b ``` c", "a " + " " * 9 + " c"),
    ("``", "``"),  # a lone run is literal, not an empty span
    (r"\`not code`", r"\`not code`"),  # an escaped backtick cannot open
    (r"\`a` `b`", r"\`a" + " " * 3 + "b`"),  # so the next backtick opens instead
    (r"\``code`", "\\`" + " " * 6),  # the rest of an escaped run can open
    (r"\\`code`", "\\\\" + " " * 6),  # an escaped backslash escapes nothing
    (r"`a\`b`", " " * 4 + "b`"),  # inside a span a backslash is literal
    ("日本語 `コード` です", "日本語 " + " " * 5 + " です"),
])
def test_without_inline_code(line, expected):
    assert without_inline_code(line) == expected
    assert len(without_inline_code(line)) == len(line)


def test_code_span_offsets():
    assert list(code_spans("x `a` y ``b`` z")) == [(2, 5), (8, 13)]
