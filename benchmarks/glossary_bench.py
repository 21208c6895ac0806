"""Glossary speed: validation + page generation for N synthetic terms (default 5 000).

    .venv/bin/python benchmarks/glossary_bench.py [--terms 5000] [--runs 3]

Synthetic terms look like real ones (both languages, synonyms, 6 relations each, mutual
antonym pairs); page generation scans the site's real articles for each term ("appears in"). Reports the median of --runs for: loading + validating every file, rendering
every page (2 languages × N + 2 indexes), and both together; and the scaling from N/4 to N
(linear is ≈ 4×). Target on this 2-core machine: ≤ 2 s for 5 000 terms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from glossary.pages import render_all
from glossary.validate import load_glossary

KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"


def synthetic(folder: Path, count: int) -> None:
    for i in range(count):
        reading = "".join(KANA[(i * 7 + k * 3) % len(KANA)] for k in range(6))
        partner = i + 1 if i % 2 == 0 else i - 1
        related = ", ".join(f"t{(i + k) % count}" for k in (2, 3, 5))
        cooccurring = ", ".join(f"t{(i + k) % count}" for k in (7, 11))
        antonyms = f"[t{partner}]" if partner < count else "[]"
        (folder / f"t{i}.yaml").write_text(
            f"id: t{i}\nja:\n  term: 用語{i}\n  reading: {reading}\n  gloss: 合成した用語 {i} の一行説明。\n"
            f"  definition: >-\n    合成した用語 {i} の定義。勾配が層を遡るときの振る舞いを説明する文がここに入る。\n"
            f"  synonyms: [別名{i}a, 別名{i}b]\nen:\n  term: term {i}\n  gloss: Synthetic term {i}, one line.\n"
            f"  definition: >-\n    The definition of synthetic term {i}, about how gradients behave on the way back.\n"
            f"  synonyms: [alias {i}]\nantonyms: {antonyms}\ncooccurring: [{cooccurring}]\nrelated: [{related}]\n"
            f"sources: [\"001\"]\n", encoding="utf-8")


def measure(count: int, runs: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        terms_dir = Path(tmp) / "terms"
        terms_dir.mkdir()
        docs = Path(__file__).resolve().parents[1] / "docs"  # the real articles: "appears in" is scanned
        synthetic(terms_dir, count)
        load, render = [], []
        for _ in range(runs):
            start = time.perf_counter()
            terms = load_glossary(terms_dir)
            middle = time.perf_counter()
            render_all(terms, docs, "glossary", figures_enabled=False)
            load.append(middle - start)
            render.append(time.perf_counter() - middle)
    return statistics.median(load), statistics.median(render)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    small_load, small_render = measure(args.terms // 4, args.runs)
    load, render = measure(args.terms, args.runs)
    print(f"glossary benchmark, median of {args.runs} runs")
    print(f"  {args.terms:>6} terms: validate {load:6.2f} s + pages {render:6.2f} s = {load + render:6.2f} s  (target ≤ 2 s)")
    print(f"  {args.terms // 4:>6} terms: validate {small_load:6.2f} s + pages {small_render:6.2f} s = {small_load + small_render:6.2f} s")
    print(f"  scaling ×4 terms → ×{(load + render) / (small_load + small_render):.2f} time (linear ≈ 4)")


if __name__ == "__main__":
    main()
