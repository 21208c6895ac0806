"""Property-based tests of `glossary.loader.parse`.

1. Every refusal points inside the file: each problem names the file, a line the text has, a
   field (a string) and a non-empty message.
2. A field of the valid fixture replaced by a value that schema.json forbids is refused, and a
   problem names that field and the line where it sits; a value the schema allows is accepted and
   the parsed term carries it. Both kinds of value are derived from schema.json, not guessed.
3. The valid fixture, re-dumped with its mapping keys in any order, parses to the same term.
4. Bytes spliced into the fixture, and 5. random text, are accepted or refused as in 1.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.errors import GlossaryError, Problem
from glossary.loader import parse, schema
from glossary.model import LANGUAGES, RELATIONS, Term

VALID = (Path(__file__).parent / "fixtures" / "terms" / "gradient.yaml").read_text(encoding="utf-8")
BASE = yaml.safe_load(VALID)
SCHEMA = schema()
NAME = "fuzz.yaml"

# ---------------------------------------------------------------- property 1: refusals point inside the file

# YAML's line breaks (1.1, as PyYAML and libyaml read them): CR LF, CR, LF, NEL, LS, PS.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def last_line(text: str) -> int:
    """The last line a cursor can be on: the line after the final break counts (end of file)."""
    return len(_BREAK.findall(text)) + 1


def check_problem(problem: Problem, text: str) -> None:
    assert problem.path == NAME, problem
    assert type(problem.line) is int and 1 <= problem.line <= last_line(text), (problem, last_line(text))
    assert isinstance(problem.field, str), problem
    assert isinstance(problem.message, str) and problem.message.strip(), problem
    assert str(problem).startswith(f"{NAME}:{problem.line}:"), str(problem)


def checked_problems(error: GlossaryError, text: str) -> list[Problem]:
    """A refusal's problems, each checked against property 1 (and there is at least one)."""
    assert error.problems
    for problem in error.problems:
        check_problem(problem, text)
    return error.problems


def accepted_or_refused_inside(text: str) -> Term | None:
    """Parse; on refusal every problem obeys property 1 (and there is one); None when refused."""
    try:
        term = parse(text, NAME)
    except GlossaryError as error:
        checked_problems(error, text)
        return None
    assert all(type(line) is int and 1 <= line <= last_line(text) for line in term.lines.values()), term.lines
    return term


def refused(text: str) -> list[Problem]:
    try:
        term = parse(text, NAME)
    except GlossaryError as error:
        return checked_problems(error, text)
    raise AssertionError(f"accepted, but the schema forbids it: {term!r}\n{text}")


# ---------------------------------------------------------------- the schema, read as data


def resolve(node: dict) -> dict:
    """A subschema with its local $ref followed (siblings of $ref, only descriptions here, kept)."""
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/$defs/"), ref
        node = {**SCHEMA["$defs"][ref.removeprefix("#/$defs/")], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def at(path: tuple) -> dict:
    node = resolve(SCHEMA)
    for key in path:
        node = resolve(node["items"] if isinstance(key, int) else node["properties"][key])
    return node


def object_fields(node: dict, prefix: tuple = ()) -> list[tuple]:
    """Every property path reachable through objects: ('id',), ('ja',), ('ja', 'term'), …"""
    out = []
    for key, sub in node.get("properties", {}).items():
        out.append((*prefix, key))
        if resolve(sub).get("type") == "object":
            out += object_fields(resolve(sub), (*prefix, key))
    return out


FIELDS = object_fields(resolve(SCHEMA))


def _regex(pattern: str) -> re.Pattern:
    # JSON Schema patterns are ECMA-262: `$` ends the string. In Python `$` also matches before a
    # final newline, so it is read as `\Z`.
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def string_ok(node: dict, value: str) -> bool:
    return len(value) >= node.get("minLength", 0) and ("pattern" not in node or bool(_regex(node["pattern"]).search(value)))


def is_text(node: dict) -> bool:
    """Free text (a non-blank string): the loader strips it; ids, readings and keys it keeps as they are."""
    return node.get("type") == "string" and node.get("pattern") == "\\S"


def canon(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


WHITESPACE = [c for c in map(chr, range(0x3100)) if c.isspace()]  # str.isspace is re's \s; none above U+3000
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12))
JSON_TYPES = {
    "null": st.none(),
    "boolean": st.booleans(),
    "integer": st.integers(),
    "number": st.floats(allow_nan=True),
    "string": st.text(max_size=12),
    "array": st.lists(scalars, max_size=3),
    "object": st.dictionaries(st.text(max_size=8), scalars, max_size=3),
}


def wrong_type(node: dict):
    allowed = {node["type"]} | ({"integer", "number"} if node["type"] in ("integer", "number") else set())
    return st.one_of([s for name, s in JSON_TYPES.items() if name not in allowed])


def valid(node: dict):
    """Values the schema accepts at `node`."""
    node = resolve(node)
    kind = node["type"]
    if kind == "string":
        base = st.from_regex(_regex(node["pattern"])) if "pattern" in node else st.text(max_size=20)
        return base.filter(lambda s: string_ok(node, s))
    if kind == "array":
        return st.lists(valid(node["items"]), max_size=3, unique_by=canon if node.get("uniqueItems") else None)
    if kind == "object":
        props = node["properties"]
        return st.fixed_dictionaries({k: valid(props[k]) for k in node.get("required", [])},
                                     optional={k: valid(v) for k, v in props.items() if k not in node.get("required", [])})
    raise NotImplementedError(kind)


def bad_string(node: dict):
    options = [st.text(max_size=12)]
    if "pattern" in node and node["pattern"].endswith("$"):
        options.append(valid(node).map(lambda s: s + "\n"))  # "$" ends the string: a final newline is not allowed
    if node.get("minLength") or node.get("pattern") == "\\S":
        options.append(st.text(st.sampled_from(WHITESPACE), max_size=4))  # empty or blank
    return st.one_of(options).filter(lambda s: not string_ok(node, s))


def bad_object(node: dict, base):
    """(object, where) with `where` the path, relative to the object, that a problem must name."""
    props, required = node["properties"], node.get("required", [])
    unknown = st.text(max_size=8).filter(lambda k: k not in props)
    options = [
        st.tuples(base, unknown, scalars).map(lambda t: ({**t[0], t[1]: t[2]}, (t[1],))),
        st.sampled_from(sorted(props)).flatmap(
            lambda k: st.tuples(base, invalid(props[k])).map(lambda t: ({**t[0], k: t[1][0]}, (k, *t[1][1])))),
    ]
    if required:
        options.append(st.tuples(base, st.sampled_from(required)).map(
            lambda t: ({k: v for k, v in t[0].items() if k != t[1]}, (t[1],))))
    return st.one_of(options)


def invalid(node: dict):
    """(value, where): a value the schema refuses at `node`, and the path below it that is at fault."""
    node = resolve(node)
    kind = node["type"]
    options = [wrong_type(node).map(lambda v: (v, ()))]
    if kind == "string" and ("pattern" in node or "minLength" in node):
        options.append(bad_string(node).map(lambda v: (v, ())))
    elif kind == "array":
        items = node["items"]
        ok_list = st.lists(valid(items), max_size=3, unique_by=canon if node.get("uniqueItems") else None)

        def insert(t):
            good, (bad, where), i = t
            i = min(i, len(good))
            return [*good[:i], bad, *good[i:]], (i, *where)

        options.append(st.tuples(ok_list, invalid(items), st.integers(0, 3)).map(insert))
        if node.get("uniqueItems"):
            options.append(ok_list.filter(bool).flatmap(
                lambda good: st.sampled_from(good).map(lambda dup: ([*good, dup], ()))))
    elif kind == "object":
        options.append(bad_object(node, valid(node)))
    return st.one_of(options)


INVALID = {path: invalid(at(path)) for path in FIELDS}
VALID_VALUES = {path: valid(at(path)) for path in FIELDS}


# ---------------------------------------------------------------- the term as data, to compare with the YAML


def normalize(node: dict, value):
    """What the loader should make of a valid value: free text stripped, absent lists empty."""
    node = resolve(node)
    if node["type"] == "string":
        return value.strip() if is_text(node) else value
    if node["type"] == "array":
        return [normalize(node["items"], v) for v in value]
    props = node["properties"]
    return {k: normalize(sub, value[k]) if k in value else [] for k, sub in props.items()
            if k in value or resolve(sub)["type"] == "array"}


def view(term: Term) -> dict:
    def entry(lang: str) -> dict:
        e = term.entry(lang)
        d = {"term": e.term, "gloss": e.gloss, "definition": e.definition, "synonyms": list(e.synonyms)}
        return {**d, "reading": e.reading} if lang == "ja" else d

    return {"id": term.id, **{lang: entry(lang) for lang in LANGUAGES},
            **{r: list(getattr(term, r)) for r in (*RELATIONS, "sources", "references", "figures")},
            "confused": [{"id": i, "ja": ja, "en": en} for i, ja, en in term.confused]}


def test_the_view_covers_the_schema():
    assert set(view(parse(VALID, NAME))) == set(SCHEMA["properties"])
    assert view(parse(VALID, NAME)) == normalize(SCHEMA, BASE)


# ---------------------------------------------------------------- where a key sits in dumped YAML


_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(yaml.SafeDumper):
    """safe_dump without anchors: a value met twice is written twice (the loader refuses `&`/`*`)."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(data, **options) -> str:
    return yaml.dump(data, Dumper=_Dumper, **{"allow_unicode": True, "sort_keys": False, **options})


def exact_dump(data) -> str:
    """`dump`, or, where PyYAML's emitter writes a value that does not read back the same, the
    same with every non-ASCII character escaped. (With allow_unicode it writes a NEL, U+0085,
    raw inside a single-quoted scalar, where YAML folds that line break into a space.)"""
    text = dump(data)
    if canon(yaml.load(text, Loader=_FastLoader)) != canon(data):
        text = dump(data, allow_unicode=False)
        assert canon(yaml.load(text, Loader=_FastLoader)) == canon(data), text
    return text


def node_line(text: str | yaml.Node, path: tuple) -> int:
    """Line of the key at `path` (or of the list item) in `text`, read with PyYAML's pure-Python
    composer; for a key that is not there (a missing one), the line of the nearest one above it."""
    node = yaml.compose(text, Loader=yaml.SafeLoader) if isinstance(text, str) else text
    line = 1
    for key in path:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            found = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]
            if not found:
                break
            line, node = found[0][0].start_mark.line + 1, found[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def replaced(path: tuple, value) -> dict:
    data = copy.deepcopy(BASE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


# ---------------------------------------------------------------- property 2: mutated fields


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.sampled_from(FIELDS).flatmap(lambda path: st.tuples(st.just(path), INVALID[path])))
def test_a_field_the_schema_forbids_is_refused_naming_field_and_line(case):
    path, (value, where) = case
    text = exact_dump(replaced(path, value))
    full = (*path, *where)
    field, line = ".".join(map(str, full)), node_line(text, full)
    problems = refused(text)
    assert any(p.field == field and p.line == line for p in problems), (field, line, [str(p) for p in problems], text)


@settings(max_examples=60, deadline=None)
@given(bad_object(resolve(SCHEMA), st.just(BASE)))
def test_a_top_level_key_unknown_missing_or_invalid_is_refused_naming_it(case):
    data, where = case
    text = exact_dump(data)
    field, line = ".".join(map(str, where)), node_line(text, where)
    problems = refused(text)
    assert any(p.field == field and p.line == line for p in problems), (field, line, [str(p) for p in problems], text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS).flatmap(lambda path: st.tuples(st.just(path), VALID_VALUES[path])))
def test_a_field_the_schema_allows_is_accepted_and_carried(case):
    path, value = case
    data = replaced(path, value)
    text = exact_dump(data)
    term = accepted_or_refused_inside(text)
    assert term is not None, (path, value, text)
    assert view(term) == normalize(SCHEMA, data)
    assert term.line(".".join(path)) == node_line(text, path)


# ---------------------------------------------------------------- property 3: round trip in any key order


def permuted(value):
    """A strategy for `value` with the keys of every mapping in it in any order."""
    if isinstance(value, dict):
        return st.permutations(list(value)).flatmap(
            lambda keys: st.tuples(*(permuted(value[k]) for k in keys)).map(lambda vs: dict(zip(keys, vs))))
    if isinstance(value, list):
        return st.tuples(*(permuted(v) for v in value)).map(list)
    return st.just(value)


ORIGINAL = parse(VALID, NAME)


@settings(max_examples=60, deadline=None)
@given(permuted(BASE), st.sampled_from([False, None, True]), st.booleans())
def test_the_fixture_redumped_in_any_key_order_parses_to_the_same_term(data, flow, unicode):
    text = dump(data, default_flow_style=flow, allow_unicode=unicode)
    term = parse(text, NAME)
    assert term == ORIGINAL
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for field, line in term.lines.items():  # and every field's line is where its key sits
        assert line == node_line(root, tuple(int(k) if k.isdigit() else k for k in field.split(".") if field)), field


# ---------------------------------------------------------------- properties 4 and 5: spliced bytes, random text

YAMLISH = st.lists(st.sampled_from([
    "id: ", "ja:", "en:", "  term: ", "  reading: ", "- ", "[", "]", "{", "}", ":", ",", "#", "&a ", "*a", "!!str ",
    "|", ">-", "'", '"', "? ", "<<: ", "---", "...", "%YAML 1.1", "\n", "\r\n", "\r", "\x85", "\u2028", "\u2029",
    "\t", " ", "  ", "x", "勾配", "\ufeff", "\x00", "\\", "003",
]), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.integers(min_value=0, max_value=40),
       st.one_of(st.text(max_size=10), YAMLISH))
def test_spliced_bytes_are_accepted_or_refused_inside_the_file(start, length, insert):
    accepted_or_refused_inside(VALID[:start] + insert + VALID[start + length:])


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), YAMLISH))
def test_random_text_is_accepted_or_refused_inside_the_file(text):
    accepted_or_refused_inside(text)


def test_an_error_at_the_end_of_a_file_names_its_last_line():
    # libyaml puts the end of the stream on a line of its own when the last line has no break
    assert [p.line for p in refused("a: [")] == [1]
    assert [p.line for p in refused("a: [\n")] == [2]
    assert [p.line for p in refused("id: x\nja: [")] == [2]
