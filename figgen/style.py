"""One plotting style for every figure, in Japanese and English.

Japanese glyphs come from IPAexGothic (matplotlib-fontja); SVG text is stored as paths, so the
figures look the same in a browser that has no Japanese font (no tofu). Non-finite values are
drawn as a visible break with a marker, never silently dropped.
"""

from __future__ import annotations

import contextlib
import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import matplotlib_fontja  # noqa: E402,F401  registers IPAexGothic

# Colour-blind-safe (Okabe–Ito), one colour per named series across all figures.
COLORS = {
    "sigmoid": "#0072B2", "tanh": "#E69F00", "relu": "#009E73", "leaky-relu": "#CC79A7",
    "swish": "#D55E00", "xavier": "#0072B2", "he": "#009E73",
}
RC = {
    "font.family": ["IPAexGothic", "DejaVu Sans"],
    "svg.fonttype": "path",
    "svg.hashsalt": "figgen",  # stable ids inside the SVG: identical runs give identical files
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "figure.dpi": 100,
    "axes.unicode_minus": False,  # IPAexGothic has no U+2212
}


@contextlib.contextmanager
def figure_style():
    """Matplotlib defaults reset, then the figgen style: no state leaks between figures."""
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(RC)
        yield


def color(name: str) -> str:
    base = name.removeprefix("d-")
    return COLORS.get(base, "#444444")


def plot_series(ax, series, label: str, **style):
    """Plot one series; NaN/inf break the line and are marked with ✕ on the x axis."""
    line, = ax.plot(series.x, [y if math.isfinite(y) else float("nan") for y in series.y], label=label, **style)
    bad = [x for x, y in zip(series.x, series.y) if not math.isfinite(y)]
    if bad:
        ax.plot(bad, [0.0] * len(bad), linestyle="none", marker="x", color=line.get_color(),
                transform=ax.get_xaxis_transform(), clip_on=False, markersize=6)
    return line


def save_svg(fig, path) -> tuple[int, int]:
    """Write `fig` as SVG without a timestamp; return its size in CSS pixels (for width/height)."""
    fig.savefig(path, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)
    with open(path, encoding="utf-8") as handle:
        head = handle.read(2000)
    size = [float(re.search(f'{attr}="([0-9.]+)pt"', head).group(1)) * 96 / 72 for attr in ("width", "height")]
    return int(round(size[0])), int(round(size[1]))
