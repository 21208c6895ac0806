"""Training loss of a 30-layer ReLU MLP with plain SGD: Xavier vs He initialization."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

CONFIG = {"seed": 0, "depth": 30, "width": 64, "steps": 400, "lr": 0.01, "batch": 128, "record_every": 4}


def compute(config: dict, ctx) -> list[Series]:
    import torch

    from figgen import data, models, training

    x, y = data.digits()
    series = []
    for i, init in enumerate(("xavier", "he")):
        torch.manual_seed(config["seed"])
        model = models.MLP(models.MLPConfig(depth=config["depth"], width=config["width"], activation="relu", init=init))
        record = training.train(
            model, data.minibatches(x, y, config["batch"], seed=config["seed"] + 1),
            steps=config["steps"], lr=config["lr"], record_every=config["record_every"],
            progress=lambda f, i=i: ctx.progress((i + f) / 2),
        )
        series.append(Series(init, record.steps, record.loss))
    return series


def draw(series: dict, lang: str, config: dict):
    import math

    import matplotlib.pyplot as plt

    from figgen.style import color, plot_series

    fig, ax = plt.subplots(figsize=(7.5, 4))
    labels = {"ja": {"xavier": "Xavier初期化", "he": "He初期化"}, "en": {"xavier": "Xavier init", "he": "He init"}}[lang]
    for name in ("xavier", "he"):
        plot_series(ax, series[name], labels[name], color=color(name), linewidth=1.6)
    ax.axhline(math.log(10), color="#888888", linestyle=":", linewidth=1)
    ax.annotate("ln 10", xy=(0, math.log(10)), xytext=(2, 4), textcoords="offset points", fontsize=8, color="#666666")
    if lang == "ja":
        ax.set_xlabel("ステップ（SGD、ミニバッチ 128）")
        ax.set_ylabel("訓練損失（交差エントロピー）")
        ax.set_title(f"{config['depth']} 層 ReLU MLP を素の SGD で学習（学習率 {config['lr']}）")
    else:
        ax.set_xlabel("step (SGD, mini-batch of 128)")
        ax.set_ylabel("training loss (cross-entropy)")
        ax.set_title(f"A {config['depth']}-layer ReLU MLP trained with plain SGD (learning rate {config['lr']})")
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower left")
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="init-xavier-he",
    title=Text(ja="Xavier初期化と He初期化：深い ReLU ネットワークの学習", en="Xavier vs He initialization in a deep ReLU network"),
    caption=Text(
        ja="30 層の ReLU MLP を手書き数字（digits）で、学習率 0.01 の素の SGD で学習した損失の推移。Xavier初期化では信号が層ごとに半分ずつ弱まり、"
           "損失は 10 クラスを当てずっぽうで選ぶ値 ln 10 ≈ 2.30 から動かない。分散を 2/n_in にした He初期化では同じ条件で損失が下がっていく（He ら 2015 の結果の再現）。",
        en="Training loss of a 30-layer ReLU MLP on the digits data, plain SGD with learning rate 0.01. With Xavier "
           "initialization the signal halves at every layer and the loss stays at ln 10 ≈ 2.30, the value of guessing "
           "among 10 classes; with He initialization (variance 2/n_in) the same network trains (He et al. 2015, reproduced).",
    ),
    alt=Text(
        ja="横軸がステップ、縦軸が訓練損失の折れ線グラフ。Xavier の線は 2.30 付近で水平のまま、He の線は右へ行くほど下がっていく。",
        en="Line chart of training loss against step. The Xavier line stays flat near 2.30; the He line falls steadily.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="30 層の ReLU MLP は、Xavier初期化では損失が ln 10 から動かず、He初期化では学習が進む。",
                 en="A 30-layer ReLU MLP stays at loss ln 10 with Xavier initialization and trains with He initialization."),
    terms=("weight-initialization", "xavier-initialization", "he-initialization", "relu", "sgd", "deep-neural-network", "loss-function"),
)
