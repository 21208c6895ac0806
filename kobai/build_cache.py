"""Answers kept between builds: one JSON file under .cache/ per kind of answer.

A warm build asks the same questions as the last one (render this formula, encode this figure,
index this page): each answer is stored under a key that says everything it depends on, for one
`version` of the code and tools that compute it (a file from another version is ignored, not
trusted). The file keeps the answers the last build asked for, and no others, so it never grows
beyond what the site needs. Written atomically: an interrupted build leaves the previous file.

Used by kobai/katex.py (rendered formulas), kobai/lossless_webp.py (WebP twins of notebook
figures) and kobai/compat/material.py (search entries of unchanged pages).
"""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Callable
from typing import Any

from kobai import atomic

MISSING = object()


class KeptAnswers:
    def __init__(self, path: Path, version: str, field: str = "answers") -> None:
        self.path = Path(path)
        self.version = version
        self._field = field
        self._stored: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
            if saved.get("version") == version and isinstance(saved.get(field), dict):
                self._stored = saved[field]
        except (OSError, ValueError, AttributeError):
            pass

    def get(self, key: str) -> Any:
        """The stored answer (and it is kept), or MISSING."""
        if key in self._used:
            return self._used[key]
        answer = self._stored.get(key, MISSING)
        if answer is not MISSING:
            self._used[key] = answer
        return answer

    def put(self, key: str, answer: Any) -> None:
        self._used[key] = answer

    def answer(self, key: str, compute: Callable[[], Any]) -> Any:
        """The stored answer, or `compute()`'s (then kept)."""
        answer = self.get(key)
        if answer is MISSING:
            answer = compute()
            self.put(key, answer)
        return answer

    def used(self) -> list[Any]:
        """The answers this build has asked for so far."""
        return list(self._used.values())

    def save(self) -> None:
        """Write the answers this build used, if they differ from the file's."""
        if self._used != self._stored:
            atomic.write_text(self.path, json.dumps({"version": self.version, self._field: self._used}, ensure_ascii=False))
            self._stored = dict(self._used)
