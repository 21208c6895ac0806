"""How much of the input k steps back still reaches the last hidden state: ‖∂h_T/∂x_{T−k}‖ for RNN, LSTM and GRU."""

from __future__ import annotations

from figgen.figure import Figure, Series, Text

# keep_gate_bias: the bias of the gate that keeps the old state (LSTM forget gate, GRU update gate
# z, since PyTorch's GRU computes h' = (1 − z)·n + z·h) is set to this value (b_ih = it, b_hh = 0);
# None would leave PyTorch's default init. 1.0 is the usual choice (Jozefowicz et al. 2015).
CONFIG = {"seed": 0, "seeds": 3, "hidden": 32, "max_lag": 70, "batch": 16, "keep_gate_bias": 1.0}


def compute(config: dict, ctx) -> list[Series]:
    """For each cell and seed: a fresh TinyRNN (PyTorch default init, then the keep-gate bias),
    a batch of one-hot copy-task sequences of length T = max_lag + 1, and the Frobenius norm of
    the Jacobian J_k = ∂h_T/∂x_{T−k} (hidden × input) at every lag k. ‖J_k‖_F² is the sum over
    hidden units j of ‖∂h_T[j]/∂x_{T−k}‖², one vector-Jacobian product per unit: the batch is
    repeated once per unit and copy j back-propagates the unit vector e_j, so a single backward
    pass gives all of them. The norm is averaged over the sequences of a batch, then the seeds are
    combined by a geometric mean (the values span decades; one seed's slower-decaying RNN would
    otherwise dominate an arithmetic mean)."""
    import torch

    from figgen import data, models

    kinds = ("rnn", "lstm", "gru")
    lags = config["max_lag"]
    length, hidden, batch = lags + 1, config["hidden"], config["batch"]
    series = []
    for i, kind in enumerate(kinds):
        log_total = torch.zeros(length)
        for s in range(config["seeds"]):
            seed = config["seed"] + s
            torch.manual_seed(seed)
            cell = models.TinyRNN(kind, hidden=hidden).recurrent
            if kind != "rnn" and config["keep_gate_bias"] is not None:
                with torch.no_grad():  # gate order: LSTM (i, f, g, o), GRU (r, z, n): the 2nd block
                    cell.bias_ih_l0[hidden:2 * hidden].fill_(config["keep_gate_bias"])
                    cell.bias_hh_l0[hidden:2 * hidden].zero_()
            x, _ = data.copy_task(batch, length, seed=seed)                   # (batch, T, 8) one-hot
            inputs = x.repeat(hidden, 1, 1).requires_grad_(True)             # copy j ↔ hidden unit j
            states, _ = cell(inputs)
            last = states[:, -1].reshape(hidden, batch, hidden)               # [copy j, sequence, unit]
            pick = torch.eye(hidden).unsqueeze(1)                             # e_j for copy j
            (last * pick).sum().backward()
            grads = inputs.grad.reshape(hidden, batch, length, -1)            # ∂h_T[j]/∂x_t
            frobenius = grads.pow(2).sum(dim=(0, 3)).sqrt()                  # (batch, T)
            log_total += frobenius.mean(0).flip(0).log()                      # index k = lag T−t
            ctx.progress((i * config["seeds"] + s + 1) / (len(kinds) * config["seeds"]))
        series.append(Series(kind, list(range(length)), (log_total / config["seeds"]).exp().tolist()))
    return series


def draw(series: dict, lang: str, config: dict):
    import matplotlib.pyplot as plt

    from figgen.style import plot_series

    colors = {"rnn": "#D55E00", "lstm": "#0072B2", "gru": "#009E73"}
    labels = {
        "ja": {"rnn": "素の RNN（tanh）", "lstm": "LSTM（忘却ゲートのバイアス 1）", "gru": "GRU（更新ゲートのバイアス 1）"},
        "en": {"rnn": "vanilla RNN (tanh)", "lstm": "LSTM (forget-gate bias 1)", "gru": "GRU (update-gate bias 1)"},
    }[lang]
    fig, ax = plt.subplots(figsize=(8, 4.2))
    for name in ("rnn", "lstm", "gru"):
        plot_series(ax, series[name], labels[name], color=colors[name], linewidth=1.8)
    ax.set_yscale("log")
    ax.axvline(50, color="#888888", linestyle=":", linewidth=1)
    ax.annotate("k = 50", xy=(50, 1), xycoords=("data", "axes fraction"), xytext=(3, -12),
                textcoords="offset points", fontsize=8, color="#666666")
    ax.set_xlim(0, config["max_lag"])
    n, h = config["seeds"], config["hidden"]
    if lang == "ja":
        ax.set_xlabel("何ステップ前の入力か（k）")
        ax.set_ylabel(r"$\|\partial h_T / \partial x_{T-k}\|_F$（フロベニウスノルム、対数）")
        ax.set_title(f"最後の隠れ状態に届く過去の入力の影響（隠れ {h} ユニット、初期化直後、{n} シードの幾何平均）")
    else:
        ax.set_xlabel("lag k (how many steps back the input is)")
        ax.set_ylabel(r"$\|\partial h_T / \partial x_{T-k}\|_F$ (Frobenius norm, log)")
        ax.set_title(f"How much of an input k steps back reaches the last state ({h} hidden units, at init, geometric mean of {n} seeds)")
    ax.legend(loc="lower left")
    fig.tight_layout()
    return fig


FIGURE = Figure(
    id="rnn-long-term",
    title=Text(ja="RNN・LSTM・GRU：過去の入力へ遡る勾配", en="RNN, LSTM and GRU: the gradient that reaches back to past inputs"),
    caption=Text(
        ja="隠れ 32 ユニットの再帰層を初期化した直後に、長さ 71 の one-hot 系列（コピータスク）を流し、最後の隠れ状態 h_T を "
           "k ステップ前の入力 x_{T−k} で微分したヤコビ行列のフロベニウスノルムを自動微分で求めた（隠れユニットごとのベクトル・ヤコビ積の二乗和、"
           "16 系列の平均を 3 シードで幾何平均、縦軸は対数）。素の RNN では 1 ステップ遡るごとにおよそ半分になり、k = 50 では k = 0 の約 1 兆分の 1（約 1e-12）まで落ちる。"
           "忘却ゲートのバイアスを 1 にした LSTM（Jozefowicz ら 2015）と、同じく状態を保つ側の更新ゲートのバイアスを 1 にした GRU は、"
           "k = 50 でも RNN より 6 桁以上大きい勾配を保つ（約 4e-5 と 3e-6）。ただしゲートのバイアスを PyTorch の既定値のままにすると、"
           "ゲートが半分開いた状態から始まるため LSTM も GRU も RNN と同じように減衰し、k = 50 での差は 1〜2 桁にとどまる。"
           "初期化の時点で勾配を遠くまで届けるのは、ゲートがあることそのものより、ゲートが状態を保つ向きに開いていることである（Bengio ら 1994、Hochreiter と Schmidhuber 1997）。",
        en="Right after initialization, recurrent layers with 32 hidden units read one-hot sequences of length 71 (the copy "
           "task); autograd gives the Jacobian of the last hidden state h_T with respect to the input k steps back, x_{T−k}, and "
           "the chart shows its Frobenius norm (the sum of squared vector-Jacobian products over hidden units; mean of 16 "
           "sequences, geometric mean of 3 seeds; log scale). The vanilla RNN loses about half of it per step back: at k = 50 it is about "
           "1e-12 of its value at k = 0. An LSTM with the usual forget-gate bias of 1 (Jozefowicz et al. 2015) and a GRU with "
           "the same bias of 1 on its update gate, the gate that keeps the old state, still carry more than 6 orders of magnitude "
           "more at k = 50 (about 4e-5 and 3e-6). With PyTorch's default gate biases both gated cells start half-open and "
           "decay almost like the RNN (only 1 to 2 orders of magnitude above it at k = 50): at initialization, what lets "
           "the gradient reach far back is not the gate as such but a gate open towards keeping the state (Bengio et al. "
           "1994; Hochreiter & Schmidhuber 1997).",
    ),
    alt=Text(
        ja="横軸が遡るステップ数 k（0〜70）、縦軸がヤコビ行列のノルム（対数）の折れ線グラフ。RNN の線は直線的に急降下し、右端では 1e-17 付近まで下がる。"
           "LSTM と GRU の線はずっと緩やかに下がり、k = 50 の点線の位置で RNN より 6 桁以上上にある。",
        en="Line chart, lag k from 0 to 70 on the x axis, Jacobian norm on a log y axis. The RNN line falls steeply and straight, "
           "to about 1e-17 at the right edge; the LSTM and GRU lines fall much more gently and sit more than 6 orders of "
           "magnitude above it at the dotted line k = 50.",
    ),
    compute=compute,
    draw=draw,
    config=CONFIG,
    summary=Text(ja="素の RNN では k = 50 ステップ前の入力に届く勾配が k = 0 の 7×10⁻¹³ 倍。忘却・更新ゲートのバイアスを 1 にした LSTM と GRU は、RNN の 10⁷ 倍以上と 10⁶ 倍以上を保つ。",
                 en="In a vanilla RNN the gradient reaching the input 50 steps back is 7×10⁻¹³ of that at lag 0; an LSTM and a GRU with keep-gate bias 1 keep more than 10⁷ and 10⁶ times the RNN's."),
    terms=("rnn", "lstm", "gru", "long-term-dependency", "vanishing-gradient", "backpropagation"),
)
