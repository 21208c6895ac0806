"""Per-layer weight-gradient norms at initialization in a deep MLP: sigmoid, tanh, ReLU."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

CONFIG = {"seed": 0, "depth": 24, "width": 64, "batch": 256, "seeds": [0, 1, 2],
          "inits": {"sigmoid": "xavier", "tanh": "xavier", "relu": "he"}}


def compute(config: dict, ctx) -> list[Series]:
    import torch

    from figgen import data, models, training

    x, y = data.digits(config["batch"])
    series = []
    runs = [(a, s) for a in config["inits"] for s in config["seeds"]]
    for activation, init in config["inits"].items():
        norms = []
        for seed in config["seeds"]:
            torch.manual_seed(seed)
            model = models.MLP(models.MLPConfig(depth=config["depth"], width=config["width"], activation=activation, init=init))
            norms.append(training.gradient_norms(model, model.hidden_weights(), x, y))
            ctx.progress(len([1 for _ in norms]) / len(runs) + list(config["inits"]).index(activation) * len(config["seeds"]) / len(runs))
        mean = [sum(layer) / len(layer) for layer in zip(*norms)]
        series.append(Series(activation, list(range(1, config["depth"] + 1)), mean))
    return series


def draw(series: dict, lang: str, config: dict):
    import matplotlib.pyplot as plt

    from figgen.style import color, plot_series

    fig, ax = plt.subplots(figsize=(7.5, 4))
    labels = {
        "ja": {"sigmoid": "シグモイド + Xavier", "tanh": "tanh + Xavier", "relu": "ReLU + He"},
        "en": {"sigmoid": "sigmoid + Xavier", "tanh": "tanh + Xavier", "relu": "ReLU + He"},
    }[lang]
    for name in ("sigmoid", "tanh", "relu"):
        plot_series(ax, series[name], labels[name], color=color(name), marker="o", markersize=3.5, linewidth=1.5)
    ax.set_yscale("log")
    depth = config["depth"]
    if lang == "ja":
        ax.set_xlabel(f"隠れ層の番号（1 = 入力に最も近い、{depth} = 出力に最も近い）")
        ax.set_ylabel("重みの勾配の L2 ノルム（対数）")
        ax.set_title(f"初期化直後の {depth} 層 MLP：層ごとの勾配の大きさ（digits、{len(config['seeds'])} シードの平均）")
    else:
        ax.set_xlabel(f"hidden layer (1 = next to the input, {depth} = next to the output)")
        ax.set_ylabel("L2 norm of the weight gradient (log)")
        ax.set_title(f"A {depth}-layer MLP at initialization: gradient size per layer (digits, mean of {len(config['seeds'])} seeds)")
    ax.set_xticks(range(1, depth + 1, 2))
    ax.legend(loc="lower right")
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="vanishing-depth",
    title=Text(ja="深さと勾配消失：層ごとの勾配ノルム", en="Depth and vanishing gradients: gradient norm per layer"),
    caption=Text(
        ja="手書き数字（digits）で 24 層の MLP を初期化し、1 回の逆伝播で各隠れ層の重みの勾配ノルムを測った（3 シードの平均、縦軸は対数）。"
           "シグモイドでは入力側へ遡るほど勾配が指数的に縮み、第 1 層には出力側の何桁も小さい勾配しか届かない。tanh と ReLU + He では各層がほぼ同じ桁を保つ。",
        en="A 24-layer MLP on the digits data, measured right after initialization: the L2 norm of each hidden layer's "
           "weight gradient after one backward pass (mean of 3 seeds, log scale). With the sigmoid the gradient shrinks "
           "exponentially towards the input, so layer 1 gets many orders of magnitude less than the last layer; with tanh "
           "and with ReLU + He every layer stays within the same order of magnitude.",
    ),
    alt=Text(
        ja="横軸が隠れ層の番号、縦軸が勾配ノルム（対数）の折れ線グラフ。シグモイドの線は右から左へ急に下がり、左端では他の 2 本より何桁も下にある。"
           "tanh と ReLU の線はほぼ水平。",
        en="Line chart, hidden layer index on the x axis, gradient norm on a log y axis. The sigmoid line falls steeply from "
           "right to left and ends many orders of magnitude below the other two; the tanh and ReLU lines are nearly flat.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="24 層のシグモイド MLP では、第 1 層の勾配が最終層の約 10⁻¹⁴ 倍しかない。tanh と ReLU + He は同じ桁を保つ。",
                 en="In a 24-layer sigmoid MLP the first layer gets about 10⁻¹⁴ of the last layer's gradient; tanh and ReLU + He keep one order of magnitude."),
    terms=("vanishing-gradient", "depth", "sigmoid", "tanh", "relu", "xavier-initialization", "he-initialization", "gradient-norm",
           "gradient-visualization"),
)
