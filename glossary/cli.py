"""`python -m glossary check` validates every term file; `python -m glossary json` prints glossary.json."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from glossary.errors import GlossaryError
from glossary.export import glossary_json
from glossary.validate import load_glossary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m glossary", description="Check or export the glossary.")
    parser.add_argument("command", choices=["check", "json"])
    parser.add_argument("--terms", type=Path, default=Path("glossary/terms"), help="folder of term files")
    args = parser.parse_args(argv)
    known = None
    try:
        from figgen import registry

        known = {f.id for f in registry.figures()}
    except Exception:  # figgen is optional for the glossary
        pass
    try:
        terms = load_glossary(args.terms, known, Path.cwd())
    except GlossaryError as error:
        print(str(error), file=sys.stderr)
        print(f"glossary: {len(error.problems)} problem(s)", file=sys.stderr)
        return 1
    if args.command == "json":
        print(json.dumps(glossary_json(terms), ensure_ascii=False, indent=1))
    else:
        print(f"glossary: {len(terms)} terms, all valid")
    return 0
