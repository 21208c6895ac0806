"""How long a writer waits under `make serve`: from saving one page to the new text being served.

Starts `mkdocs serve` as `make serve` does, waits for the first build, then appends a marker to
one article several times and polls the served page until the marker appears. Prints each wait,
which kind of rebuild the server did (a save that changes only page text rebuilds that page alone,
kobai/live_rebuild.py; anything else rebuilds the site), and the median. With --full, each save
also touches mkdocs.yml, which forces the full rebuild every save got before. The page (and
mkdocs.yml) are restored afterwards.

    .venv/bin/python benchmarks/serve_edit.py [--page docs/basics/gradient.ja.md] [--edits 5] [--full]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="docs/basics/gradient.ja.md")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--dirty", action="store_true", help="serve with --dirty (unsupported: the build warns why)")
    parser.add_argument("--full", action="store_true", help="touch mkdocs.yml with each save: a full rebuild")
    args = parser.parse_args()
    page = ROOT / args.page
    rel = page.relative_to(ROOT / "docs").as_posix()
    lang = rel.rsplit(".", 2)[1]
    url_path = rel.rsplit(".", 2)[0] + "/"
    port = free_port()
    url = f"http://127.0.0.1:{port}/" + ("" if lang == "ja" else f"{lang}/") + url_path
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    if args.dirty:
        command.append("--dirty")
    original = page.read_text(encoding="utf-8")
    config_file = ROOT / "mkdocs.yml"
    config_times = config_file.stat()
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    waits, kinds = [], []
    try:
        start = time.perf_counter()
        while "<article" not in fetch(url):
            if time.perf_counter() - start > 300 or server.poll() is not None:
                sys.exit("mkdocs serve did not come up")
            time.sleep(0.2)
        print(f"first build served after {time.perf_counter() - start:.1f} s")
        time.sleep(2)
        for i in range(args.edits):
            marker = f"kobaiservemarker{i}x{time.time_ns()}"
            log_position = log.seek(0, os.SEEK_END)
            page.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            if args.full:
                config_file.touch()
            saved = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - saved > 120:
                    sys.exit(f"edit {i} never appeared")
                time.sleep(0.05)
            waits.append(time.perf_counter() - saved)
            time.sleep(0.5)  # the server logs after it writes
            log.seek(log_position)
            kinds.append("page only" if "kobai: rebuilt" in log.read() else "full")
            print(f"edit {i + 1}: served after {waits[-1]:.2f} s ({kinds[-1]} rebuild)")
            time.sleep(1.5)
    finally:
        page.write_text(original, encoding="utf-8")
        os.utime(config_file, ns=(config_times.st_atime_ns, config_times.st_mtime_ns))
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    kind = "dirty" if args.dirty else " / ".join(sorted(set(kinds)))
    print(f"median wait from save to served page: {statistics.median(waits):.2f} s ({kind} rebuilds)")


if __name__ == "__main__":
    main()
