"""How long the site takes to build, warm and with the site plugin's caches cleared.

    .venv/bin/python benchmarks/site_build.py [--runs 3]

- warm: every cache full (figures, executed notebooks, segmented search words): the edit loop.
- cold notebooks + search: .cache/mkdocs-jupyter and .cache/kobai removed before each run, so
  both notebooks execute again and janome segments the whole index again. (Cold figure training
  is measured by benchmarks/figgen_bench.py.)
Reports the median of --runs builds each, and the size of the Japanese segmentation step. Timings
on a shared 2-core machine are noisy: compare medians and ratios from one run of this script.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(site_dir: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)  # fill every cache first
        warm = [build(site) for _ in range(args.runs)]
        cold = []
        for _ in range(args.runs):
            for cache in (ROOT / ".cache" / "mkdocs-jupyter", ROOT / ".cache" / "kobai"):
                shutil.rmtree(cache, ignore_errors=True)
            cold.append(build(site))
        index = {"docs": [doc for part in sorted((site / "search").glob("search_index.*.json"))
                          for doc in json.loads(part.read_text(encoding="utf-8"))["docs"]]}
        pages = sum(1 for _ in site.rglob("index.html"))
    print(f"pages built (both languages):          {pages}")
    print(f"search index entries:                  {len(index['docs'])}")
    print(f"warm build, median of {args.runs}:               {statistics.median(warm):6.2f} s  {[round(t, 2) for t in warm]}")
    print(f"notebooks + search cold, median of {args.runs}:  {statistics.median(cold):6.2f} s  {[round(t, 2) for t in cold]}")
    print(f"ratio cold/warm:                       {statistics.median(cold) / statistics.median(warm):6.2f}")


if __name__ == "__main__":
    main()
