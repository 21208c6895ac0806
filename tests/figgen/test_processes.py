"""figgen as separate processes: the CLI's errors, two runs at once, and runs killed with -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest


def _run(temp_figures, tmp_path, *args, env=None, **kw):
    command = [sys.executable, "-m", "figgen", *args, "--package", temp_figures.name,
               "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")]
    environment = {**os.environ, "PYTHONPATH": f"{temp_figures.root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}", **(env or {})}
    return subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _finish(process, timeout=120):
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def test_build_then_list(temp_figures, tmp_path):
    code, _, err = _finish(_run(temp_figures, tmp_path, "build"))
    assert code == 0, err
    assert "tiny: computed" in err  # not a terminal: plain log lines
    code, out, _ = _finish(_run(temp_figures, tmp_path, "list"))
    assert code == 0 and out.split()[:2] == ["tiny", "fresh"]


@pytest.mark.parametrize("args, code, needle", [
    (["build", "--only", "nope"], 2, "unknown figure id 'nope'"),
    (["build", "--jobs", "zero"], 2, "--jobs"),
    (["build", "--bogus"], 2, "unrecognized arguments: --bogus"),
    (["build", "--device", "cuda"], 1, "no CUDA device"),
])
def test_cli_errors_are_one_clear_line(temp_figures, tmp_path, args, code, needle):
    returncode, _, err = _finish(_run(temp_figures, tmp_path, *args))
    assert returncode == code
    assert needle in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def test_missing_dependency_is_one_clear_line(temp_figures, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['matplotlib'] = None\n")
    env = {"PYTHONPATH": f"{blocker}{os.pathsep}{temp_figures.root}"}
    returncode, _, err = _finish(_run(temp_figures, tmp_path, "build", env=env))
    assert returncode == 1
    assert "missing dependency: matplotlib" in err and "Traceback" not in err


def test_two_runs_at_once_compute_once_and_both_succeed(temp_figures, tmp_path):
    counter = tmp_path / "counter"
    env = {"FIGGEN_TEST_COUNTER": str(counter), "FIGGEN_TEST_DELAY": "1.5"}
    first, second = _run(temp_figures, tmp_path, "build", env=env), _run(temp_figures, tmp_path, "build", env=env)
    assert _finish(first)[0] == 0 and _finish(second)[0] == 0
    assert counter.read_text().count("computed") == 1
    json.loads((tmp_path / "out" / "tiny" / "data.json").read_text())


def _consistent(tmp_path) -> None:
    """Every cache entry is whole JSON; every published figure folder is complete."""
    for entry in (tmp_path / "cache" / "data").glob("*.json"):
        json.loads(entry.read_text())
    out = tmp_path / "out"
    for folder in out.iterdir() if out.exists() else []:
        if folder.name.startswith("."):
            continue  # a temporary folder of a killed run: never read, swept by the next build
        names = {p.name for p in folder.iterdir()}
        assert {"tiny.ja.svg", "tiny.en.svg", "data.json", "data.csv", ".stamp"} <= names, names
        json.loads((folder / "data.json").read_text())


@pytest.mark.parametrize("delay", [0.3, 1.0, 1.6, 2.2, 3.0])
def test_kill_9_at_any_moment_leaves_a_consistent_cache(temp_figures, tmp_path, delay):
    env = {"FIGGEN_TEST_DELAY": "1.0"}
    process = _run(temp_figures, tmp_path, "build", "--force", env=env)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _consistent(tmp_path)
    code, _, err = _finish(_run(temp_figures, tmp_path, "build"))  # the next run completes the work
    assert code == 0, err
    _consistent(tmp_path)
    assert (tmp_path / "out" / "tiny" / ".stamp").exists()
