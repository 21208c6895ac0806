"""The figure cache: computed data by content hash, written atomically, guarded by file locks.

Layout under the cache root (default `.cache/figgen/`, git-ignored):
    data/<id>-<compute hash>.json   the series and meta of one compute run
    locks/<id>.lock                 held while a figure is being built (one builder at a time)

Every file is written to a temporary name in the same folder and renamed into place
(`os.replace` is atomic), so a run killed at any moment (kill -9 included) leaves either the old
entry or the new one, never half a file. Two runs at once take the per-figure lock in turn; the
second finds the figure fresh and does nothing.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from pathlib import Path

from kobai import atomic


def default_root() -> Path:
    return Path(os.environ.get("FIGGEN_CACHE", Path.cwd() / ".cache" / "figgen"))


def finite_or_none(value):
    """JSON has no NaN or infinity: such values become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_or_none(v) for v in value]
    return value


def write_atomic(path: Path, data: bytes) -> None:
    atomic.write_bytes(path, data)


def write_json(path: Path, value) -> None:
    text = json.dumps(finite_or_none(value), ensure_ascii=False, indent=1, allow_nan=False)
    write_atomic(path, text.encode("utf-8"))


class Cache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root else default_root()

    def data_path(self, figure_id: str, compute_hash: str) -> Path:
        return self.root / "data" / f"{figure_id}-{compute_hash}.json"

    def load(self, figure_id: str, compute_hash: str) -> dict | None:
        """The cached compute result, or None (missing or unreadable: recompute)."""
        try:
            return json.loads(self.data_path(figure_id, compute_hash).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def store(self, figure_id: str, compute_hash: str, entry: dict) -> None:
        write_json(self.data_path(figure_id, compute_hash), entry)
        # Older entries of the same figure are superseded; keep the folder small.
        for old in (self.root / "data").glob(f"{figure_id}-*.json"):
            if old.name != f"{figure_id}-{compute_hash}.json" and old.name.count("-") == figure_id.count("-") + 1:
                with contextlib.suppress(FileNotFoundError):
                    old.unlink()

    @contextlib.contextmanager
    def lock(self, figure_id: str):
        """Held while one process builds the figure (an OS lock: released if the process dies)."""
        from filelock import FileLock

        path = self.root / "locks" / f"{figure_id}.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(path):
            yield

    def clean(self) -> None:
        import shutil

        shutil.rmtree(self.root, ignore_errors=True)
