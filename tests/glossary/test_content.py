"""The real glossary (glossary/terms): valid, complete for the seeds, and 勾配爆発 exactly as seed 001."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.validate import load_glossary, name_key

ROOT = Path(__file__).resolve().parents[2]
SEED_NAMES = [line.strip() for line in (Path(__file__).parent / "seed001_terms.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def terms():
    from figgen import registry

    return {t.id: t for t in load_glossary(ROOT / "glossary" / "terms", {f.id for f in registry.figures()}, ROOT)}


def test_the_fixture_holds_the_50_distinct_seed_names():
    assert len(SEED_NAMES) == len(set(SEED_NAMES)) == 50


def test_every_seed_001_name_is_a_headword_or_synonym(terms):
    names = {name_key(n) for t in terms.values() for n in (*t.ja.names, *t.en.names)}
    missing = [n for n in SEED_NAMES if name_key(n) not in names]
    assert missing == []


@pytest.mark.parametrize("name", ["勾配", "勾配降下法", "連鎖律", "損失関数", "Momentum", "Swish", "Parametric ReLU",
                                  "Randomized ReLU", "勾配チェック", "ヘッセ行列", "勾配上昇法", "過学習", "U-Net",
                                  "局所最適解", "層正規化"])
def test_terms_the_other_seeds_explain_have_entries(terms, name):
    names = {name_key(n) for t in terms.values() for n in (*t.ja.names, *t.en.names)}
    assert name_key(name) in names


def test_exploding_gradient_carries_the_seed_relations(terms):
    term = terms["exploding-gradient"]
    assert term.ja.term == "勾配爆発"
    assert set(term.ja.synonyms) >= {"勾配の発散", "勾配の暴走", "グラデーション爆発", "勾配の過剰発散", "勾配爆発現象",
                                     "勾配爆発的挙動", "勾配値の発散"}
    # The seed's six "antonyms" stay reachable, typed correctly: one true opposite, four remedies,
    # and gradient convergence (an informal phrase for something else) as a related term.
    assert term.antonyms == ("vanishing-gradient",)
    assert set(term.remedies) == {"gradient-clipping", "gradient-stabilization", "gradient-suppression",
                                  "gradient-normalization"}
    assert "gradient-convergence" in term.related
    assert {"learning-rate", "weight-initialization", "xavier-initialization", "he-initialization", "activation-function",
            "sigmoid", "tanh", "relu", "backpropagation", "rnn", "lstm", "gru", "deep-neural-network",
            "long-term-dependency", "numerical-stability", "batch-normalization", "regularization", "adam", "sgd",
            "hyperparameter", "gradient-norm", "parameter-update", "depth", "gradient-clipping",
            "vanishing-gradient"} <= set(term.cooccurring)
    assert {"backpropagation", "activation-function", "relu", "leaky-relu", "sigmoid", "tanh", "xavier-initialization",
            "he-initialization", "weight-initialization", "batch-normalization", "layer-normalization",
            "gradient-clipping", "l2-regularization", "l1-regularization", "sgd", "adam", "rmsprop", "learning-rate",
            "learning-rate-scheduling", "residual-network", "skip-connection", "resnet", "mini-batch-size",
            "vanishing-gradient"} <= set(term.related)


def test_every_entry_is_complete_in_both_languages(terms):
    assert len(terms) >= 60
    for term in terms.values():
        for entry in (term.ja, term.en):
            assert entry.term and entry.gloss and len(entry.definition) >= 40, term.id
        assert term.ja.reading, term.id


def test_relations_that_must_be_mutual_are(terms):
    for term in terms.values():
        for other in term.antonyms:
            assert term.id in terms[other].antonyms, (term.id, other)
    assert "layer-normalization" in terms["batch-normalization"].related
    assert "batch-normalization" in terms["layer-normalization"].related
    assert not terms["forward-propagation"].antonyms and not terms["backpropagation"].antonyms  # phases, not opposites


def test_often_confused_pairs_carry_a_note_in_both_languages(terms):
    confused = {t.id: {ref: (ja, en) for ref, ja, en in t.confused} for t in terms.values()}
    assert "overfitting" in confused["vanishing-gradient"] and "vanishing-gradient" in confused["overfitting"]
    assert "layer-normalization" in confused["batch-normalization"]
    assert "learning-rate" in confused["exploding-gradient"]
    ja, en = confused["gradient"]["exploding-gradient"]
    assert "グラデーション" in ja and "mistranslation" in en
    assert "グラデーション爆発" in terms["exploding-gradient"].ja.synonyms  # still findable, as the note says


def test_the_glossary_covers_the_new_topics(terms):
    assert len(terms) >= 90
    for term_id in ("bptt", "cell-state", "gate", "jacobian", "spectral-radius", "warm-up", "weight-decay", "adamw",
                    "loss-scaling", "mixed-precision", "transformer", "post-ln", "pre-ln", "central-difference",
                    "truncation-error", "rounding-error", "condition-number", "newton-method", "degradation-problem"):
        assert term_id in terms, term_id


def test_glosses_hold_no_math(terms):
    """A gloss is shown as a link's title attribute (the tooltip), where nothing typesets TeX."""
    from kobai.math_html import math_spans

    with_math = [(term.id, entry.gloss) for term in terms.values() for entry in (term.ja, term.en) if math_spans(entry.gloss)]
    assert with_math == []
