"""Activation functions and their derivatives, the derivatives taken by autograd."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

CONFIG = {"seed": 0, "x_min": -6.0, "x_max": 6.0, "points": 241, "leaky_slope": 0.01}  # x step 0.05: x = 0 is a sample
NAMES = ["sigmoid", "tanh", "relu", "leaky-relu", "swish"]


def compute(config: dict, ctx) -> list[Series]:
    import torch

    slope = config["leaky_slope"]
    functions = {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "leaky-relu": lambda t: torch.nn.functional.leaky_relu(t, slope),
        "swish": lambda t: t * torch.sigmoid(t),
    }
    x = torch.linspace(config["x_min"], config["x_max"], config["points"], dtype=torch.float64, requires_grad=True)
    values, derivatives = [], []
    for i, name in enumerate(NAMES):
        y = functions[name](x)
        (dy,) = torch.autograd.grad(y.sum(), x)  # elementwise functions: d(sum)/dx_i = f'(x_i)
        values.append(Series(name, x.tolist(), y.tolist()))
        derivatives.append(Series(f"d-{name}", x.tolist(), dy.tolist()))
        ctx.progress((i + 1) / len(NAMES))
    return values + derivatives


def draw(series: dict, lang: str, config: dict):
    import matplotlib.pyplot as plt

    from figgen.style import color, plot_series

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
    labels = {"sigmoid": "シグモイド" if lang == "ja" else "sigmoid", "tanh": "tanh", "relu": "ReLU",
              "leaky-relu": "Leaky ReLU", "swish": "Swish"}
    for name in NAMES:
        dashed = {"linestyle": "--"} if name == "leaky-relu" else {}  # it would hide ReLU where they agree
        plot_series(left, series[name], labels[name], color=color(name), linewidth=1.8, **dashed)
        plot_series(right, series[f"d-{name}"], labels[name], color=color(name), linewidth=1.8, **dashed)
    right.axhline(0.25, color="#0072B2", linestyle=":", linewidth=1)
    right.annotate("0.25", xy=(config["x_max"], 0.25), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
    text = {
        "ja": ("活性化関数 f(x)", "導関数 f′(x)（自動微分）", "入力 x"),
        "en": ("activation f(x)", "derivative f′(x) (autograd)", "input x"),
    }[lang]
    left.set_title(text[0])
    right.set_title(text[1])
    for ax in (left, right):
        ax.set_xlabel(text[2])
    left.set_ylim(-1.5, 3)
    right.set_ylim(-0.15, 1.15)
    right.legend(loc="upper left")
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="activation-derivatives",
    title=Text(ja="活性化関数とその導関数", en="Activation functions and their derivatives"),
    caption=Text(
        ja="左：5 つの活性化関数。右：自動微分で求めた導関数。シグモイドの導関数は x=0 で最大 0.25、tanh は最大 1、"
           "ReLU は正の側で常に 1（負の側は 0）、Leaky ReLU は負の側でも 0.01 が残る。",
        en="Left: five activation functions. Right: their derivatives, computed by autograd. The sigmoid's derivative "
           "peaks at 0.25 at x = 0, tanh's at 1; ReLU's is exactly 1 for positive inputs (0 for negative ones), and "
           "Leaky ReLU keeps a slope of 0.01 below zero.",
    ),
    alt=Text(
        ja="2 つの折れ線グラフ。左はシグモイド、tanh、ReLU、Leaky ReLU、Swish の形。右はそれぞれの導関数で、"
           "シグモイドの山は高さ 0.25、tanh の山は高さ 1、ReLU は 0 から 1 への段差になっている。",
        en="Two line charts. Left: the shapes of sigmoid, tanh, ReLU, Leaky ReLU and Swish. Right: their derivatives; "
           "the sigmoid's bump is 0.25 high, tanh's is 1 high, and ReLU's is a step from 0 to 1.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="シグモイドの導関数は最大でも 0.25、tanh は 1、ReLU は正の側で常に 1。",
                 en="The sigmoid's derivative never exceeds 0.25, tanh's peaks at 1, ReLU's is exactly 1 for positive inputs."),
    terms=("activation-function", "sigmoid", "tanh", "relu", "leaky-relu", "swish", "derivative", "saturation"),
)
