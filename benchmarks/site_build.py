"""How long the site takes to build, warm and with the site plugin's caches cleared.

    .venv/bin/python benchmarks/site_build.py [--runs 3]

- warm: every cache full (figures, executed notebooks, segmented search words): the edit loop.
- plain Material: the same Markdown pages (every docs/**/*.md of both languages, the generated
  glossary, gallery and reference pages included) built by Material for MkDocs with the same
  Markdown extensions and no plugins, in the same run: the yardstick of the warm build (target:
  warm <= 1.3x plain). Notebooks are not Markdown pages and are left out of the plain build.
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


def plain_material_project(root: Path) -> Path:
    """A copy of the site's Markdown pages with a Material-only mkdocs.yml; returns its config."""
    import yaml

    docs = root / "docs"
    for page in (ROOT / "docs").rglob("*.md"):
        target = docs / page.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)  # has !!python tags
    config = {"site_name": "plain", "docs_dir": "docs", "theme": {"name": "material", "language": "ja"},
              "markdown_extensions": ours["markdown_extensions"], "plugins": []}
    path = root / "mkdocs.yml"
    path.write_text(yaml.dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build_plain(config: Path, site_dir: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "--site-dir", str(site_dir)],
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm-only", action="store_true", help="skip the cold builds (notebooks executed again)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)  # fill every cache first (and write the generated pages the plain build copies)
        plain_config = plain_material_project(Path(tmp) / "plain")
        build_plain(plain_config, Path(tmp) / "plain-site")
        warm, plain = [], []
        for _ in range(args.runs):  # interleaved, so that both see the same machine load
            warm.append(build(site))
            plain.append(build_plain(plain_config, Path(tmp) / "plain-site"))
        plain_pages = sum(1 for _ in (Path(tmp) / "plain" / "docs").rglob("*.md"))
        cold = []
        for _ in range(0 if args.warm_only else args.runs):
            for cache in (ROOT / ".cache" / "mkdocs-jupyter", ROOT / ".cache" / "kobai"):
                shutil.rmtree(cache, ignore_errors=True)
            cold.append(build(site))
        index = {"docs": [doc for part in sorted((site / "search").glob("search_index.*.json"))
                          for doc in json.loads(part.read_text(encoding="utf-8"))["docs"]]}
        pages = sum(1 for _ in site.rglob("index.html"))
    print(f"pages built (both languages):          {pages}")
    print(f"search index entries:                  {len(index['docs'])}")
    print(f"warm build, median of {args.runs}:               {statistics.median(warm):6.2f} s  {[round(t, 2) for t in warm]}")
    print(f"plain Material ({plain_pages} .md pages), median:   {statistics.median(plain):6.2f} s  {[round(t, 2) for t in plain]}")
    print(f"ratio warm/plain Material:             {statistics.median(warm) / statistics.median(plain):6.2f}  (target <= 1.30)")
    if cold:
        print(f"notebooks + search cold, median of {args.runs}:  {statistics.median(cold):6.2f} s  {[round(t, 2) for t in cold]}")
        print(f"ratio cold/warm:                       {statistics.median(cold) / statistics.median(warm):6.2f}")


if __name__ == "__main__":
    main()
