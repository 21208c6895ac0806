"""Property-based: random and mutated entries are either accepted or refused with GlossaryError."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.errors import GlossaryError
from glossary.loader import parse

VALID = (Path(__file__).parent / "fixtures" / "terms" / "gradient.yaml").read_text(encoding="utf-8")
BASE = yaml.safe_load(VALID)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


def _accepts_or_refuses(text: str) -> None:
    try:
        parse(text, "fuzz.yaml")
    except GlossaryError as error:
        assert all(str(p).startswith("fuzz.yaml:") for p in error.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text(text):
    _accepts_or_refuses(text)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["id", "ja", "en", "antonyms", "related", "sources", "figures", "ja.term", "ja.reading",
                        "ja.synonyms", "en.gloss", "en.definition", "extra"]), values)
def test_mutated_fields(field, value):
    data = yaml.safe_load(VALID)
    target = data
    *parents, key = field.split(".")
    for parent in parents:
        target = target[parent]
    target[key] = value
    _accepts_or_refuses(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.integers(min_value=1, max_value=40), st.text(max_size=10))
def test_spliced_bytes(start, length, insert):
    _accepts_or_refuses(VALID[:start] + insert + VALID[start + length:])
