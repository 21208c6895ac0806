"""The `{{ figure("id") }}` embed: where it expands, where it stays literal, and its errors."""

from __future__ import annotations

import pytest

from figgen import embed
from figgen.figure import Figure, Text

FIGURE = Figure(id="tiny", title=Text(ja="図", en="Figure"), caption=Text(ja="説明。", en="Caption."),
                alt=Text(ja="代替", en="alt"), compute=None, draw=None)
DATA = {"meta": {"seed": 0, "torch": "2.13.0", "device": "cpu", "seconds": 1.0, "code_hash": "abc",
                 "image_size": {"ja": [10, 20], "en": [10, 20]}}}


def _expand(markdown, data=DATA):
    return embed.expand(markdown, "en", "../figures", {"tiny": FIGURE}, lambda figure_id: data)


def test_an_embed_on_its_own_line_becomes_a_figure():
    html = _expand('Text.\n\n  {{ figure("tiny") }}\n\nMore.')
    assert '<figure class="figgen" id="fig-tiny">' in html and "{{" not in html
    assert 'src="../figures/tiny/tiny.en.svg"' in html and 'width="10" height="20"' in html


@pytest.mark.parametrize("fence", ["```", "~~~", "````"])
def test_an_embed_in_a_code_fence_is_shown_as_written(fence):
    source = f'{fence}markdown\n{{{{ figure("tiny") }}}}\n{fence}\n'
    assert _expand(source) == source


def test_an_embed_in_inline_code_is_shown_as_written():
    source = 'Write `{{ figure("tiny") }}` on a line of its own.'
    assert _expand(source) == source


def test_an_embed_inside_a_sentence_is_an_error_naming_the_line():
    with pytest.raises(embed.EmbedError, match=r"line 2: a figure embed must stand on a line of its own"):
        _expand('# x\nSee {{ figure("tiny") }} here.')


def test_unknown_id_and_missing_data_are_errors():
    with pytest.raises(embed.EmbedError, match=r"line 1: unknown figure id 'nope' \(known: tiny\)"):
        _expand('{{ figure("nope") }}')
    with pytest.raises(embed.EmbedError, match=r"figure 'tiny' has not been built \(run `python -m figgen`\)"):
        _expand('{{ figure("tiny") }}', data=None)


def test_after_a_fence_closes_embeds_expand_again():
    html = _expand('```\n{{ figure("tiny") }}\n```\n{{ figure("tiny") }}\n')
    assert html.count('<figure class="figgen"') == 1 and '```\n{{ figure("tiny") }}\n```' in html
