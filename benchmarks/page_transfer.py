"""What Chromium transfers on each page's first load, on a phone's screen: every page of a built site.

benchmarks/lighthouse.py measures 10 pages; benchmarks/page_weight.py adds up every page without a
browser, counting every lazy image (an upper bound). This loads every page of a built site in
Debian's Chromium with Lighthouse's phone screen (412×823 CSS px, device pixel ratio 1.75), served
with gzip by lighthouse.py's server, waits until the network is idle (and the page's fonts are
ready), and adds up the bytes of every response: body as sent (gzip where the server compresses)
plus headers, as Lighthouse's "total byte weight" does. Lazy images count only if Chromium fetched
them (it fetches those within 1 250–2 500 px of the screen). Nothing is typed into search, so the
search documents are not fetched. A page that logs a failed request stops the script.

    .venv/bin/python benchmarks/page_transfer.py [--site DIR] [--limit 150] [--only SUBSTRING]

Prints the number of pages, the median and maximum, the 15 heaviest pages with their three largest
responses, and every page over --limit KiB. Exit status 1 when a page is over the limit.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lighthouse import CHROME_FLAGS, CHROMIUM, GzipHandler, build  # noqa: E402

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}


def page_urls(site: Path) -> list[str]:
    """Every page of the site as a URL path (redirect pages left out)."""
    paths = []
    for html in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in html.read_text(encoding="utf-8", errors="replace")[:2000]:
            continue
        rel = html.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


def measure(browser, base: str, path: str) -> tuple[int, list[tuple[int, str]]]:
    """(total bytes, [(bytes, url) of each response]) for one page's first load."""
    context = browser.new_context(**PHONE)
    responses, failures = [], []
    try:
        page = context.new_page()

        def finished(request):
            sizes = request.sizes()
            responses.append((sizes["responseBodySize"] + sizes["responseHeadersSize"], request.url))

        page.on("requestfinished", finished)
        page.on("requestfailed", lambda request: failures.append(f"{request.url} ({request.failure})"))
        page.goto(base + path, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    if failures:
        sys.exit(f"{path}: failed requests: {failures}")
    return sum(size for size, _ in responses), sorted(responses, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--limit", type=float, default=150, help="KiB a page may transfer (default 150)")
    parser.add_argument("--only", help="only the pages whose path contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        from playwright.sync_api import sync_playwright

        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split(), headless=True)
            for path in page_urls(site):
                if args.only is None or args.only in path:
                    results[path] = measure(browser, base, path)
            browser.close()
        server.shutdown()
    totals = sorted(((total / 1024, path) for path, (total, _) in results.items()), reverse=True)
    print(f"{len(totals)} pages: median {statistics.median(t for t, _ in totals):.1f} KiB, "
          f"max {totals[0][0]:.1f} KiB ({totals[0][1] or '/'}), limit {args.limit:g} KiB\n")
    print("the 15 heaviest (KiB, with their three largest responses):")
    for total, path in totals[:15]:
        largest = ", ".join(f"{url.rsplit('/', 1)[-1] or 'page'} {size / 1024:.1f}" for size, url in results[path][1][:3])
        print(f"  {total:7.1f}  {path or '/':40s} {largest}")
    over = [(total, path) for total, path in totals if total > args.limit]
    print(f"\n{len(over)} over the limit of {args.limit:g} KiB" + (":" if over else ""))
    for total, path in over:
        print(f"  {total:7.1f}  {path or '/'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
