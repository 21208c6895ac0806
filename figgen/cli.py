"""`python -m figgen`: build stale figures, list them, or clean the cache.

    python -m figgen [build] [--only ID ...] [--force] [--jobs N] [--device cpu|cuda|auto] [--out DIR]
    python -m figgen list [--out DIR]
    python -m figgen clean [--out DIR]

Errors (unknown id, bad option, missing dependency, no CUDA) are one line and a non-zero exit.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_OUT = Path("build") / "figures"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        self.exit(2, f"figgen: {message} (see python -m figgen --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m figgen", description="Train and draw the site's figures.")
    parser.add_argument("command", nargs="?", default="build", choices=["build", "list", "clean"])
    parser.add_argument("--only", nargs="+", metavar="ID", help="build only these figures")
    parser.add_argument("--force", action="store_true", help="retrain even when the cache is fresh")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="parallel processes (default: 2)")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda", "auto"])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/figures)")
    parser.add_argument("--cache", type=Path, default=None, help="cache folder (default: .cache/figgen)")
    parser.add_argument("--package", default="figgen.figures", help=argparse.SUPPRESS)
    return parser


def _fail(message: str, code: int = 1) -> int:
    print(f"figgen: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)  # a bad option exits 2 with argparse's one-line error
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    try:
        from figgen import builder, registry, runner
        from figgen.cache import Cache
    except ImportError as error:
        return _fail(f"missing dependency: {error.name} (install the project: pip install -e .)")
    cache = Cache(args.cache)
    try:
        all_figures = registry.figures(args.package)
        chosen = registry.select(all_figures, args.only)
        if args.command == "clean":
            cache.clean()
            import shutil

            shutil.rmtree(args.out, ignore_errors=True)
            print(f"removed {cache.root} and {args.out}")
            return 0
        from figgen import device as devices

        device = devices.resolve(args.device)
        if args.command == "list":
            for figure in chosen:
                fresh = "fresh" if builder.is_fresh(figure, args.out, device) else "stale"
                seconds = builder.last_seconds(figure, args.out)
                shown = f"{seconds:.1f} s" if seconds is not None else "-"
                print(f"{figure.id:<26} {fresh:<6} {shown:>8}  {figure.title.en} / {figure.title.ja}")
            return 0
        results = runner.run(chosen, args.out, device, args.force, args.jobs, cache, args.package)
    except runner.BuildFailed as error:
        print(error.report(), file=sys.stderr)
        return _fail(f"{len(error.failures)} figure(s) failed; the others are built")
    except registry.UnknownFigure as error:
        return _fail(str(error), 2)
    except ImportError as error:
        return _fail(f"missing dependency: {error.name} (install the project: pip install -e .)")
    except RuntimeError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return _fail("interrupted (the cache is consistent: finished figures are kept)", 130)
    built = [r for r in results if r.status != "fresh"]
    if not built:
        print(f"figgen: all {len(results)} figures fresh in {args.out}", file=sys.stderr)
    return 0
