"""A bounded first look at a YAML data file, before anything builds objects from it.

Our data files (glossary terms, the bibliography) are small, shallow and never need anchors or
aliases. Hostile or broken input is refused here, in time proportional to the file and in
constant stack: libyaml's parser is a state machine, and only its event stream is read. This
stops alias-expansion bombs (a few lines that expand to billions of nodes), nesting deep enough
to overflow the stack of the recursive node composer (a segmentation fault at 100 000 levels with
PyYAML 6.0.3's C loader), and oversized files.
"""

from __future__ import annotations

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UnsafeYaml(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def check(text: str, max_bytes: int, max_depth: int = 16) -> None:
    """Raise UnsafeYaml(line, message) for input no data file of ours looks like."""
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise UnsafeYaml(1, f"{size} bytes, more than such a file needs ({max_bytes}): refused")
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise UnsafeYaml(line, "anchors and aliases (&, *) are not allowed in this file")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > max_depth:
                    raise UnsafeYaml(line, f"nested more than {max_depth} levels deep")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # not valid YAML: the loader's own parse reports it, with its line
