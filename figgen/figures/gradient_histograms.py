"""Histograms of weight-gradient magnitudes (log10 |g|) per layer during training of a 10-layer MLP: sigmoid vs ReLU + He."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

CONFIG = {
    "seed": 0, "depth": 10, "width": 64, "steps": 300, "lr": 0.05, "batch": 64,
    "histogram_steps": [0, 100, 299], "layers": [1, 5, 10],
    "inits": {"sigmoid": "xavier", "relu": "he"},
}


def compute(config: dict, ctx) -> list[Series]:
    import torch

    from figgen import data, models, training

    x, y = data.digits()
    low, high, count = training.HISTOGRAM_BINS
    centres = [low + (k + 0.5) * (high - low) / count for k in range(count)]
    series = []
    activations = list(config["inits"])
    for i, (activation, init) in enumerate(config["inits"].items()):
        torch.manual_seed(config["seed"])
        model = models.MLP(models.MLPConfig(depth=config["depth"], width=config["width"], activation=activation, init=init))
        record = training.train(
            model, data.minibatches(x, y, config["batch"], seed=config["seed"] + 1),
            steps=config["steps"], lr=config["lr"], weights=[model.hidden_weights()[layer - 1] for layer in config["layers"]],
            histogram_steps=tuple(config["histogram_steps"]),
            progress=lambda f, i=i: ctx.progress((i + f) / len(activations)),
        )
        for step in config["histogram_steps"]:
            for k, layer in enumerate(config["layers"]):
                series.append(Series(f"{activation}-layer{layer}-step{step}", centres, record.histograms[step][k]))
    return series


def draw(series: dict, lang: str, config: dict):
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    def mean_log(s) -> float:
        """Count-weighted mean of log10 |g| over the bin centres, leaving out the lowest bin (exact zeros)."""
        return sum(x * c for x, c in zip(s.x[1:], s.y[1:])) / max(sum(s.y[1:]), 1)

    ja = lang == "ja"
    steps, layers = config["histogram_steps"], config["layers"]
    activations = list(config["inits"])
    palette = ["#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7"]
    fig, axes = plt.subplots(len(activations), len(steps), figsize=(9, 4.6), sharex=True, sharey=True, squeeze=False)
    names = {"sigmoid": ("シグモイド + Xavier", "sigmoid + Xavier"), "relu": ("ReLU + He", "ReLU + He")}
    handles = []
    for r, activation in enumerate(activations):
        for c, step in enumerate(steps):
            ax = axes[r][c]
            first = series[f"{activation}-layer{layers[0]}-step{step}"]
            width = first.x[1] - first.x[0]
            edges = [v - width / 2 for v in first.x] + [first.x[-1] + width / 2]
            ax.axvspan(edges[0], edges[1], color="#dddddd", zorder=0)  # |g| below 10^-11.5, exact zeros included
            for k, layer in enumerate(layers):
                s = series[f"{activation}-layer{layer}-step{step}"]
                ax.stairs(s.y, edges, color=palette[k], fill=True, alpha=0.22, linewidth=0)
                line = ax.stairs(s.y, edges, color=palette[k], linewidth=1.4,
                                 label=f"第 {layer} 層" if ja else f"layer {layer}")
                ax.axvline(mean_log(s), color=palette[k], linestyle=":", linewidth=1.1)
                if r == 0 and c == 0:
                    handles.append(line)
            name = names.get(activation, (activation, activation))[0 if ja else 1]
            ax.set_title(f"{name}：ステップ {step}" if ja else f"{name}, step {step}", fontsize=10)
            if r == len(activations) - 1:
                ax.set_xlabel("log10 |勾配の要素|" if ja else "log10 |gradient entry|")
            if c == 0:
                ax.set_ylabel("要素の数" if ja else "number of entries")
            ax.set_xlim(edges[0], edges[-1])
            ax.set_xticks(range(int(edges[0]) + 2, int(edges[-1]) - 1, 2))
    handles.append(Patch(color="#dddddd", label="左端：|勾配| $\\leq 10^{-11.5}$（ちょうど 0 を含む）" if ja
                         else "left edge: |g| $\\leq 10^{-11.5}$ (exact zeros included)"))
    handles.append(plt.Line2D([], [], color="#666666", linestyle=":", label="0 を除く平均" if ja else "mean, zeros left out"))
    fig.legend(handles=handles, loc="upper center", ncol=len(handles), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    return fig


FIGURE = Figure(
    id="gradient-histograms",
    title=Text(ja="層ごとの勾配のヒストグラム：シグモイドの勾配消失と ReLU + He",
               en="Per-layer gradient histograms: vanishing gradients with the sigmoid, healthy ones with ReLU + He"),
    caption=Text(
        ja="隠れ層 10 層 × 64 ユニットの MLP を手書き数字（digits）で、学習率 0.05 の SGD（ミニバッチ 64 枚）で 300 ステップ学習し、"
           "ステップ 0・100・299 で第 1・5・10 層の重みの勾配を要素ごとに log10 |g| のヒストグラムにした（各層 4096 要素、半桁ごとのビン）。"
           "点線は、ちょうど 0 の要素を除いた平均。シグモイド + Xavier では第 1 層の勾配が第 10 層より約 5.5 桁小さく（平均 10^−8.1 と 10^−2.6）、"
           "層をさかのぼるほど山が左へずれる。この差は学習中も縮まらず、損失は ln 10 ≈ 2.30 のまま動かない。"
           "ReLU + He では 3 層の山がほぼ重なり（平均の差は 0.3 桁以内）、損失は 0.03 まで下がる。"
           "ReLU の左端の棒はちょうど 0 の勾配で、バッチの 64 枚すべてで出力が 0 のユニットにつながる重みである（第 10 層では初期状態で約 35%）。"
           "第 1 層の左端の 192 個は、どの画像でも値が変わらない 3 つの画素につながる重み。",
        en="An MLP with 10 hidden layers of 64 units, trained on the digits data with SGD (learning rate 0.05, mini-batches "
           "of 64) for 300 steps. At steps 0, 100 and 299, the weight gradients of layers 1, 5 and 10 are binned by log10 |g| "
           "(4096 entries per layer, half a decade per bin); the dotted lines mark the mean without the entries that are "
           "exactly zero. With sigmoid + Xavier the gradients of layer 1 are about 5.5 orders of magnitude smaller than those "
           "of layer 10 (means 10^−8.1 and 10^−2.6), each layer further from the output sitting further left; the gap does "
           "not close during training, and the loss stays at ln 10 ≈ 2.30. With ReLU + He the three layers overlap (means "
           "within 0.3 of a decade) and the loss falls to 0.03. The bar at the far left of the ReLU panels counts gradients "
           "that are exactly zero: weights attached to units whose output is 0 on all 64 images of the batch (about 35% of "
           "layer 10 at the start). The 192 such entries in layer 1 belong to the 3 pixels that are the same in every image.",
    ),
    alt=Text(
        ja="2 行 3 列のヒストグラム。上段がシグモイド、下段が ReLU、列は左からステップ 0・100・299。横軸は勾配の大きさの対数、縦軸は要素の数。"
           "上段では第 1 層（青）の山が −8 付近、第 5 層（黄）が −6 付近、第 10 層（橙）が −2.5 付近に離れて並び、3 列とも同じ配置。"
           "下段では 3 色の山がどれも −2 付近で重なり、学習が進むと少し左へ移る。下段の左端には、ちょうど 0 の勾配を表す高い棒がある。",
        en="Histograms in 2 rows and 3 columns: sigmoid on top, ReLU below; columns are steps 0, 100 and 299. The x axis is "
           "the log of the gradient's size, the y axis the number of entries. On top the peaks stand apart, layer 1 (blue) "
           "near −8, layer 5 (yellow) near −6 and layer 10 (orange) near −2.5, the same in all three columns. Below, the three "
           "peaks overlap near −2 and move a little to the left as training goes on; a tall bar at the far left of the ReLU "
           "panels counts gradients that are exactly zero.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="10 層のシグモイド MLP では第 1 層の勾配のヒストグラムが最後の層より 5.5 桁左にあり、学習しても縮まらない。ReLU + He では差は 0.3 桁。",
                 en="In a 10-layer sigmoid MLP, layer 1's gradient histogram sits 5.5 decades left of the last layer's and training does not close the gap; with ReLU + He, 0.3 decades."),
    terms=("vanishing-gradient", "gradient-visualization", "sigmoid", "relu", "he-initialization", "xavier-initialization", "depth"),
)
