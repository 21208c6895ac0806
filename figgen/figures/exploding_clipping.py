"""Exploding gradients in a deep ReLU MLP with too-large weights: SGD without vs with global-norm gradient clipping."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

CONFIG = {"seed": 0, "depth": 12, "width": 64, "init_gain": 1.1, "steps": 250, "lr": 0.3, "batch": 64, "clip_norm": 1.0}
RUNS = {"no-clip": None, "clip": "clip_norm"}


def compute(config: dict, ctx) -> list[Series]:
    import math

    import torch

    from figgen import data, models, training

    x, y = data.digits()
    series, norms = [], []
    for i, (name, clip_key) in enumerate(RUNS.items()):
        torch.manual_seed(config["seed"])  # the same initial weights and the same mini-batches in both runs
        model = models.MLP(models.MLPConfig(depth=config["depth"], width=config["width"], activation="relu", init="he"))
        with torch.no_grad():  # He initialization, then every hidden weight matrix made 10 % larger
            for weight in model.hidden_weights():
                weight.mul_(config["init_gain"])
        params = list(model.parameters())  # watched: their gradients' norms are captured before clipping
        record = training.train(
            model, data.minibatches(x, y, config["batch"], seed=config["seed"] + 1),
            steps=config["steps"], lr=config["lr"], weights=params,
            clip_norm=config[clip_key] if clip_key else None,
            progress=lambda f, i=i: ctx.progress((i + f) / len(RUNS)),
        )
        series.append(Series(name, record.steps, record.loss))
        global_norm = [math.sqrt(sum(n * n for n in row)) for row in record.grad_norms]
        norms.append(Series(f"grad-norm-{name}", record.steps, global_norm))
    return series + norms


def draw(series: dict, lang: str, config: dict):
    import math

    import matplotlib.pyplot as plt

    from figgen.figure import Series
    from figgen.style import plot_series

    colors = {"no-clip": "#D55E00", "clip": "#0072B2"}
    labels = {
        "ja": {"no-clip": "クリッピングなし", "clip": f"クリッピングあり（上限 {config['clip_norm']:g}）"},
        "en": {"no-clip": "no clipping", "clip": f"clipping (max norm {config['clip_norm']:g})"},
    }[lang]

    def thinned(s: Series) -> Series:
        """All finite points; of the non-finite ones only about 8 per decade of steps (the ✕ marks stay readable)."""
        marks = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9} | {round(10 ** (k / 8)) for k in range(8, 40)} | {s.x[-1]}
        keep = [i for i, (x, y) in enumerate(zip(s.x, s.y)) if math.isfinite(y) or x in marks]
        return Series(s.name, [s.x[i] for i in keep], [s.y[i] for i in keep])

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4))
    for name in ("no-clip", "clip"):
        plot_series(left, thinned(series[name]), labels[name], color=colors[name], linewidth=1.4,
                    marker="o" if name == "no-clip" else None, markersize=3)
        plot_series(right, thinned(series[f"grad-norm-{name}"]), labels[name], color=colors[name], linewidth=1.4,
                    marker="o" if name == "no-clip" else None, markersize=3)
    right.axhline(config["clip_norm"], color="#444444", linestyle="--", linewidth=1)
    for ax in (left, right):
        ax.set_xscale("symlog", linthresh=10, linscale=0.6)
        ax.set_yscale("log")
        ax.set_xlim(0, config["steps"])
        ax.set_xticks([0, 5, 10, 30, 100, config["steps"]])
        ax.set_xticklabels(["0", "5", "10", "30", "100", str(config["steps"])])
    first_bad = next((x for x, y in zip(series["no-clip"].x, series["no-clip"].y) if not math.isfinite(y)), None)
    if lang == "ja":
        left.set_title("訓練損失（交差エントロピー、対数）")
        right.set_title("クリップ前の勾配ノルム（全パラメータ、対数）")
        for ax in (left, right):
            ax.set_xlabel("ステップ")
        right.annotate(f"上限 {config['clip_norm']:g}", xy=(0, config["clip_norm"]), xytext=(4, -11),
                       textcoords="offset points", fontsize=8, color="#444444")
        if first_bad is not None:
            left.annotate(f"ステップ {first_bad:g} 以降、\n損失は NaN か ∞（✕）", xy=(first_bad, 0), xycoords=("data", "axes fraction"),
                          xytext=(first_bad * 1.6, 0.45), textcoords=("data", "axes fraction"), fontsize=8,
                          color=colors["no-clip"], arrowprops={"arrowstyle": "->", "color": colors["no-clip"], "lw": 0.8})
        fig.suptitle(f"{config['depth']} 層 ReLU MLP、重みを He初期化の {config['init_gain']:g} 倍、SGD 学習率 {config['lr']:g}", fontsize=11)
    else:
        left.set_title("training loss (cross-entropy, log)")
        right.set_title("gradient norm before clipping (all parameters, log)")
        for ax in (left, right):
            ax.set_xlabel("step")
        right.annotate(f"max norm {config['clip_norm']:g}", xy=(0, config["clip_norm"]), xytext=(4, -11),
                       textcoords="offset points", fontsize=8, color="#444444")
        if first_bad is not None:
            left.annotate(f"loss NaN/inf from\nstep {first_bad:g} on (✕)", xy=(first_bad, 0), xycoords=("data", "axes fraction"),
                          xytext=(first_bad * 1.6, 0.45), textcoords=("data", "axes fraction"), fontsize=8,
                          color=colors["no-clip"], arrowprops={"arrowstyle": "->", "color": colors["no-clip"], "lw": 0.8})
        fig.suptitle(f"{config['depth']}-layer ReLU MLP, weights {config['init_gain']:g}× He init, SGD with learning rate {config['lr']:g}", fontsize=11)
    left.legend(loc="upper right")
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="exploding-clipping",
    title=Text(ja="勾配爆発と勾配クリッピング", en="Exploding gradients and gradient clipping"),
    caption=Text(
        ja="12 層・幅 64 の ReLU MLP を手書き数字（digits）で学習した。重みは He初期化を 1.1 倍に大きくし、学習率 0.3 の SGD"
           "（ミニバッチ 64）を使う。2 本の線は初期値もミニバッチの順番もまったく同じで、違うのは勾配全体のノルムを 1 で頭打ちにするかどうかだけ。"
           "クリッピングなしでは勾配ノルムが 18 から 4 ステップで 8×10¹⁰ まで膨らみ、損失も 4.5 から 4×10¹⁰ へ跳ね上がって、"
           "ステップ 5 以降は NaN になる（✕）。クリッピングありでは更新の大きさが抑えられ、損失は 4.5 から最後の 10 ステップ平均 0.11 まで下がる"
           "（Pascanu ら 2013）。両軸とも対数で、横軸は 10 ステップまで線形。",
        en="A 12-layer ReLU MLP of width 64 trained on the digits data, with He-initialized weights made 1.1 times larger "
           "and SGD at learning rate 0.3 (mini-batches of 64). Both runs start from the same weights and see the same "
           "mini-batches; the only difference is clipping the global gradient norm to 1. Without clipping the gradient norm "
           "grows from 18 to 8×10¹⁰ in four steps, the loss jumps from 4.5 to 4×10¹⁰, and from step 5 on it is NaN (✕). "
           "With clipping every update stays bounded and the loss falls from 4.5 to 0.11 (mean of the last 10 steps), "
           "as Pascanu et al. (2013) proposed. Both y axes are logarithmic; the step axis is linear up to 10, then logarithmic.",
    ),
    alt=Text(
        ja="左右 2 つの折れ線グラフ。横軸はどちらもステップ。左は訓練損失、右はクリップ前の勾配ノルムで、縦軸は対数。"
           "クリッピングなし（オレンジ）の線は最初の数ステップで急上昇して 10 の 10 乗を超え、その先は線が消えて横軸上に ✕ 印が並ぶ。"
           "クリッピングあり（青）の損失は 4.5 付近から右へ行くほどゆっくり下がって 0.1 前後に届き、勾配ノルムは最初の 18 から下がって、"
           "その後はおおむね 1〜10 の範囲にとどまる。",
        en="Two line charts side by side, step on both x axes. Left: training loss; right: gradient norm before clipping; both "
           "y axes logarithmic. The orange no-clipping line shoots up past 10^10 within the first few steps, then stops, and a "
           "row of ✕ marks runs along the x axis. The blue clipping line starts near 4.5 and falls slowly to about 0.1; its "
           "gradient norm starts at 18 and then stays mostly between 1 and 10.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="重みを大きめにした 12 層 ReLU MLP は、クリッピングなしではステップ 5 で損失が NaN になる。勾配ノルムを 1 でクリップすると損失は 0.11 まで下がる。",
                 en="A 12-layer ReLU MLP with oversized weights: unclipped, its loss is NaN from step 5; with the gradient norm clipped at 1 the loss falls to 0.11."),
    terms=("exploding-gradient", "gradient-clipping", "gradient-norm", "learning-rate", "weight-initialization",
           "he-initialization", "sgd", "numerical-stability"),
)
