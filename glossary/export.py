"""glossary.json: the whole glossary in both languages, for other tools, with its JSON Schema."""

from __future__ import annotations

import copy

from glossary.loader import schema
from glossary.model import Term

FORMAT = 1


def glossary_json(terms: list[Term], base_url: str = "") -> dict:
    return {
        "$schema": "glossary.schema.json",
        "format": FORMAT,
        "count": len(terms),
        "terms": [{**t.as_dict(), "url": {"ja": f"{base_url}glossary/{t.id}/", "en": f"{base_url}en/glossary/{t.id}/"}}
                  for t in terms],
    }


def glossary_schema() -> dict:
    """Schema of glossary.json, built from the schema of one term file."""
    term = copy.deepcopy(schema())
    defs = term.pop("$defs")
    for key in ("$schema", "$id", "title"):
        term.pop(key, None)
    term["properties"]["url"] = {"type": "object", "properties": {"ja": {"type": "string"}, "en": {"type": "string"}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Kōbai glossary (glossary.json)",
        "type": "object",
        "required": ["format", "count", "terms"],
        "properties": {"$schema": {"type": "string"}, "format": {"const": FORMAT}, "count": {"type": "integer"},
                       "terms": {"type": "array", "items": {"$ref": "#/$defs/term"}}},
        "$defs": {**defs, "term": term},
    }
