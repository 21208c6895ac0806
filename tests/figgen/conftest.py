"""Fixtures for figgen: a temporary figures package with a tiny, fast figure (no training), and
the three real figures built once per session (through the repo's cache, as the site build does).

The tiny figure reports on itself through files only it writes, for tests that run it in another
process: FIGGEN_TEST_COUNTER gets a line "computed" per compute; FIGGEN_TEST_STAGES gets one
line per stage reached ("compute-start", "compute-end" after FIGGEN_TEST_DELAY seconds, then
"draw-ja", "draw-en", each followed by FIGGEN_TEST_DRAW_DELAY seconds, or for one language
FIGGEN_TEST_DRAW_DELAY_JA / _EN seconds where set)."""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TINY = textwrap.dedent('''
    import os
    import time

    from figgen.figure import Figure, Series, Text

    CONFIG = {"seed": 0, "n": 5}


    def _stage(name):
        """Test hook: append a stage marker to the file named by FIGGEN_TEST_STAGES, if set."""
        stages = os.environ.get("FIGGEN_TEST_STAGES")
        if stages:
            with open(stages, "a") as handle:
                handle.write(name + "\\n")


    def compute(config, ctx):
        counter = os.environ.get("FIGGEN_TEST_COUNTER")
        if counter:
            with open(counter, "a") as handle:
                handle.write("computed\\n")
        _stage("compute-start")
        time.sleep(float(os.environ.get("FIGGEN_TEST_DELAY", "0")))
        _stage("compute-end")
        n = config["n"]
        return [Series("line", list(range(n)), [float(i) ** 2 for i in range(n)]),
                Series("broken", [0, 1, 2, 3], [1.0, float("nan"), float("inf"), 2.0])]


    def draw(series, lang, config):
        _stage(f"draw-{lang}")
        delay = os.environ.get(f"FIGGEN_TEST_DRAW_DELAY_{lang.upper()}", os.environ.get("FIGGEN_TEST_DRAW_DELAY", "0"))
        time.sleep(float(delay))
        import matplotlib.pyplot as plt

        from figgen.style import plot_series

        fig, ax = plt.subplots(figsize=(3, 2))
        plot_series(ax, series["line"], "線" if lang == "ja" else "line")
        plot_series(ax, series["broken"], "欠損" if lang == "ja" else "broken")
        ax.set_title("小さな図" if lang == "ja" else "tiny")
        return fig


    FIGURE = Figure(
        id="tiny", title=Text(ja="小さな図", en="Tiny"), caption=Text(ja="説明文。", en="A caption."),
        alt=Text(ja="代替テキスト", en="alt text"), compute=compute, draw=draw, config=CONFIG, terms=("gradient",),
    )
''')


class TempFigures:
    """A figures package on sys.path whose files a test may edit."""

    def __init__(self, root: Path, name: str) -> None:
        self.root, self.name = root, name
        self.dir = root / name
        self.dir.mkdir()
        (self.dir / "__init__.py").write_text("", encoding="utf-8")

    def write(self, module: str, source: str) -> Path:
        path = self.dir / f"{module}.py"
        path.write_text(source, encoding="utf-8")
        self.forget()
        return path

    def edit(self, module: str, old: str, new: str) -> None:
        path = self.dir / f"{module}.py"
        source = path.read_text(encoding="utf-8")
        assert old in source, old
        self.write(module, source.replace(old, new))

    def forget(self) -> None:
        """Drop the package from sys.modules, so the registry imports the edited files."""
        for key in [k for k in sys.modules if k == self.name or k.startswith(self.name + ".")]:
            del sys.modules[key]
        importlib.invalidate_caches()

    def figures(self):
        from figgen import registry

        self.forget()
        return registry.figures(self.name)


@pytest.fixture
def temp_figures(tmp_path, monkeypatch, request):
    name = "figgen_test_figures_" + request.node.name.replace("[", "_").replace("]", "_").replace("-", "_")[:40]
    monkeypatch.syspath_prepend(str(tmp_path))
    package = TempFigures(tmp_path, name)
    package.write("tiny", TINY)
    yield package
    package.forget()


@pytest.fixture(scope="session")
def figure_data(tmp_path_factory):
    """`figure_data("id")`: build that one real figure (through the repo's cache, as the site
    build does) and return its published data.json as a dict. Built at most once per session."""
    import json

    from figgen import registry, runner
    from figgen.cache import Cache

    out = tmp_path_factory.mktemp("one-figure")
    all_figures = registry.figures()

    def load(figure_id: str) -> dict:
        path = out / figure_id / "data.json"
        if not path.exists():
            runner.run(registry.select(all_figures, [figure_id]), out, "cpu", False, 1, Cache(ROOT / ".cache" / "figgen"))
        return json.loads(path.read_text(encoding="utf-8"))

    return load


@pytest.fixture(scope="session")
def real_figures(tmp_path_factory):
    """The three real figures built into a temporary folder, through the repo's cache."""
    from figgen import registry, runner
    from figgen.cache import Cache

    out = tmp_path_factory.mktemp("figures")
    figures = registry.figures()
    runner.run(figures, out, "cpu", False, 2, Cache(ROOT / ".cache" / "figgen"))
    return out
