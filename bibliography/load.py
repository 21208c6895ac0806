"""Load references.yaml safely; every problem names the file, the line and the entry."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bibliography.model import Reference
from kobai import yaml_guard

DEFAULT_PATH = Path(__file__).with_name("references.yaml")
KEY = re.compile(r"^[a-z][a-z0-9-]*[0-9]{4}[a-z0-9-]*$")  # e.g. he2016resnet: a name and a year
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
ARXIV = re.compile(r"^\d{4}\.\d{4,5}$")
FIELDS = {"authors", "year", "title", "venue", "doi", "arxiv", "url"}
MAX_BYTES = 1_000_000


class BibliographyError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def load(path: Path = DEFAULT_PATH) -> dict[str, Reference]:
    """key → Reference, in file order. Raises BibliographyError listing every problem."""
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BibliographyError([f"{name}: cannot read: {error.strerror}"]) from None
    if len(raw) > MAX_BYTES:
        raise BibliographyError([f"{name}: {len(raw)} bytes, more than a bibliography needs ({MAX_BYTES})"])
    try:
        yaml_guard.check(raw.decode("utf-8", errors="replace"), MAX_BYTES, max_depth=4)
    except yaml_guard.UnsafeYaml as error:
        raise BibliographyError([f"{name}:{error.line}: {error.message}"]) from None
    try:
        root = yaml.compose(raw.decode("utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", -1) + 1
        raise BibliographyError([f"{name}:{line}: not valid YAML: {getattr(error, 'problem', error)}"]) from None
    if not isinstance(root, yaml.MappingNode):
        raise BibliographyError([f"{name}:1: expected a mapping of keys to entries"])
    problems, references = [], {}
    for key_node, value_node in root.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        where = f"{name}:{line}: {key}"
        if not KEY.match(str(key)):
            problems.append(f"{where}: the key must be lowercase, a name and a year (e.g. he2016resnet)")
        if key in references:
            problems.append(f"{where}: defined twice")
        if not isinstance(value_node, yaml.MappingNode):
            problems.append(f"{where}: expected authors, year, title, venue and a DOI, arXiv id or URL")
            continue
        fields = {k.value: v for k, v in value_node.value}
        for extra in sorted(set(fields) - FIELDS):
            problems.append(f"{name}:{fields[extra].start_mark.line + 1}: {key}: unknown field {extra!r}")
        entry = _entry(key, fields, line, where, problems)
        if entry is not None:
            references[key] = entry
    if problems:
        raise BibliographyError(problems)
    return _disambiguated(references)


def _disambiguated(references: dict[str, Reference]) -> dict[str, Reference]:
    """Entries that would read the same in the text ("He et al., 2016") get a, b, … in file order."""
    import dataclasses

    groups: dict[str, list[str]] = {}
    for key, ref in references.items():
        groups.setdefault(ref.short("en"), []).append(key)
    for keys in groups.values():
        if len(keys) > 1:
            for letter, key in zip("abcdefghij", keys):
                references[key] = dataclasses.replace(references[key], suffix=letter)
    return references


def _text(node) -> str | None:
    return node.value.strip() if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and node.value.strip() else None


def _entry(key, fields, line, where, problems) -> Reference | None:
    before = len(problems)
    authors_node = fields.get("authors")
    authors = [_text(n) for n in authors_node.value] if isinstance(authors_node, yaml.SequenceNode) else []
    if not authors or not all(authors):
        problems.append(f"{where}: authors must be a list of names")
    year = _text(fields.get("year")) or ""
    if not re.fullmatch(r"(19|20)\d\d", year):
        problems.append(f"{where}: year must be a four-digit year")
    for required in ("title", "venue"):
        if not _text(fields.get(required)):
            problems.append(f"{where}: {required} is missing")
    doi, arxiv, url = (_text(fields.get(f)) for f in ("doi", "arxiv", "url"))
    if doi and not DOI.match(doi):
        problems.append(f"{where}: doi {doi!r} is not a DOI (10.xxxx/…)")
    if arxiv and not ARXIV.match(arxiv):
        problems.append(f"{where}: arxiv {arxiv!r} is not a new-style arXiv id (YYMM.NNNNN)")
    if url and not url.startswith("https://"):
        problems.append(f"{where}: url must start with https://")
    if not (doi or arxiv or url):
        problems.append(f"{where}: give a doi, an arxiv id or (for work that has neither) a url")
    if len(problems) > before:
        return None
    return Reference(key, tuple(authors), int(year), _text(fields["title"]), _text(fields["venue"]), doi, arxiv, url, line)
