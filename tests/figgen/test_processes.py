"""figgen as separate processes: the CLI's errors, two runs at once, and runs killed with -9.

Each kill lands at a known stage: the tiny figure (conftest.py) writes a marker to the file named
by FIGGEN_TEST_STAGES as it reaches each stage and then sleeps; the test waits for the marker,
kills the build's process group with SIGKILL, checks what must hold at that stage, then checks
that the next run finishes the work and leaves nothing of the killed one behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from figgen import builder
from figgen.cache import Cache


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


PUBLISHED = {"tiny.ja.svg", "tiny.en.svg", "data.json", "data.csv", ".stamp"}


def _consistent(tmp_path) -> None:
    """Every cache entry is whole JSON; every published figure folder is complete."""
    for entry in (tmp_path / "cache" / "data").glob("*.json"):
        json.loads(entry.read_text())
    out = tmp_path / "out"
    for folder in out.iterdir() if out.exists() else []:
        if folder.name.startswith("."):
            continue  # a temporary folder of a killed run: never read, swept by the next build
        names = {p.name for p in folder.iterdir()}
        assert PUBLISHED <= names, names
        json.loads((folder / "data.json").read_text())


STAGE_TIMEOUT = 60.0  # seconds a build may take to reach a stage (it starts by importing torch)


def _stages(path) -> list[str]:
    """The stage markers the tiny figure wrote (whole lines only)."""
    try:
        text = path.read_text()
    except FileNotFoundError:
        return []
    return text[:text.rfind("\n") + 1].splitlines()


def _lines(path) -> int:
    return path.read_text().count("computed") if path.exists() else 0


def _kill_at(process, stages, marker: str) -> None:
    """Wait until the build has written `marker` to its stage file, then kill -9 it (its whole
    process group: a worker it may have spawned dies too). The figure sleeps right after each
    marker, so the kill lands in that stage; the stage file is checked afterwards to prove it."""
    deadline = time.monotonic() + STAGE_TIMEOUT
    while marker not in _stages(stages):
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"the build ended (exit {process.returncode}) before stage {marker!r}; "
                        f"stages seen: {_stages(stages)}\n{err}")
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"the build never reached stage {marker!r} in {STAGE_TIMEOUT:.0f} s; "
                        f"stages seen: {_stages(stages)}")
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    seen = _stages(stages)
    assert seen[-1] == marker, f"killed after stage {marker!r}, but the build had gone on: {seen}"


def _leftovers(tmp_path) -> list[str]:
    """What killed runs leave: `.<name>.tmp-*` / `.<name>.old-*` folders beside a published folder,
    and temporary files of atomic writes (`.<name>.<random>.tmp`) in the out folder or the cache."""
    found = []
    for root in (tmp_path / "out", tmp_path / "cache"):
        for path in root.rglob(".*") if root.exists() else []:
            if ".tmp-" in path.name or ".old-" in path.name or path.name.endswith(".tmp"):
                found.append(str(path.relative_to(tmp_path)))
    return sorted(found)


def _entries(tmp_path) -> list:
    return sorted((tmp_path / "cache" / "data").glob("tiny-*.json"))


def _published(tmp_path) -> dict[str, bytes]:
    folder = tmp_path / "out" / "tiny"
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}


def _build(temp_figures, tmp_path, *args, env) -> str:
    """A build that must succeed; its stderr."""
    code, _, err = _finish(_run(temp_figures, tmp_path, "build", "--jobs", "1", *args, env=env))
    assert code == 0, err
    return err


def _start(temp_figures, tmp_path, *args, env):
    return _run(temp_figures, tmp_path, "build", "--jobs", "1", *args, env=env, start_new_session=True)


def _after_next_run(tmp_path) -> None:
    """What every case ends with: consistent, published, and nothing left of the killed run."""
    _consistent(tmp_path)
    assert set(_published(tmp_path)) == PUBLISHED
    assert _leftovers(tmp_path) == []


def test_kill_9_during_compute_leaves_nothing_and_the_next_run_computes(temp_figures, tmp_path):
    counter, stages = tmp_path / "counter", tmp_path / "stages"
    env = {"FIGGEN_TEST_COUNTER": str(counter), "FIGGEN_TEST_STAGES": str(stages), "FIGGEN_TEST_DELAY": "60"}
    _kill_at(_start(temp_figures, tmp_path, env=env), stages, "compute-start")
    assert _stages(stages) == ["compute-start"] and _lines(counter) == 1
    # Nothing is written before compute returns: no cache entry, nothing in the out folder.
    assert _entries(tmp_path) == []
    out = tmp_path / "out"
    assert not out.exists() or list(out.iterdir()) == []
    _consistent(tmp_path)

    stages.unlink()
    err = _build(temp_figures, tmp_path, env={**env, "FIGGEN_TEST_DELAY": "0"})
    assert "tiny: computed" in err
    assert _lines(counter) == 2
    assert _stages(stages) == ["compute-start", "compute-end", "draw-ja", "draw-en"]
    assert len(_entries(tmp_path)) == 1
    _after_next_run(tmp_path)


def test_kill_9_during_draw_keeps_the_computed_data_and_the_next_run_only_draws(temp_figures, tmp_path):
    counter, stages = tmp_path / "counter", tmp_path / "stages"
    env = {"FIGGEN_TEST_COUNTER": str(counter), "FIGGEN_TEST_STAGES": str(stages), "FIGGEN_TEST_DRAW_DELAY_EN": "60"}
    # Killed while drawing the second language: the first one is already in the temporary folder.
    _kill_at(_start(temp_figures, tmp_path, env=env), stages, "draw-en")
    assert _stages(stages) == ["compute-start", "compute-end", "draw-ja", "draw-en"] and _lines(counter) == 1
    # builder.build stores the cache entry (atomically) before it draws: it is there, whole.
    entries = _entries(tmp_path)
    assert len(entries) == 1, f"no cache entry after compute ended, while drawing: {entries}"
    entry = entries[0]
    data = json.loads(entry.read_text())
    assert [s["name"] for s in data["series"]] == ["line", "broken"]
    assert data["series"][0]["y"] == [0.0, 1.0, 4.0, 9.0, 16.0]
    assert data["series"][1]["y"] == [1.0, None, None, 2.0]
    # Never published; the half-assembled folder beside it (so the sweep checked below is real).
    out = tmp_path / "out"
    assert not (out / "tiny").exists()
    [partial] = out.glob(".tiny.tmp-*")
    assert {p.name for p in partial.iterdir()} == {"tiny.ja.svg"}
    _consistent(tmp_path)

    stages.unlink()
    err = _build(temp_figures, tmp_path, env={**env, "FIGGEN_TEST_DRAW_DELAY_EN": "0"})
    assert "tiny: drawn" in err and "tiny: computed" not in err
    assert _lines(counter) == 1  # not computed again
    assert _stages(stages) == ["draw-ja", "draw-en"]
    assert _entries(tmp_path) == [entry]
    published = json.loads((out / "tiny" / "data.json").read_text())
    assert published["series"] == data["series"]  # drawn from the stored entry
    _after_next_run(tmp_path)


@pytest.mark.parametrize("marker, delay", [("compute-start", "FIGGEN_TEST_DELAY"),
                                           ("draw-ja", "FIGGEN_TEST_DRAW_DELAY")])
def test_kill_9_during_a_forced_rebuild_keeps_the_published_figure(temp_figures, tmp_path, monkeypatch, marker, delay):
    counter, stages = tmp_path / "counter", tmp_path / "stages"
    env = {"FIGGEN_TEST_COUNTER": str(counter), "FIGGEN_TEST_STAGES": str(stages)}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    [figure] = temp_figures.figures()
    # The first, complete build runs in this process (saves a process start); the same files.
    assert builder.build(figure, tmp_path / "out", "cpu", cache=Cache(tmp_path / "cache")).status == "computed"
    before, [entry] = _published(tmp_path), _entries(tmp_path)
    assert set(before) == PUBLISHED
    cached = entry.read_bytes()

    stages.unlink()
    _kill_at(_start(temp_figures, tmp_path, "--force", env={**env, delay: "60"}), stages, marker)
    assert _lines(counter) == 2
    # The published folder is the previous one, byte for byte, and still reads as fresh.
    assert _published(tmp_path) == before
    assert builder.is_fresh(figure, tmp_path / "out", "cpu")
    json.loads(before["data.json"])
    assert _entries(tmp_path) == [entry]
    if marker == "compute-start":
        assert entry.read_bytes() == cached  # not stored yet
    else:  # stored again before drawing (same hash; only meta.seconds differs), whole
        assert json.loads(entry.read_text())["series"] == json.loads(cached)["series"]
    _consistent(tmp_path)

    stages.unlink()
    if marker == "compute-start":
        # Killed before anything was written: the next plain run finds the figure fresh.
        err = _build(temp_figures, tmp_path, env=env)
        assert "all 1 figures fresh" in err and _stages(stages) == [] and _lines(counter) == 2
        assert _published(tmp_path) == before
    else:
        # Killed while assembling the new folder beside the old one. A plain run would find the
        # figure fresh and not touch its folder, so the leftover would stay until the figure is
        # next written; the next writer (here a forced run) sweeps it.
        assert len(list((tmp_path / "out").glob(".tiny.tmp-*"))) == 1
        err = _build(temp_figures, tmp_path, "--force", env=env)
        assert "tiny: computed" in err and _lines(counter) == 3
        assert _stages(stages) == ["compute-start", "compute-end", "draw-ja", "draw-en"]
    _after_next_run(tmp_path)
