"""Dying ReLU: the fraction of dead hidden units during training with a large learning rate, ReLU vs Leaky ReLU."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

CONFIG = {
    "seed": 0, "seeds": 2, "depth": 5, "width": 24, "init": "he", "steps": 400, "lr": 1.5, "clip_norm": 2.0,
    "batch": 32, "eval_batch": 512, "eval_every": 10,
}


def compute(config: dict, ctx) -> list[Series]:
    import torch

    from figgen import data, models, training

    x, y = data.digits()
    x_eval = x[:config["eval_batch"]]
    every, units = config["eval_every"], config["depth"] * config["width"]
    seeds = [config["seed"] + k for k in range(config["seeds"])]
    runs = len(seeds) * 2
    series = []
    for a, activation in enumerate(("relu", "leaky-relu")):
        curves = []
        for k, seed in enumerate(seeds):
            torch.manual_seed(seed)  # ReLU and Leaky ReLU start from the same weights and see the same batches
            model = models.MLP(models.MLPConfig(depth=config["depth"], width=config["width"],
                                                activation=activation, init=config["init"]))
            pre = []  # pre-activations of every hidden layer on the evaluation batch
            hooks = [block.linear.register_forward_hook(lambda module, args, out: pre.append(out.detach()))
                     for block in model.hidden]
            steps, dead = [], []

            def measure(step: int, model: torch.nn.Module) -> None:
                pre.clear()
                with torch.no_grad():
                    model(x_eval)
                # dead: pre-activation ≤ 0 on every example (ReLU's output is then 0 on every example)
                steps.append(step)
                dead.append(sum(int((z <= 0).all(dim=0).sum()) for z in pre) / units)

            measure(0, model)
            training.train(
                model, data.minibatches(x, y, config["batch"], seed=seed + 1000),
                steps=config["steps"], lr=config["lr"], clip_norm=config["clip_norm"], record_every=config["steps"],
                after_step=lambda step, model: measure(step + 1, model) if (step + 1) % every == 0 else None,
                progress=lambda f, r=a * len(seeds) + k: ctx.progress((r + f) / runs),
            )
            for hook in hooks:
                hook.remove()
            curves.append(dead)
        mean = [sum(values) / len(values) for values in zip(*curves)]
        series.append(Series(activation, steps, mean))
    return series


def draw(series: dict, lang: str, config: dict):
    import matplotlib.pyplot as plt

    from figgen.style import color, plot_series

    fig, ax = plt.subplots(figsize=(7.5, 4))
    ja = lang == "ja"
    labels = {"relu": "ReLU（死ぬと出力も勾配も 0）" if ja else "ReLU (a dead unit: output and gradient 0)",
              "leaky-relu": "Leaky ReLU（勾配は 0.01 倍で流れ続ける）" if ja else "Leaky ReLU (gradient still flows, ×0.01)"}
    for name in ("relu", "leaky-relu"):
        plot_series(ax, series[name], labels[name], color=color(name), linewidth=1.8)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    depth, width, n = config["depth"], config["width"], config["eval_batch"]
    if ja:
        ax.set_xlabel(f"ステップ（SGD、学習率 {config['lr']}、ミニバッチ {config['batch']}、勾配ノルムを {config['clip_norm']:g} で切り詰め）")
        ax.set_ylabel(f"死んだユニットの割合\n（{n} 枚すべてで入力 ≤ 0）")
        ax.set_title(f"大きな学習率で学習した隠れ層 {depth} 層 × {width} ユニットの MLP（{config['seeds']} シードの平均）")
    else:
        ax.set_xlabel(f"step (SGD, learning rate {config['lr']}, mini-batch of {config['batch']}, gradient norm clipped at {config['clip_norm']:g})")
        ax.set_ylabel(f"fraction of dead units\n(input ≤ 0 on all {n} images)")
        ax.set_title(f"MLP, {depth} hidden layers × {width} units, large learning rate (mean of {config['seeds']} seeds)")
    ax.legend(loc="upper left")
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="dying-relu",
    title=Text(ja="ReLU の死：大きな学習率で止まったまま戻らないユニット",
               en="Dying ReLU: units that stop and never come back under a large learning rate"),
    caption=Text(
        ja="隠れ層 5 層 × 24 ユニットの MLP を手書き数字（digits）で、He初期化から学習率 1.5 の SGD（ミニバッチ 32 枚）で 400 ステップ学習した。"
           "ステップが大きすぎて NaN に発散しないよう、勾配全体のノルムを 2 で切り詰めている。ReLU と Leaky ReLU（負側の傾き 0.01）は同じ初期値・同じミニバッチで、"
           "2 シードの平均を示す。10 ステップごとに 512 枚の画像を通し、すべての画像で入力（活性化関数の手前の値）が 0 以下になったユニットを「死んだ」と数えた。"
           "ReLU ではこのときの出力も勾配も常に 0 なので、一度死んだユニットは自分では戻れない。死んだ割合は増え続けて最後は約 43% に達し、"
           "最後のミニバッチの損失は約 2.2 と、当てずっぽうの ln 10 ≈ 2.3 に近い。"
           "Leaky ReLU でも入力が全部負になるユニットは一時 20% ほど現れるが、傾き 0.01 の分だけ勾配が流れ続けるので多くが戻り、最後は約 10%（損失は約 0.7）。",
        en="An MLP with 5 hidden layers of 24 units, trained on the digits data from He initialization with SGD at a large "
           "learning rate of 1.5 (mini-batches of 32) for 400 steps; the global gradient norm is clipped at 2 so that the "
           "oversized steps do not diverge to NaN. ReLU and Leaky ReLU (slope 0.01 below zero) start from the same weights "
           "and see the same batches; each line is the mean of 2 seeds. Every 10 steps 512 images are passed through the "
           "network, and a unit counts as dead when its input (the value before the activation) is ≤ 0 on every one of them. "
           "A dead ReLU unit outputs 0 and gets a zero gradient, so nothing brings it back: the dead fraction keeps growing "
           "to about 43%, and the last mini-batch's loss is about 2.2, close to guessing (ln 10 ≈ 2.3). Leaky ReLU units also "
           "fall entirely below zero at times (up to about 20%), but the 0.01 slope keeps a gradient flowing through them "
           "and many recover: about 10% at the end, with a loss of about 0.7.",
    ),
    alt=Text(
        ja="横軸がステップ、縦軸が死んだユニットの割合（0〜100%）の折れ線グラフ。ReLU の線はほぼ 0% から右上がりに増え、"
           "後半は 33〜47% の間で高止まりし、43% で終わる。Leaky ReLU の線は 100 ステップ付近で 20% ほどまで上がった後、下がって 250 ステップ以降は 10〜13% の間にとどまり、10% で終わる。",
        en="Line chart of the fraction of dead units (0 to 100%) against step. The ReLU line rises from almost 0% and stays "
           "high in the second half, between about 33% and 47%; it ends at 43%. The Leaky ReLU line climbs to about 20% "
           "around step 100, then falls; from step 250 on it stays between 10% and 13% and ends at 10%.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="学習率 1.5 の SGD で 400 ステップ学習すると、ReLU の隠れユニットは 43% が死んだまま戻らない。Leaky ReLU では 10%。",
                 en="After 400 SGD steps at learning rate 1.5, 43% of the ReLU hidden units are dead and stay dead; with Leaky ReLU, 10%."),
    terms=("dying-relu", "relu", "leaky-relu", "learning-rate", "gradient-clipping", "sgd", "hidden-layer"),
)
