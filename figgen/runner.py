"""Run many figure builds: in this process (--jobs 1) or in worker processes, with progress.

Workers are *spawned*, never forked: a fork after torch is loaded can deadlock, and a spawned
worker imports every figure and shared module from disk, so it runs exactly the code whose
source the cache key was computed from. `isolate=True` (used by the MkDocs plugin, a long-lived
process under `mkdocs serve`) builds even a single figure in a fresh worker for that reason."""

from __future__ import annotations

import multiprocessing
import os
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


class BuildFailed(RuntimeError):
    """Some figures failed (the others were built): one FigureFailed each, tracebacks kept."""

    def __init__(self, failures: list[builder.FigureFailed]) -> None:
        super().__init__("; ".join(str(f) for f in failures))
        self.failures = failures

    def report(self) -> str:
        """Every failure's traceback, then one line per failed figure."""
        return "\n\n".join(f.trace for f in self.failures if f.trace) + "\n" + "\n".join(str(f) for f in self.failures)


def _failure(figure_id: str, error: BaseException) -> builder.FigureFailed:
    return error if isinstance(error, builder.FigureFailed) else builder.FigureFailed.wrap(figure_id, error)


def run(figures, out_dir: Path, device: str, force: bool, jobs: int, cache: Cache,
        package: str = registry.DEFAULT_PACKAGE, progress: Progress | None = None,
        isolate: bool = False) -> list[builder.Result]:
    """Build `figures` (fresh ones cost a hash check); return one Result per figure, in order.

    A figure that fails does not stop the others: they are built, then BuildFailed names every
    failed figure with its traceback."""
    progress = progress or Progress(len(figures))
    results: dict[str, builder.Result] = {}
    failures: list[builder.FigureFailed] = []
    # Fresh figures cost one hash each, here; only stale ones reach a builder (and its lock).
    stale = []
    for figure in figures:
        if not force and builder.is_fresh(figure, out_dir, device):
            results[figure.id] = builder.Result(figure.id, "fresh", 0.0)
            progress.done += 1
        else:
            stale.append(figure)
    if not stale:
        pass
    elif not isolate and (jobs <= 1 or len(stale) <= 1):
        for figure in stale:
            progress.start(figure.id)
            try:
                result = builder.build(figure, out_dir, device, force, cache,
                                       progress=lambda f, fid=figure.id: progress.update(fid, f))
            except ImportError:
                raise
            except Exception as error:
                failures.append(_failure(figure.id, error))
                progress.finish(figure.id, "failed", 0.0)
                continue
            progress.finish(figure.id, result.status, result.seconds)
            results[figure.id] = result
    else:
        context = multiprocessing.get_context("spawn")
        workers = max(1, min(jobs, len(stale)))
        threads = max(1, (os.cpu_count() or 1) // workers)
        manager = context.Manager()
        messages = manager.Queue()
        with manager, ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            pending = {
                pool.submit(_worker, f.id, package, str(out_dir), device, force, str(cache.root), threads, messages): f.id
                for f in stale
            }
            while pending:
                done, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                _drain(messages, progress)
                for future in done:
                    figure_id = pending.pop(future)
                    try:
                        result = future.result()  # a worker's exception surfaces here
                    except ImportError:
                        raise
                    except Exception as error:
                        failures.append(_failure(figure_id, error))
                        progress.finish(figure_id, "failed", 0.0)
                        continue
                    progress.finish(result.id, result.status, result.seconds)
                    results[result.id] = result
            _drain(messages, progress)
    progress.close()
    if failures:
        raise BuildFailed(failures)
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
