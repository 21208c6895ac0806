"""Exploding gradients at initialization in a 24-layer ReLU MLP: weights 1.5× the He scale vs He."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

# "factor": the too-large init draws every weight (hidden and output) with std = factor * sqrt(2 / fan_in).
CONFIG = {"seed": 0, "depth": 24, "width": 64, "batch": 256, "seeds": [0, 1, 2], "factor": 1.5}


def compute(config: dict, ctx) -> list[Series]:
    import math

    import torch

    from figgen import data, models, training

    x, y = data.digits(config["batch"])
    depth = config["depth"]
    layers = list(range(1, depth + 1))
    series = []
    for i, (name, factor) in enumerate((("too-large", config["factor"]), ("he", 1.0))):
        signal_logs, weight_logs = [], []
        for j, seed in enumerate(config["seeds"]):
            torch.manual_seed(config["seed"] + seed)
            model = models.MLP(models.MLPConfig(depth=depth, width=config["width"], activation="relu", init="he"))
            with torch.no_grad():
                for w in model.hidden_weights() + [model.output.weight]:
                    torch.nn.init.normal_(w, std=factor * math.sqrt(2.0 / w.shape[1]))
            # The gradient arriving at each hidden layer's output, ∂L/∂h_l (the backpropagated signal).
            signal = [math.nan] * depth

            def watch(l):
                def capture(grad):
                    signal[l] = grad.detach().norm().item()

                def forward_hook(module, inputs, output):
                    output.register_hook(capture)  # returns None: the output itself is left as it is
                return forward_hook

            handles = [block.register_forward_hook(watch(l)) for l, block in enumerate(model.hidden)]
            weights = training.gradient_norms(model, model.hidden_weights(), x, y)
            for handle in handles:
                handle.remove()
            signal_logs.append([math.log(v) for v in signal])
            weight_logs.append([math.log(v) for v in weights])
            ctx.progress((i * len(config["seeds"]) + j + 1) / (2 * len(config["seeds"])))
        geometric_mean = lambda logs: [math.exp(sum(layer) / len(layer)) for layer in zip(*logs)]  # noqa: E731
        series.append(Series(name, layers, geometric_mean(signal_logs)))
        series.append(Series(f"weight-{name}", layers, geometric_mean(weight_logs)))
    return series


def draw(series: dict, lang: str, config: dict):
    import matplotlib.pyplot as plt

    from figgen.style import color, plot_series

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4))
    factor = config["factor"]
    colors = {"too-large": "#D55E00", "he": color("he")}
    labels = {
        "ja": {"too-large": f"大きすぎる初期化（σ が He の {factor} 倍）", "he": "He初期化"},
        "en": {"too-large": f"too large ({factor}× the He std)", "he": "He init"},
    }[lang]
    for name in ("too-large", "he"):
        style = dict(color=colors[name], marker="o", markersize=3, linewidth=1.5)
        plot_series(left, series[name], labels[name], **style)
        plot_series(right, series[f"weight-{name}"], labels[name], **style)
    depth = config["depth"]
    for ax in (left, right):
        ax.set_yscale("log")
        ax.set_xticks(range(1, depth + 1, 3))
    if lang == "ja":
        for ax in (left, right):
            ax.set_xlabel("隠れ層の番号（1 = 入力側）")
        left.set_ylabel("層の出力に届く勾配 ||∂L/∂h|| （対数）")
        left.set_title("逆伝播で各層に届く勾配")
        right.set_ylabel("重みの勾配 ||∂L/∂W|| （対数）")
        right.set_title("各層の重みの勾配")
        fig.suptitle(f"初期化直後の {depth} 層 ReLU MLP（digits、{len(config['seeds'])} シードの幾何平均）", fontsize=11)
    else:
        for ax in (left, right):
            ax.set_xlabel("hidden layer (1 = next to the input)")
        left.set_ylabel("gradient reaching the layer's output ||∂L/∂h|| (log)")
        left.set_title("Gradient backpropagated to each layer")
        right.set_ylabel("weight gradient ||∂L/∂W|| (log)")
        right.set_title("Weight gradient of each layer")
        fig.suptitle(f"A {depth}-layer ReLU MLP at initialization (digits, geometric mean of {len(config['seeds'])} seeds)",
                     fontsize=11)
    left.legend(loc="lower left", bbox_to_anchor=(0.0, 0.1))
    right.legend(loc="center right")
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="exploding-depth",
    title=Text(ja="初期値が大きすぎると勾配が爆発する：深い ReLU ネットワーク",
               en="Exploding gradients from a too-large initialization in a deep ReLU network"),
    caption=Text(
        ja="24 層・幅 64 の ReLU MLP を、He初期化（標準偏差 √(2/n_in)）と、その 1.5 倍の標準偏差で初期化したものとで比べた。"
           "手書き数字 256 枚で 1 回だけ順伝播と逆伝播を行い、3 シードの幾何平均をとった（縦軸は対数）。"
           "左は逆伝播で各層の出力に届く勾配の大きさ。大きすぎる初期化では 1 層遡るごとにほぼ 1.5 倍ずつ増え、"
           "第 1 層では最後の層の約 1×10⁴ 倍になる。He初期化ではどの層もほぼ同じ大きさ（第 1 層と最後の層の比は約 1）。"
           "右は重みの勾配。ReLU では順伝播の信号も 1 層ごとに 1.5 倍に膨らみ、逆伝播の増え方と打ち消し合うため、"
           "層による差は小さい。その代わりどの層でも He の 2×10⁴〜4×10⁴ 倍と桁違いに大きく、このまま SGD で更新すれば学習は壊れる。",
        en="A 24-layer ReLU MLP of width 64, initialized with He (std √(2/n_in)) and with a std 1.5 times larger, "
           "measured with one forward and one backward pass on 256 digit images (geometric mean of 3 seeds, log "
           "scale). Left: the gradient that backpropagation delivers to each layer's output. With the too-large "
           "initialization it grows by about 1.5× per layer towards the input, so layer 1 receives about 1×10⁴ times "
           "what the last layer gets; with He every layer gets about the same (first/last ratio about 1). Right: the "
           "weight gradients. In a ReLU net the forward signal also grows 1.5× per layer, which cancels the backward "
           "growth, so the weight gradients barely depend on the layer; instead every one of them is 2×10⁴ to "
           "4×10⁴ times larger than with He, far too large for an SGD step.",
    ),
    alt=Text(
        ja="左右 2 枚の折れ線グラフ。どちらも横軸が隠れ層の番号、縦軸が勾配の大きさ（対数）。左では、大きすぎる初期化の線が"
           "右端から左端へ一直線に約 4 桁上がり、He の線はほぼ水平。右では 2 本ともほぼ水平だが、大きすぎる初期化の線は"
           "He の線より 4 桁以上上にある。",
        en="Two line charts, hidden layer on the x axis and gradient size on a log y axis. Left: the too-large line "
           "rises in a straight line by about four orders of magnitude from the last layer (right) to the first "
           "(left); the He line is nearly flat. Right: both lines are nearly flat, but the too-large line lies more "
           "than four orders of magnitude above the He line.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="He の 1.5 倍の標準偏差で初期化した 24 層 ReLU MLP では、勾配が 1 層遡るごとに 1.50 倍に増え、第 1 層には最後の層の 1.2×10⁴ 倍が届く。He初期化ではこの比が 1.0。",
                 en="Initialized with 1.5 times the He std, a 24-layer ReLU MLP's gradient grows 1.50× per layer towards the input: layer 1 gets 1.2×10⁴ times what the last layer gets. With He the ratio is 1.0."),
    terms=("exploding-gradient", "weight-initialization", "he-initialization", "relu", "depth", "gradient-norm",
           "backpropagation"),
)
