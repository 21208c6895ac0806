"""Training loss of the same small MLP with plain SGD at a too-small, a good and a too-large learning rate."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

CONFIG = {"seed": 0, "depth": 1, "width": 32, "steps": 300, "batch": 64, "record_every": 2,
          "lrs": {"too-small": 0.003, "good": 0.3, "too-large": 3.0}}


def compute(config: dict, ctx) -> list[Series]:
    import torch

    from figgen import data, models, training

    x, y = data.digits()
    series = []
    for i, (name, lr) in enumerate(config["lrs"].items()):
        torch.manual_seed(config["seed"])  # the same initial weights for every learning rate
        model = models.MLP(models.MLPConfig(depth=config["depth"], width=config["width"], activation="relu", init="he"))
        record = training.train(
            model, data.minibatches(x, y, config["batch"], seed=config["seed"] + 1),  # and the same batches
            steps=config["steps"], lr=lr, record_every=config["record_every"],
            progress=lambda f, i=i: ctx.progress((i + f) / len(config["lrs"])),
        )
        series.append(Series(name, record.steps, record.loss))
    return series


def draw(series: dict, lang: str, config: dict):
    import math

    import matplotlib.pyplot as plt

    from figgen.style import plot_series

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4))
    colors = {"too-small": "#0072B2", "good": "#009E73", "too-large": "#D55E00"}
    word = {"ja": {"too-small": "小さすぎる", "good": "適切", "too-large": "大きすぎる"},
            "en": {"too-small": "too small", "good": "good", "too-large": "too large"}}[lang]
    for name, lr in config["lrs"].items():
        label = f"{word[name]}（学習率 {lr}）" if lang == "ja" else f"{word[name]} (learning rate {lr})"
        line = series[name]
        plot_series(left, line, label, color=colors[name], linewidth=1.4)
        # The zoom shows each run up to its first non-finite loss (the left panel marks where that happens).
        finite = next((k for k, v in enumerate(line.y) if not math.isfinite(v)), len(line.y))
        plot_series(right, Series(name, line.x[:finite], line.y[:finite]), label, color=colors[name], linewidth=1.4)
        if finite < len(line.y):
            text = "損失が NaN に（×）" if lang == "ja" else "loss becomes NaN (×)"
            left.annotate(text, xy=(line.x[finite], 0), xycoords=("data", "axes fraction"), xytext=(-15, 48),
                          textcoords="offset points", ha="right", fontsize=8, color=colors[name],
                          arrowprops=dict(arrowstyle="->", color=colors[name], linewidth=0.8))
    left.set_yscale("log")
    right.set_ylim(0, 4)
    for ax in (left, right):
        ax.axhline(math.log(10), color="#888888", linestyle=":", linewidth=1)
    right.annotate("ln 10", xy=(config["steps"], math.log(10)), xytext=(-24, 4), textcoords="offset points",
                   fontsize=8, color="#666666")
    if lang == "ja":
        for ax in (left, right):
            ax.set_xlabel(f"ステップ（素の SGD、ミニバッチ {config['batch']}）")
        left.set_ylabel("訓練損失（交差エントロピー、対数）")
        left.set_title("全体（対数目盛）")
        right.set_ylabel("訓練損失（交差エントロピー）")
        right.set_title("0〜4 の範囲を拡大")
        fig.suptitle(f"同じ MLP（隠れ層 {config['depth']} 層・幅 {config['width']}）を学習率だけ変えて手書き数字で学習",
                     fontsize=11)
    else:
        for ax in (left, right):
            ax.set_xlabel(f"step (plain SGD, mini-batch of {config['batch']})")
        left.set_ylabel("training loss (cross-entropy, log)")
        left.set_title("The whole run (log scale)")
        right.set_ylabel("training loss (cross-entropy)")
        right.set_title("Zoom on 0 to 4")
        fig.suptitle(f"The same MLP ({config['depth']} hidden layer of width {config['width']}) on the digits, "
                     "only the learning rate changes", fontsize=11)
    left.legend(loc="upper left")
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="learning-rate",
    title=Text(ja="学習率の大きさと学習の進み方", en="Too small, good and too large learning rates"),
    caption=Text(
        ja="隠れ層 1 層・幅 32 の ReLU MLP を手書き数字（digits）で素の SGD により 300 ステップ学習した（ミニバッチ 64）。"
           "初期値もミニバッチの順番も同じにして、学習率だけを 0.003、0.3、3.0 と 100 倍ずつ変えている。"
           "学習率 0.003 では損失が少しずつしか下がらず、300 ステップ後もまだ約 1.7 ある。"
           "0.3 では最初の数十ステップで大きく下がり、約 0.03 まで収束する。3.0 では 1 歩ごとに谷を飛び越えて重みが膨らみ、"
           "損失は 20 ステップで約 3×10⁴、240 ステップで約 10³⁶ に達し、242 ステップ目からは数値があふれて NaN になる"
           "（左図の ×）。右図は縦軸 0〜4 の拡大で、小さすぎる学習率の遅さと適切な学習率の速さを比べられる。",
        en="A ReLU MLP with one hidden layer of width 32, trained on the digits data for 300 steps of plain SGD "
           "(mini-batches of 64). The initial weights and the order of the mini-batches are the same in every run; only "
           "the learning rate changes, by a factor of 100 each time: 0.003, 0.3 and 3.0. At 0.003 the loss creeps down "
           "and is still about 1.7 after 300 steps. At 0.3 it drops within a few dozen steps and converges to about "
           "0.03. At 3.0 every step overshoots and the weights grow: the loss reaches about 3×10⁴ after 20 steps and "
           "about 10³⁶ after 240, and from step 242 on it overflows to NaN (the × marks on the left). The right panel "
           "zooms on losses from 0 to 4 to compare the slow and the good learning rate.",
    ),
    alt=Text(
        ja="左右 2 枚の折れ線グラフ。どちらも横軸がステップ、縦軸が訓練損失。左は対数目盛で、大きすぎる学習率の線が"
           "右上へほぼ一直線に駆け上がって 10 の 36 乗に達し、その先は線が切れて横軸に × 印が並ぶ。残りの 2 本は下の方で"
           "ほぼ水平に見える。右は 0〜4 の拡大で、適切な学習率の線は最初に急降下して 0 近くに張り付き、"
           "小さすぎる学習率の線は 3.5 付近からゆっくり下がって最後も 1.7 前後にとどまる。",
        en="Two line charts of training loss against step. Left, on a log scale: the too-large learning rate line "
           "climbs almost straight up to 10 to the 36th, then breaks off, with × marks along the x axis; the other two "
           "lines look flat near the bottom. Right, zoomed on 0 to 4: the good learning rate line plunges at once and "
           "stays near 0, while the too-small line drifts slowly down from about 3.5 and ends around 1.7.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="同じ MLP を学習率だけ変えて 300 ステップ学習すると、0.003 では損失がまだ 1.7、0.3 では約 0.03、3.0 では 240 ステップで 10³⁶ に達して NaN になる。",
                 en="The same MLP for 300 steps at three learning rates: at 0.003 the loss is still 1.7, at 0.3 about 0.03, at 3.0 it reaches 10³⁶ by step 240 and turns NaN."),
    terms=("learning-rate", "hyperparameter", "sgd", "gradient-descent", "loss-function", "numerical-stability"),
)
