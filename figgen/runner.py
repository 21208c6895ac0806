"""Run many figure builds: in this process (--jobs 1) or in worker processes, with progress."""

from __future__ import annotations

import multiprocessing
import queue as queue_module
from concurrent.futures import ProcessPoolExecutor, wait, FIRST_COMPLETED
from pathlib import Path

from figgen import builder, registry
from figgen.cache import Cache
from figgen.progress import Progress


def _worker(figure_id: str, package: str, out_dir: str, device: str, force: bool,
            cache_root: str, threads: int, messages) -> builder.Result:
    import torch

    torch.set_num_threads(threads)
    figure = registry.select(registry.figures(package), [figure_id])[0]
    messages.put(("start", figure_id, 0.0))
    return builder.build(figure, Path(out_dir), device, force, Cache(Path(cache_root)),
                         progress=lambda f: messages.put(("progress", figure_id, f)))


def run(figures, out_dir: Path, device: str, force: bool, jobs: int, cache: Cache,
        package: str = registry.DEFAULT_PACKAGE, progress: Progress | None = None) -> list[builder.Result]:
    """Build `figures` (fresh ones cost a hash check); return one Result per figure, in order."""
    progress = progress or Progress(len(figures))
    results: dict[str, builder.Result] = {}
    # Fresh figures cost one hash each, here; only stale ones reach a builder (and its lock).
    stale = []
    for figure in figures:
        if not force and builder.is_fresh(figure, out_dir, device):
            results[figure.id] = builder.Result(figure.id, "fresh", 0.0)
            progress.done += 1
        else:
            stale.append(figure)
    if jobs <= 1 or len(stale) <= 1:
        for figure in stale:
            progress.start(figure.id)
            result = builder.build(figure, out_dir, device, force, cache,
                                   progress=lambda f, fid=figure.id: progress.update(fid, f))
            progress.finish(figure.id, result.status, result.seconds)
            results[figure.id] = result
    else:
        context = multiprocessing.get_context("fork")
        messages = context.Manager().Queue()
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            pending = {
                pool.submit(_worker, f.id, package, str(out_dir), device, force, str(cache.root), 1, messages): f.id
                for f in stale
            }
            while pending:
                done, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                _drain(messages, progress)
                for future in done:
                    result = future.result()  # a worker's exception surfaces here
                    progress.finish(result.id, result.status, result.seconds)
                    results[result.id] = result
                    del pending[future]
            _drain(messages, progress)
    progress.close()
    return [results[f.id] for f in figures]


def _drain(messages, progress: Progress) -> None:
    while True:
        try:
            kind, figure_id, fraction = messages.get_nowait()
        except queue_module.Empty:
            return
        if kind == "start":
            progress.start(figure_id)
        else:
            progress.update(figure_id, fraction)
