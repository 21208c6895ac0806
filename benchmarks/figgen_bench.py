"""figgen speed: cold full run, warm no-op run, one figure edited; per-figure seconds, peak memory.

    .venv/bin/python benchmarks/figgen_bench.py [--jobs 2] [--runs 3]

Each run is a fresh `python -m figgen` process on a temporary cache and output folder (the repo's
own cache is not touched). "Edited" appends a comment to one figure's compute code in a temporary
copy of the figures package, so exactly that figure retrains. Peak memory is the largest
resident set of the process and its workers (getrusage). Medians of --runs; timings on a shared
2-core machine are noisy, compare them within one run of this script.
Targets (this machine): cold ≤ 60 s with --jobs 2, no-op ≤ 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one figgen process (and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "figgen", *args], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        package = tmp / "bench_figures"
        shutil.copytree(ROOT / "figgen" / "figures", package)
        env = {**os.environ, "PYTHONPATH": f"{tmp}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
        common = ["--package", "bench_figures", "--jobs", str(args.jobs)]
        cold, noop, edited, peaks = [], [], [], []
        for i in range(args.runs):
            out, cache = tmp / f"out{i}", tmp / f"cache{i}"
            paths = ["--out", str(out), "--cache", str(cache)]
            seconds, peak = run(["build", *common, *paths], env)
            cold.append(seconds)
            peaks.append(peak)
            noop.append(run(["build", *common, *paths], env)[0])
            target = package / "vanishing_depth.py"
            target.write_text(target.read_text() + f"\n# benchmark edit {i}\n")
            edited.append(run(["build", *common, *paths], env)[0])
        per_figure = {}
        for folder in sorted((tmp / "out0").iterdir()):
            per_figure[folder.name] = json.loads((folder / "data.json").read_text())["meta"]["seconds"]
    print(f"figgen benchmark: {len(per_figure)} figures, --jobs {args.jobs}, median of {args.runs} runs")
    print(f"  cold full run        {statistics.median(cold):7.2f} s   {[round(t, 2) for t in cold]}  (target ≤ 60 s)")
    print(f"  warm no-op run       {statistics.median(noop):7.2f} s   {[round(t, 2) for t in noop]}  (target ≤ 1 s)")
    print(f"  one figure edited    {statistics.median(edited):7.2f} s   {[round(t, 2) for t in edited]}  (vanishing-depth retrains)")
    print(f"  peak memory          {max(peaks):7.0f} MiB (largest process)")
    for figure_id, seconds in per_figure.items():
        print(f"  compute {figure_id:<24} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
