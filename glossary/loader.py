"""Load glossary YAML files safely, with the line of every field, checked against the schema.

`yaml.safe_load` builds the data (no tags, no code); `yaml.compose` gives the node tree with line
marks, so every problem can name its line. Nothing here raises anything but GlossaryError.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from glossary.errors import GlossaryError, Problem
from glossary.model import Entry, Term
from kobai import yaml_guard

SCHEMA_PATH = Path(__file__).with_name("schema.json")
MAX_BYTES = 64 * 1024  # a term file is about 2 KiB


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _python_regex(pattern: str) -> str:
    """A JSON Schema (ECMA-262) pattern for Python's re: `$` ends the string there, while Python's
    `$` also matches before a final newline."""
    return re.sub(r"(?<!\\)\$", r"\\Z", pattern)


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator, ValidationError, validators

    def pattern(validator, patrn, instance, _schema):
        # jsonschema's own `pattern` uses re.search(patrn) as is, which lets "gradient\n" pass as an id.
        if validator.is_type(instance, "string") and not re.search(_python_regex(patrn), instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    return validators.extend(Draft202012Validator, {"pattern": pattern})(_inlined(schema()))


_ANNOTATIONS = {"description", "title", "$comment"}


def _inlined(node, defs=None):
    """The schema with every local `$ref` replaced by what it names (the schema is not recursive).
    The same checks, without a reference lookup per value: validation takes a third of the time."""
    defs = node.get("$defs", {}) if defs is None else defs
    if isinstance(node, list):
        return [_inlined(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        if name == node["$ref"] or name not in defs:
            raise ValueError(f"glossary/schema.json: only #/$defs/ references are supported: {node['$ref']!r}")
        target = _inlined(defs[name], defs)
        rest = _inlined({k: v for k, v in node.items() if k != "$ref"}, defs)
        return {**target, **rest} if set(rest) <= _ANNOTATIONS else {"allOf": [target, rest]}
    return {k: _inlined(v, defs) for k, v in node.items() if k != "$defs"}


def _schema_errors(data):
    return list(_validator().iter_errors(data))


# YAML's line breaks (1.1, as libyaml and PyYAML count lines): CR LF, CR, LF, NEL, LS, PS.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

# libyaml's safe loader when PyYAML has it (about 10× faster), the pure-Python one otherwise.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(text: str):
    """Parse once: the node tree (for line numbers) and the data built from it (safe types only)."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _lines(node, prefix: str, lines: dict, problems: list, path: str) -> None:
    """Record the line of each mapping key ('ja.definition') and sequence item ('related.2')."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            dotted = f"{prefix}.{key}" if prefix else key
            if key in seen:
                problems.append(Problem(path, key_node.start_mark.line + 1, dotted, "duplicate key"))
            seen.add(key)
            lines[dotted] = key_node.start_mark.line + 1
            _lines(value_node, dotted, lines, problems, path)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[f"{prefix}.{i}"] = item.start_mark.line + 1
            _lines(item, f"{prefix}.{i}", lines, problems, path)


def _describe(error) -> tuple[str, str]:
    """(field path, message) for a jsonschema error, in words for a person."""
    where = ".".join(str(p) for p in error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties":
        extra = sorted(str(k) for k in set(error.instance) - set(error.schema.get("properties", {})))
        key = extra[0] if extra else "?"
        return (f"{where}.{key}" if where else key), f"unknown key {key!r}"
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return (f"{where}.{missing}" if where else missing), f"missing {missing!r}" + (
            f" (both languages are required)" if missing in ("ja", "en") else "")
    if kind == "type":
        return where, f"must be {error.validator_value} (got {type(error.instance).__name__})"
    if kind in ("minLength",) or (kind == "pattern" and error.validator_value == "\\S"):
        return where, "is empty"
    if kind == "pattern" and where.endswith("reading"):
        return where, f"must be hiragana (got {error.instance!r})"
    if kind == "pattern":
        return where, f"{error.instance!r} is not a valid value (expected lowercase a-z, 0-9 and '-')" if "a-z" in error.validator_value else f"{error.instance!r} does not match {error.validator_value}"
    if kind == "uniqueItems":
        return where, "lists the same value twice"
    return where, error.message


def _field_line(lines: dict, field_path: str) -> int:
    while field_path:
        if field_path in lines:
            return lines[field_path]
        field_path = field_path.rpartition(".")[0]
    return lines.get("", 1)


def parse(text: str, path: str) -> Term:
    """One term from YAML text; raises GlossaryError naming `path`, line and field."""
    problems: list[Problem] = []
    try:
        yaml_guard.check(text, MAX_BYTES)
    except yaml_guard.UnsafeYaml as error:
        raise GlossaryError([Problem(path, error.line, "", error.message)]) from None
    try:
        node, data = _load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        # libyaml puts the end of the stream on a line of its own when the last line has no break:
        # "a: [" would be refused at line 2 of a one-line file. The last line is as far as it goes.
        line = min(mark.line + 1, len(_YAML_BREAK.findall(text)) + 1) if mark else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise GlossaryError([Problem(path, line, "", f"malformed YAML: {reason}")]) from None
    except (ValueError, RecursionError) as error:  # e.g. a NUL byte, absurd nesting
        raise GlossaryError([Problem(path, 1, "", f"unreadable: {error}")]) from None
    if not isinstance(data, dict):
        raise GlossaryError([Problem(path, 1, "", "a term file must be a mapping (id, ja, en, …)")])
    lines: dict = {"": 1}
    try:
        _lines(node, "", lines, problems, path)
        for error in _schema_errors(data):
            where, message = _describe(error)
            problems.append(Problem(path, _field_line(lines, where), where, message))
    except RecursionError:  # a self-referencing YAML alias
        raise GlossaryError([Problem(path, 1, "", "unreadable: a YAML alias refers to itself")]) from None
    if problems:
        raise GlossaryError(problems)

    def entry(lang: str) -> Entry:
        d = data[lang]
        return Entry(term=d["term"].strip(), gloss=d["gloss"].strip(), definition=d["definition"].strip(),
                     synonyms=tuple(s.strip() for s in d.get("synonyms") or ()), reading=d.get("reading", ""))

    return Term(
        id=data["id"], ja=entry("ja"), en=entry("en"),
        antonyms=tuple(data.get("antonyms") or ()), remedies=tuple(data.get("remedies") or ()), cooccurring=tuple(data.get("cooccurring") or ()),
        related=tuple(data.get("related") or ()),
        confused=tuple((c["id"], c["ja"].strip(), c["en"].strip()) for c in data.get("confused") or ()),
        sources=tuple(data.get("sources") or ()),
        references=tuple(data.get("references") or ()),
        figures=tuple(data.get("figures") or ()), path=path, lines=lines,
    )


def load_file(path: Path, display: str | None = None) -> Term:
    display = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError([Problem(display, 1, "", f"cannot read: {error}")]) from None
    return parse(text, display)
