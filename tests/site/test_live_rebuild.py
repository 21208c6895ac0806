"""`mkdocs serve` with page-only rebuilds (kobai/live_rebuild.py), on a copy of the real project.

A saved page must be served exactly as a full build would serve it: same tooltips, same math,
same navigation. A save that changes a page's title, or anything besides page text, must rebuild
the whole site. The copy shares the figure outputs and caches of this checkout (build/, .cache/),
which `built_site` has made fresh, so no figure is trained here.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = "docs/basics/gradient.ja.md"
ADDED = "\n\nkobaimarker{n}: 勾配消失は $\\sigma'(z) \\le \\tfrac14$ の積で起こる。\n"

pytestmark = pytest.mark.slow


def _copy_project(target: Path) -> Path:
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copytree(ROOT / "glossary" / "terms", target / "glossary" / "terms")
    (target / "bibliography").mkdir()
    shutil.copy2(ROOT / "bibliography" / "references.yaml", target / "bibliography")
    shutil.copy2(ROOT / "mkdocs.yml", target)
    for shared in ("build", ".cache"):  # trained figures and caches: read, never retrained
        (target / shared).symlink_to(ROOT / shared, target_is_directory=True)
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    """The served page, without the build counter the live-reload script carries."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return re.sub(r"livereload\(\d+, \d+\)", "livereload(…)", response.read().decode("utf-8"))
    except OSError:
        return ""


class Server:
    def __init__(self, root: Path):
        self.port = _free_port()
        self.log_path = root / "serve.log"
        self._log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"], cwd=root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=self._log,
            start_new_session=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def builds(self) -> int:
        """Builds finished since the server started: full ones (the first included) and page-only ones."""
        log = self.log()
        return log.count("Documentation built in") + log.count("kobai: rebuilt")

    def wait_for_builds(self, count: int, timeout: float = 600) -> None:
        start = time.monotonic()
        while self.builds() < count:
            assert self.process.poll() is None, self.log()[-4000:]
            assert time.monotonic() - start < timeout, self.log()[-4000:]
            time.sleep(0.2)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)
        self._log.close()


@pytest.fixture
def server(built_site, tmp_path):
    served = Server(_copy_project(tmp_path))
    served.root = tmp_path
    served.wait_for_builds(1)
    yield served
    served.stop()


def test_saved_pages_are_served_as_a_full_build_serves_them(server):
    page_only = {}
    for n, (source, url) in enumerate([(PAGE, "basics/gradient/"), (PAGE.replace(".ja.", ".en."), "en/basics/gradient/")], 1):
        page = server.root / source
        page.write_text(page.read_text(encoding="utf-8") + ADDED.format(n=n), encoding="utf-8")
        server.wait_for_builds(1 + n)
        assert f"kobai: rebuilt {Path(source).relative_to('docs').as_posix()}" in server.log()
        page_only[url] = _fetch(server.url(url))
        assert f"kobaimarker{n}" in page_only[url]
        assert 'class="katex"' in page_only[url] and 'class="glossary-term"' in page_only[url]

    (server.root / "mkdocs.yml").touch()  # not page text: the whole site is built again
    server.wait_for_builds(4)
    assert server.log().count("kobai: rebuilt") == 2
    for url, served in page_only.items():
        assert _fetch(server.url(url)) == served, url


def test_a_changed_title_or_a_new_page_rebuilds_the_site(server):
    page = server.root / PAGE
    source = page.read_text(encoding="utf-8")
    title = source.splitlines()[0]
    assert title.startswith("# ")
    page.write_text(source.replace(title, title + "（改題）", 1), encoding="utf-8")
    server.wait_for_builds(2)
    assert "changed its title or front matter: full rebuild" in server.log()
    assert "（改題）" in _fetch(server.url(""))  # the home page's navigation shows the new title

    new_page = server.root / "docs" / "basics" / "scratch.ja.md"
    new_page.write_text("# 下書き\n\nkobaimarker2\n", encoding="utf-8")
    server.wait_for_builds(3)
    assert "kobai: rebuilt" not in server.log()
    assert "kobaimarker2" in _fetch(server.url("basics/scratch/"))
