"""Products of random matrices: how a vector's length and the singular values change with depth."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

CONFIG = {"seed": 0, "width": 64, "depth": 50, "draws": 20, "scales": [0.9, 1.0, 1.1]}


def compute(config: dict, ctx) -> list[Series]:
    import torch

    width, depth, draws = config["width"], config["depth"], config["draws"]
    series = []
    for i, s in enumerate(config["scales"]):
        torch.manual_seed(config["seed"] + i)
        # float64: the smallest singular values of a deep product are far below float32's resolution
        log_lengths = torch.zeros(draws, depth, dtype=torch.float64)
        for d in range(draws):
            v = torch.randn(width, dtype=torch.float64)
            v = v / v.norm()
            product = torch.eye(width, dtype=torch.float64)
            for k in range(depth):
                w = torch.randn(width, width, dtype=torch.float64) * (s / width ** 0.5)  # Var = s²/width
                v = w @ v
                product = w @ product
                log_lengths[d, k] = v.norm().log10()
            if s == 1.0 and d == 0:
                singular = torch.linalg.svdvals(product)
        mean = log_lengths.mean(0)  # the geometric mean over draws, as log10
        series.append(Series(f"s-{s}", list(range(1, depth + 1)), (10 ** mean).tolist()))
        ctx.progress((i + 1) / len(config["scales"]))
    series.append(Series("singular-values", list(range(1, width + 1)), singular.tolist()))
    return series


def draw(series: dict, lang: str, config: dict):
    import matplotlib.pyplot as plt

    from figgen.style import plot_series

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.8))
    colours = {0.9: "#0072B2", 1.0: "#000000", 1.1: "#D55E00"}
    for s in config["scales"]:
        plot_series(left, series[f"s-{s}"], f"s = {s}", color=colours[s], linewidth=1.8)
    plot_series(right, series["singular-values"], "s = 1.0", color="#000000", marker="o", markersize=2.5, linewidth=1)
    for ax in (left, right):
        ax.set_yscale("log")
    depth, width = config["depth"], config["width"]
    if lang == "ja":
        left.set_title(f"ベクトルの長さ（{config['draws']} 回の幾何平均）")
        left.set_xlabel("掛けた行列の数")
        left.set_ylabel("長さ（対数）")
        right.set_title(f"{depth} 個の積の特異値（s = 1）")
        right.set_xlabel(f"特異値の順位（1〜{width}）")
        right.set_ylabel("特異値（対数）")
    else:
        left.set_title(f"Length of a vector (geometric mean of {config['draws']} draws)")
        left.set_xlabel("matrices multiplied")
        left.set_ylabel("length (log)")
        right.set_title(f"Singular values of a product of {depth} (s = 1)")
        right.set_xlabel(f"rank of the singular value (1–{width})")
        right.set_ylabel("singular value (log)")
    left.legend(loc="upper left")
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="random-matrix-product",
    title=Text(ja="ランダム行列の積：深さとともに指数的に伸び縮みする", en="Products of random matrices: exponential in depth"),
    caption=Text(
        ja="成分が平均 0・分散 s²/64 の正規乱数である 64×64 行列を 50 個まで掛け、単位ベクトルに当てたときの長さ（左、20 回の幾何平均）と、"
           "s = 1 で 50 個掛けた積の特異値（右）。長さはほぼ s の掛けた数乗で変わり、s が 1 から 1 割ずれるだけで指数的に縮むか伸びる。"
           "s = 1 でも積の特異値は何十桁にも広がり、ほとんど通さない向きがある。活性化関数を外した逆伝播のモデル。",
        en="64×64 matrices with Gaussian entries of mean 0 and variance s²/64, multiplied up to 50 deep: the length of a "
           "unit vector they are applied to (left, geometric mean of 20 draws), and the singular values of the product of "
           "50 at s = 1 (right). The length follows roughly s to the power of the depth: a factor 10% away from 1 shrinks "
           "or grows it exponentially. Even at s = 1 the product's singular values spread over tens of orders of magnitude, "
           "so some directions let almost nothing through. A model of backpropagation with the activations left out.",
    ),
    alt=Text(
        ja="2 つの折れ線グラフ（縦軸は対数）。左：s = 0.9 の線は右下がり、s = 1.1 の線は右上がり、s = 1.0 の線はほぼ水平。"
           "右：64 個の特異値が大きい順に並び、左端の数から右端の極めて小さい値まで急に下がっていく。",
        en="Two line charts on log axes. Left: the s = 0.9 line falls, the s = 1.1 line rises, the s = 1.0 line stays "
           "roughly level. Right: the 64 singular values in decreasing order, dropping from a few at the left to tiny "
           "values at the right.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="50 個のランダム行列の積は、1 個あたりの倍率 s が 0.9 なら約 1/240、1.1 なら約 65 倍にベクトルを伸縮させる。",
                 en="A product of 50 random matrices shrinks a vector to about 1/240 at a per-matrix scale of 0.9 and grows it about 65-fold at 1.1."),
    terms=("vanishing-gradient", "exploding-gradient", "depth", "weight-initialization", "backpropagation"),
)
