"""Atomic file and folder writes for the whole project (figure cache and outputs, glossary
pages, the search index).

A file is written to a temporary name in its own folder, flushed, given ordinary permissions
(0644: `mkstemp` would leave 0600, and a web server that keeps file modes then answers 403) and
renamed into place; `os.replace` is atomic, so a reader (or a run killed with -9) sees the old
file or the new one, never half of one. A folder is assembled beside its target (0755) and
swapped in with two renames. Leftovers of a killed run (`.<name>.tmp-*`, `.<name>.old-*`) are
swept by the next writer of the same target; a file's temporary copy (`.<name>.*.tmp`) by the
next write of that file, once it is an hour old (a younger one may be another process's write).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
import time
from pathlib import Path

FILE_MODE = 0o644
FOLDER_MODE = 0o755
STALE_TEMP_SECONDS = 3600  # no write of one file takes this long


def write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale_temp_files(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _sweep_stale_temp_files(path: Path) -> None:
    """Remove temporary copies of `path` that a killed write left (old enough to be nobody's)."""
    now = time.time()
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            if now - leftover.stat().st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def temp_folder(target: Path) -> Path:
    """An empty folder beside `target` to assemble its new content in (swept if left behind)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep(target)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.tmp-"))
    os.chmod(tmp, FOLDER_MODE)
    return tmp


def swap_in(tmp: Path, target: Path) -> None:
    """Replace the folder `target` by `tmp` (two renames: a reader sees the old or the new one)."""
    target = Path(target)
    trash = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, trash)
    os.replace(tmp, target)
    shutil.rmtree(trash, ignore_errors=True)


def sweep(target: Path) -> list[Path]:
    """Remove what killed runs left beside `target`. Call it only while no other process can
    be writing `target` (under its lock, or from the single writer)."""
    target = Path(target)
    if not target.parent.is_dir():
        return []
    gone = []
    for pattern in (f".{target.name}.tmp-*", f".{target.name}.old-*"):
        for leftover in target.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)
            gone.append(leftover)
    return gone


def sync_folder(target: Path, files: dict[str, str], gitignore: str | None = None) -> bool:
    """Make the folder `target` hold exactly `files` (name → text), plus a `.gitignore` when
    given. Unchanged content is not touched (so `mkdocs serve` does not rebuild in a loop) and
    False is returned; otherwise the whole folder is assembled aside and swapped in."""
    target = Path(target)
    if target.is_dir():
        current = {p.name for p in target.iterdir() if p.is_file() and not p.name.startswith(".")}
        if current == set(files) and all((target / n).read_text(encoding="utf-8") == files[n] for n in files):
            return False
    tmp = temp_folder(target)
    try:
        for name, text in files.items():
            write_text(tmp / name, text)
        if gitignore is not None:
            write_text(tmp / ".gitignore", gitignore)
        swap_in(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return True
