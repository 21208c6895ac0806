"""Training loss of shallow and deep MLPs with batch norm, plain vs residual: the degradation problem and its fix."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

CONFIG = {"seed": 0, "depths": [4, 16], "width": 32, "steps": 300, "lr": 0.01, "optimizer": "momentum",
          "batch": 64, "norm": "batch", "seeds_averaged": 1, "tail": 0.1}


def compute(config: dict, ctx) -> list[Series]:
    import torch

    from figgen import data, models, training

    x, y = data.digits()
    runs = [(kind, depth) for kind in ("plain", "residual") for depth in config["depths"]]
    total = len(runs) * config["seeds_averaged"]
    series = []
    for r, (kind, depth) in enumerate(runs):
        curves = []
        for k in range(config["seeds_averaged"]):
            seed = config["seed"] + k
            torch.manual_seed(seed)  # plain and residual nets of one seed see the same mini-batches
            model = models.MLP(models.MLPConfig(depth=depth, width=config["width"], activation="relu", init="he",
                                                norm=config["norm"], residual=kind == "residual"))
            done = r * config["seeds_averaged"] + k
            record = training.train(
                model, data.minibatches(x, y, config["batch"], seed=1000 + seed),
                steps=config["steps"], lr=config["lr"], optimizer=config["optimizer"],
                progress=lambda f, done=done: ctx.progress((done + f) / total),
            )
            curves.append(record.loss)
        mean = [sum(values) / len(values) for values in zip(*curves)]
        series.append(Series(f"{kind}-{depth}", record.steps, mean))
    return series


def draw(series: dict, lang: str, config: dict):
    import matplotlib.pyplot as plt

    from figgen.figure import Series
    from figgen.style import plot_series

    shallow, deep = config["depths"][0], config["depths"][-1]
    colors = {f"plain-{shallow}": "#E69F00", f"plain-{deep}": "#D55E00",
              f"residual-{shallow}": "#56B4E9", f"residual-{deep}": "#0072B2"}
    words = {"ja": {"plain": "プレーン", "residual": "残差接続"}, "en": {"plain": "plain", "residual": "residual"}}[lang]
    unit = " layers"

    def smoothed(s: Series, window: int = 15) -> Series:
        """Moving average over the last `window` steps (mini-batch losses are noisy)."""
        out = [sum(s.y[max(0, i - window + 1):i + 1]) / len(s.y[max(0, i - window + 1):i + 1]) for i in range(len(s.y))]
        return Series(s.name, s.x, out)

    fig, ax = plt.subplots(figsize=(8, 4.2))
    lows, highs = [], []
    for kind in ("plain", "residual"):
        for depth in (shallow, deep):
            name = f"{kind}-{depth}"
            style = {"color": colors[name], "linestyle": "-" if depth == deep else "--"}
            ax.plot(series[name].x, series[name].y, linewidth=0.6, alpha=0.2, **style)
            smooth = smoothed(series[name])
            lows.append(min(smooth.y))
            highs.append(max(smooth.y))
            plot_series(ax, smooth, f"{words[kind]}（{depth} 層）" if lang == "ja" else f"{words[kind]}, {depth}{unit}",
                        linewidth=1.8, **style)
    ax.set_yscale("log")
    ax.set_ylim(0.6 * min(lows), 1.3 * max(highs))  # the thick (averaged) lines set the range
    ax.set_xlim(0, config["steps"])
    n = config["seeds_averaged"]
    seeds = {"ja": f"、{n} シードの平均", "en": f", mean of {n} seeds"}[lang] if n > 1 else ""
    if lang == "ja":
        ax.set_xlabel(f"ステップ（モメンタム SGD、学習率 {config['lr']:g}、ミニバッチ {config['batch']}）")
        ax.set_ylabel("訓練損失（交差エントロピー、対数）")
        ax.set_title(f"バッチ正規化つき ReLU MLP（幅 {config['width']}）：{shallow} 層と {deep} 層{seeds}")
    else:
        ax.set_xlabel(f"step (SGD with momentum, learning rate {config['lr']:g}, mini-batch of {config['batch']})")
        ax.set_ylabel("training loss (cross-entropy, log)")
        ax.set_title(f"ReLU MLPs with batch norm (width {config['width']}): {shallow} vs {deep} layers{seeds}")
    ax.legend(loc="upper right", ncol=2)
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="residual-vs-plain",
    title=Text(ja="層を増やすと学習が悪くなる：プレーンな層と残差接続", en="Deeper but worse: plain layers vs residual connections"),
    caption=Text(
        ja="手書き数字（digits）で、幅 32 の ReLU MLP を 4 層と 16 層で学習した。どの層にもバッチ正規化を入れ、He初期化、"
           "学習率 0.01 のモメンタム SGD（ミニバッチ 64）で 300 ステップ回す。残差接続版は 2 層目以降の各層で入力をそのまま出力に足す。"
           "プレーンなネットワークでは、層を 4 倍に増やすと最後の 30 ステップの平均損失が 0.12 から 0.43 へ悪化する。"
           "過学習ではなく訓練損失そのものが高いので、深いほど最適化が難しくなっている（He ら 2016 の「劣化問題」）。"
           "残差接続を入れると 16 層でも 0.06 と、4 層（0.09）と同じかそれより低くなる。細い線は各ステップの損失、太い線は 15 ステップの移動平均。",
        en="Width-32 ReLU MLPs with 4 and 16 layers trained on the digits data: batch norm in every layer, He "
           "initialization, SGD with momentum at learning rate 0.01, mini-batches of 64, 300 steps. The residual versions "
           "add each layer's input to its output from layer 2 on. In the plain network, four times the depth raises the "
           "training loss (mean of the last 30 steps) from 0.12 to 0.43: not overfitting but a worse fit to the training data "
           "itself, the degradation problem of He et al. (2016). With residual connections the 16-layer net reaches 0.06, "
           "as low as or lower than the 4-layer one (0.09). Thin lines: loss at each step; thick lines: moving average over 15 steps.",
    ),
    alt=Text(
        ja="横軸がステップ、縦軸が訓練損失（対数）の折れ線グラフで、太い線が 4 本。どの線も右へ行くほど下がるが、"
           "16 層のプレーン（濃いオレンジの実線）だけが 0.4 付近で止まり、ほかの 3 本より上に離れている。"
           "4 層のプレーン（薄いオレンジの破線）は 0.1 前後、残差接続の 4 層（水色の破線）と 16 層（青の実線）はさらに下で重なり合う。",
        en="Line chart of training loss (log scale) against step, four thick lines, all falling from left to right. The "
           "16-layer plain net (dark orange, solid) levels off near 0.4, well above the other three. The 4-layer plain net "
           "(light orange, dashed) ends near 0.1; the residual nets with 4 layers (light blue, dashed) and 16 layers (blue, "
           "solid) end lower still, close together.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="バッチ正規化を入れても、プレーンな MLP は 16 層にすると訓練損失が 0.43 で、4 層の 0.12 より悪い。残差接続を入れた 16 層は 0.06。",
                 en="Even with batch normalization, a plain 16-layer MLP trains worse than a 4-layer one (loss 0.43 vs 0.12); with residual connections the 16-layer net reaches 0.06."),
    terms=("residual-network", "skip-connection", "resnet", "depth", "batch-normalization", "deep-neural-network",
           "he-initialization", "momentum", "loss-function"),
)
