import pytest

from figgen import registry
from figgen.figure import LANGUAGES, Figure


def test_discovers_every_figure_file_without_a_list():
    ids = [f.id for f in registry.figures()]
    assert ids == sorted(ids)
    catalogue = {  # the handbook's phenomena: data.json series names are part of each one's contract
        "activation-derivatives", "vanishing-depth", "init-xavier-he", "vanishing-training", "exploding-depth",
        "exploding-clipping", "learning-rate", "residual-vs-plain", "batchnorm", "rnn-long-term", "optimizers",
        "gradient-histograms", "gradient-check", "linear-regression-descent", "dying-relu", "transformer-ln", "random-matrix-product",
        "mixed-precision",
    }
    assert catalogue <= set(ids), sorted(catalogue - set(ids))


def test_every_figure_is_complete_in_both_languages():
    for figure in registry.figures():
        assert isinstance(figure, Figure) and figure.module.startswith("figgen.figures.")
        for lang in LANGUAGES:
            assert figure.title[lang].strip() and figure.caption[lang].strip() and figure.alt[lang].strip()
        assert figure.terms, f"{figure.id} names no glossary term"
        assert figure.summary is not None, f"{figure.id} has no summary= (the gallery card's one line)"
        assert "seed" in figure.config


def test_figure_texts_hold_no_math():
    """Titles, captions, alt texts and summaries are escaped text in raw HTML (figgen/embed.py):
    arithmatex never sees them, so TeX there would reach the reader as TeX."""
    from kobai.math_html import math_spans

    with_math = [(figure.id, name, lang) for figure in registry.figures() for name in ("title", "caption", "alt", "summary")
                 for lang in LANGUAGES if getattr(figure, name) and math_spans(getattr(figure, name)[lang])]
    assert with_math == []


def test_a_new_file_is_a_new_figure(temp_figures):
    source = (temp_figures.dir / "tiny.py").read_text()
    temp_figures.write("second", source.replace('id="tiny"', 'id="second"'))
    assert [f.id for f in temp_figures.figures()] == ["second", "tiny"]


def test_duplicate_ids_are_refused(temp_figures):
    temp_figures.write("copy", (temp_figures.dir / "tiny.py").read_text())
    with pytest.raises(ValueError, match="defined twice"):
        temp_figures.figures()


def test_unknown_id_names_the_known_ones():
    with pytest.raises(registry.UnknownFigure) as info:
        registry.select(registry.figures(), ["nope"])
    assert "nope" in str(info.value) and "vanishing-depth" in str(info.value)
