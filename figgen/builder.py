"""Build figures: compute (or take from the cache) → data → draw per language → outputs.

Outputs per figure, in `<out>/<id>/`: `<id>.ja.svg`, `<id>.en.svg`, `data.json` (the public
contract, see `data_json`), `data.csv` and `.stamp` (the draw hash the folder was made from).
A figure is fresh when its stamp matches the current draw hash; then nothing runs at all.
The folder is assembled beside its final place and swapped in, the stamp written last.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import random
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from figgen import hashing
from kobai import atomic
from figgen.cache import Cache, finite_or_none, write_atomic, write_json
from figgen.figure import LANGUAGES, Context, Figure, Series

STAMP = ".stamp"


class FigureFailed(RuntimeError):
    """A figure's build raised: names the figure and keeps the traceback (picklable, so it
    crosses from a worker process intact)."""

    def __init__(self, figure_id: str, message: str, trace: str = "") -> None:
        super().__init__(figure_id, message, trace)
        self.figure_id, self.message, self.trace = figure_id, message, trace

    @classmethod
    def wrap(cls, figure_id: str, error: BaseException) -> "FigureFailed":
        import traceback

        trace = "".join(traceback.format_exception(error)).rstrip()
        return cls(figure_id, f"{type(error).__name__}: {error}", trace)

    def __str__(self) -> str:
        return f"figure {self.figure_id!r} failed: {self.message}"


@dataclass
class Result:
    id: str
    status: str  # "fresh" (nothing to do), "drawn" (data from cache), "computed"
    seconds: float


def versions() -> tuple[str, str]:
    """torch and matplotlib versions, read from package metadata: no import (a no-op run stays fast)."""
    from importlib.metadata import version

    return version("torch"), version("matplotlib")


def hashes(figure: Figure, device: str) -> tuple[str, str]:
    torch_version, mpl_version = versions()
    compute = hashing.compute_hash(figure, device, torch_version)
    return compute, hashing.draw_hash(figure, compute, mpl_version)


def is_fresh(figure: Figure, out_dir: Path, device: str) -> bool:
    stamp = out_dir / figure.id / STAMP
    try:
        return stamp.read_text().strip() == hashes(figure, device)[1]
    except OSError:
        return False


def last_seconds(figure: Figure, out_dir: Path) -> float | None:
    try:
        return json.loads((out_dir / figure.id / "data.json").read_text(encoding="utf-8"))["meta"]["seconds"]
    except (OSError, ValueError, KeyError):
        return None


def seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def compute(figure: Figure, device: str, progress=lambda f: None) -> dict:
    """Run the figure's training; return the cache entry (series + meta)."""
    import torch

    from figgen import device as devices

    seed = int(figure.config.get("seed", 0))
    seed_everything(seed)
    start = time.perf_counter()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # results must not depend on --jobs (summation order); jobs parallelise
    with devices.scope(device):
        where = devices.observed()
        try:
            series = figure.compute(dict(figure.config), Context(device=device, progress=progress))
        except ImportError:
            raise  # a missing dependency is the installation's problem, not the figure's
        except Exception as error:
            raise FigureFailed.wrap(figure.id, error) from error
        finally:
            torch.set_num_threads(threads)
    seconds = time.perf_counter() - start
    if not all(isinstance(s, Series) for s in series):
        raise TypeError(f"{figure.module}.compute must return a list of Series")
    return {
        "series": [{"name": s.name, "x": s.x, "y": s.y} for s in series],
        "meta": {"seed": seed, "torch": torch.__version__, **where, "seconds": round(seconds, 3)},
    }


def data_json(figure: Figure, entry: dict, compute_hash: str) -> dict:
    """The public data.json contract: id, title, caption, meta, series (non-finite → null)."""
    return finite_or_none({
        "id": figure.id,
        "title": figure.title.as_dict(),
        "caption": figure.caption.as_dict(),
        "meta": {**entry["meta"], "code_hash": compute_hash, "config": figure.config},
        "series": entry["series"],
    })


def data_csv(entry: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["series", "x", "y"])
    for s in entry["series"]:
        for x, y in zip(s["x"], s["y"]):
            writer.writerow([s["name"], x, "" if y is None or y != y or abs(y) == float("inf") else y])
    return buffer.getvalue()


def _series(entry: dict) -> dict[str, Series]:
    nan = float("nan")
    return {s["name"]: Series(s["name"], s["x"], [nan if y is None else y for y in s["y"]]) for s in entry["series"]}


def draw(figure: Figure, entry: dict, folder: Path) -> dict[str, tuple[int, int]]:
    from figgen.style import figure_style, save_svg

    sizes = {}
    for lang in LANGUAGES:
        with figure_style():
            fig = figure.draw(_series(entry), lang, dict(figure.config))
            sizes[lang] = save_svg(fig, folder / f"{figure.id}.{lang}.svg")
    return sizes


_EXTRA_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.(json|csv)")
_RESERVED = {"data.json", "data.csv"}


def extra_files(figure: Figure, payload: dict) -> dict[str, str]:
    """The files `figure.files` makes from the published data.json (nothing when it names none)."""
    if not figure.files:
        return {}
    module, _, function = figure.files.partition(":")
    try:
        files = getattr(importlib.import_module(module), function)(payload)
    except Exception as error:
        raise FigureFailed.wrap(figure.id, error) from error
    for name in files:
        if not _EXTRA_NAME.fullmatch(name) or name in _RESERVED:
            raise FigureFailed(figure.id, f"{figure.files} made a file named {name!r}: use lowercase "
                                          "names ending in .json or .csv, not data.json or data.csv")
    return files


def build(figure: Figure, out_dir: Path, device: str = "cpu", force: bool = False,
          cache: Cache | None = None, progress=lambda fraction: None) -> Result:
    """Make one figure fresh. Safe to run from several processes at once (per-figure lock)."""
    cache = cache or Cache()
    start = time.perf_counter()
    with cache.lock(figure.id):
        compute_hash, draw_hash = hashes(figure, device)
        if not force and is_fresh(figure, out_dir, device):
            return Result(figure.id, "fresh", 0.0)
        entry = None if force else cache.load(figure.id, compute_hash)
        status = "drawn"
        if entry is None:
            entry = compute(figure, device, progress)
            cache.store(figure.id, compute_hash, finite_or_none(entry))
            entry = cache.load(figure.id, compute_hash)  # what later runs will read, exactly
            status = "computed"
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = atomic.temp_folder(out_dir / figure.id)  # also sweeps what a killed run left
        try:
            try:
                sizes = draw(figure, entry, tmp)
            except ImportError:
                raise
            except Exception as error:
                raise FigureFailed.wrap(figure.id, error) from error
            payload = data_json(figure, entry, compute_hash)
            payload["meta"]["image_size"] = {lang: list(size) for lang, size in sizes.items()}
            write_json(tmp / "data.json", payload)
            write_atomic(tmp / "data.csv", data_csv(entry).encode("utf-8"))
            for name, text in extra_files(figure, json.loads((tmp / "data.json").read_text(encoding="utf-8"))).items():
                write_atomic(tmp / name, text.encode("utf-8"))
            write_atomic(tmp / STAMP, draw_hash.encode())
            atomic.swap_in(tmp, out_dir / figure.id)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return Result(figure.id, status, time.perf_counter() - start)
