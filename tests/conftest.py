"""Session fixtures shared by the build tests (tests/site) and the browser tests (tests/browser).

`built_site` builds the real site once per test session with `mkdocs build --strict`, in a
subprocess (plugins keep module state; a fresh interpreter is what `make site` runs). Set
KOBAI_SITE_DIR to a folder built beforehand to skip the build while iterating locally.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell that a test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    prebuilt = os.environ.get("KOBAI_SITE_DIR")
    if prebuilt:
        return Path(prebuilt)
    site_dir = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}")
    (site_dir / ".build-log.txt").write_text(result.stderr, encoding="utf-8")
    return site_dir
