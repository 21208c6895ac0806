"""Mixed precision: the share of each layer's weight-gradient entries that underflow to 0 in float16, without and with loss scaling."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

CONFIG = {"seed": 0, "depth": 12, "width": 64, "batch": 256, "initial_scale": 2.0 ** 24}


def compute(config: dict, ctx) -> list[Series]:
    import torch

    from figgen import data, models

    x, y = data.digits(config["batch"])
    torch.manual_seed(config["seed"])
    model = models.MLP(models.MLPConfig(depth=config["depth"], width=config["width"], activation="sigmoid", init="xavier"))
    weights = model.hidden_weights()

    def gradients(scale: float) -> list[torch.Tensor]:
        """float32 gradients of scale × loss (one backward pass, no update)."""
        model.zero_grad()
        (scale * torch.nn.functional.cross_entropy(model(x), y)).backward()
        return [w.grad.detach().clone() for w in weights]

    def underflow(grads: list[torch.Tensor]) -> list[float]:
        """Per layer: the share of non-zero float32 entries that are exactly 0 once cast to float16
        (inf where an entry overflows float16 instead: the share would mean nothing)."""
        shares = []
        for g in grads:
            half, nonzero = g.half(), g != 0
            overflow = torch.isinf(half).any().item()
            shares.append(float("inf") if overflow else ((half == 0) & nonzero).sum().item() / nonzero.sum().item())
        return shares

    plain = underflow(gradients(1.0))
    ctx.progress(0.3)
    # Dynamic loss scaling's back-off: start high, halve the scale while any entry overflows float16.
    scale = config["initial_scale"]
    scaled = underflow(gradients(scale))
    while any(share == float("inf") for share in scaled):
        scale /= 2
        scaled = underflow(gradients(scale))
    ctx.progress(0.9)
    layers = list(range(1, config["depth"] + 1))
    return [Series("fp16", layers, plain), Series("fp16-scaled", layers, scaled)]


def draw(series: dict, lang: str, config: dict):
    import matplotlib.pyplot as plt

    from figgen.style import plot_series

    depth = config["depth"]
    fig, ax = plt.subplots(figsize=(8, 4))
    labels = {
        "ja": {"fp16": "float16 にそのまま変換", "fp16-scaled": "損失スケーリングしてから変換"},
        "en": {"fp16": "cast to float16 as is", "fp16-scaled": "cast after loss scaling"},
    }[lang]
    plot_series(ax, series["fp16"], labels["fp16"], color="#D55E00", marker="o", markersize=4, linewidth=1.6)
    plot_series(ax, series["fp16-scaled"], labels["fp16-scaled"], color="#0072B2", marker="s", markersize=4, linewidth=1.6)
    ax.set_ylim(-0.03, 1.05)
    ax.set_xticks(range(1, depth + 1))
    if lang == "ja":
        ax.set_xlabel(f"隠れ層の番号（1 = 入力に最も近い、{depth} = 出力に最も近い）")
        ax.set_ylabel("float16 で 0 になる勾配成分の割合")
        ax.set_title(f"{depth} 層シグモイド MLP の重みの勾配を float16 にすると（初期化直後、digits）")
    else:
        ax.set_xlabel(f"hidden layer (1 = next to the input, {depth} = next to the output)")
        ax.set_ylabel("share of gradient entries that become 0")
        ax.set_title(f"Weight gradients of a {depth}-layer sigmoid MLP cast to float16 (at initialization, digits)")
    ax.legend(loc="upper right")
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="mixed-precision",
    title=Text(ja="混合精度学習：float16 での勾配のアンダーフローと損失スケーリング",
               en="Mixed precision: gradient underflow in float16 and loss scaling"),
    caption=Text(
        ja="12 層のシグモイド MLP（幅 64、Xavier初期化）を digits 256 枚で 1 回逆伝播し、各隠れ層の重みの勾配（float32 で 0 でない成分）のうち、"
           "float16 に変換すると 0 になる成分の割合を描いた。勾配消失で入力側の勾配成分は 1e-10〜1e-9 程度まで小さく、float16 で表せる最小の正の数（約 6e-8）を下回るため、"
           "第 1〜3 層ではほぼすべての成分が 0 になる。出力側の層はほとんど失われない。損失を S = 2²¹ 倍してから逆伝播すると"
           "（どの成分も float16 の最大値 65504 を超えない最大の 2 のべき）、0 になる成分はどの層でもなくなる（Micikevicius ら 2018）。",
        en="A 12-layer sigmoid MLP (width 64, Xavier init), one backward pass on 256 digits images: for each hidden layer, "
           "the share of the non-zero float32 weight-gradient entries that become exactly 0 when cast to float16. Vanishing "
           "gradients leave the input-side entries around 1e-10 to 1e-9, below float16's smallest positive number (about 6e-8), so in layers "
           "1–3 almost every entry is lost, while the output-side layers lose next to nothing. Multiplying the loss by "
           "S = 2²¹ before the backward pass (the largest power of two for which no entry exceeds float16's maximum, 65504) "
           "leaves no entry underflowing in any layer (Micikevicius et al. 2018).",
    ),
    alt=Text(
        ja="横軸が隠れ層の番号 1〜12、縦軸が 0 になる成分の割合の折れ線グラフ。スケーリングなしの線は第 1〜3 層でほぼ 1、"
           "第 4 層で約 0.6、第 7 層から右では 0。損失スケーリングありの線はすべての層で 0 に張りついている。",
        en="Line chart, hidden layer 1 to 12 on the x axis, share of entries lost on the y axis. Without scaling the line "
           "is near 1 for layers 1 to 3, about 0.6 at layer 4, and 0 from layer 7 on. With loss scaling the line lies at "
           "0 for every layer.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="float16 にすると、12 層シグモイド MLP の第 1 層の勾配成分は 100% が 0 に丸まる。損失スケーリング（S = 2²¹）なら 0%。",
                 en="In float16, 100% of layer 1's gradient entries in a 12-layer sigmoid MLP underflow to 0; loss scaling (S = 2²¹) keeps them all."),
    terms=("vanishing-gradient", "numerical-stability", "sigmoid", "xavier-initialization", "backpropagation", "gradient"),
)
