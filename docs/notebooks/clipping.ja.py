# %% [markdown]
# # ハンズオン：勾配爆発とクリッピング
#
# 再帰型ネットワーク（RNN）に手書き数字を系列として読ませます。8×8 の画像の 8 つの行が、8 ピクセルずつの 8 時刻です。再帰の重み行列をわざと大きく初期化して、勾配が時刻を遡るうちに膨らむようにし、素の SGD で **まったく同じ出発点から 2 回** 学習させます。1 回目はそのまま、2 回目は `torch.nn.utils.clip_grad_norm_` で全体の勾配ノルムに上限を設けます。各ステップで、クリッピング前の勾配ノルムと損失を記録します。
#
# CPU 1 コアで数秒、乱数の種は固定、ダウンロードもありません。背景は [勾配爆発](../../problems/exploding/)・[RNN と長期依存性](../../problems/rnn/)・[勾配クリッピングと学習率](../../remedies/clipping-and-optimizers/) を参照してください。

# %% [markdown]
# ## 準備：データと乱数の種
#
# 数字画像 1797 枚をピクセルごとに標準化し、(例数, 8 時刻, 8 ピクセル) の形に並べ替えます。64 枚ずつのミニバッチを、種で固定した順序で取り出します。この順序は 2 回の学習で共通です。

# %%
import math

import matplotlib.pyplot as plt
import matplotlib_fontja  # noqa: F401  日本語の軸ラベルを文字化けさせないため
import torch
import torch.nn.functional as F
from IPython.display import Markdown, display
from sklearn.datasets import load_digits
from torch import nn

torch.manual_seed(0)
torch.set_num_threads(1)  # 結果と所要時間をマシンに左右されにくくする

digits = load_digits()
x_all = torch.tensor(digits.data, dtype=torch.float32)
x_all = (x_all - x_all.mean(0)) / (x_all.std(0) + 1e-6)
x_all = x_all.view(-1, 8, 8)  # (例数, 時刻 = 行, 1 行のピクセル数)
y_all = torch.tensor(digits.target)

STEPS, BATCH = 150, 64
order_generator = torch.Generator().manual_seed(1)
order = torch.cat([torch.randperm(len(x_all), generator=order_generator) for _ in range(6)])
batches = [order[i * BATCH : (i + 1) * BATCH] for i in range(STEPS)]
print("系列:", tuple(x_all.shape), " ステップ数:", STEPS, " バッチサイズ:", BATCH)

# %% [markdown]
# ## モデル：再帰の重み行列が大きすぎる RNN
#
# 64 ユニットの隠れ状態を $h_t = \mathrm{ReLU}(W_{hh} h_{t-1} + W_{xh} x_t + b)$ で更新し、最後の状態 $h_8$ を線形層で 10 クラスに読み出します。$W_{hh}$ はランダムな直交行列を 2.5 倍したもので、特異値はすべて 2.5、したがってスペクトル半径も 2.5 と、1 を大きく上回ります。tanh と違って ReLU は飽和しません。ユニットが活性なところでは導関数がちょうど 1 なので、時刻を遡るときに掛かるこれらの因子の積を縮めるものがありません。

# %%
HIDDEN, RADIUS = 64, 2.5


class DigitRNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(8, HIDDEN, nonlinearity="relu", batch_first=True)
        self.readout = nn.Linear(HIDDEN, 10)
        with torch.no_grad():
            nn.init.orthogonal_(self.rnn.weight_hh_l0)
            self.rnn.weight_hh_l0.mul_(RADIUS)

    def forward(self, sequences: torch.Tensor) -> torch.Tensor:
        _, last = self.rnn(sequences)
        return self.readout(last[-1])


# %% [markdown]
# ## 同じ出発点から 2 回学習する
#
# 2 回とも初期の重み、ミニバッチ、学習率 0.5 の SGD は同じです。違うのは `max_norm` だけで、クリッピングありでは 5、なしでは $\infty$ にします。$\infty$ のとき `clip_grad_norm_` は測るだけです。どちらの場合も、戻り値はクリッピング**前**の全勾配のノルム $\lVert g \rVert$ で、これを記録します。

# %%
LR, max_norm = 0.5, 5.0


def train(clip: bool) -> dict[str, list[float]]:
    torch.manual_seed(0)  # 2 回とも同じ重みから始める
    model = DigitRNN()
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    record = {"norm": [], "loss": []}
    for batch in batches:
        loss = F.cross_entropy(model(x_all[batch]), y_all[batch])
        optimizer.zero_grad()
        loss.backward()
        norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm if clip else math.inf)
        optimizer.step()
        record["norm"].append(norm.item())
        record["loss"].append(loss.item())
    return record


history = {"no clipping": train(clip=False), "clipping": train(clip=True)}

# %% [markdown]
# ## 図：ステップごとの勾配ノルムと損失
#
# どちらの縦軸も対数目盛です。値が NaN や無限大になると線はそこで途切れます。点線の縦線は、損失が初めて有限でなくなったステップです。クリッピングありの経過が読み取れるよう、損失の軸は $10^3$ で切ってあります。

# %%
fig, (ax_norm, ax_loss) = plt.subplots(1, 2, figsize=(10, 4))
labels = {"no clipping": "クリッピングなし", "clipping": f"クリッピングあり（max_norm = {max_norm:g}）"}
for name, record in history.items():
    for ax, key in ((ax_norm, "norm"), (ax_loss, "loss")):
        values = [v if math.isfinite(v) else math.nan for v in record[key]]
        ax.semilogy(range(STEPS), values, marker="o" if name == "no clipping" else None,
                    markersize=4, label=labels[name])
blow_up = next((t for t, v in enumerate(history["no clipping"]["loss"]) if not math.isfinite(v)), None)
ax_norm.axhline(max_norm, color="gray", linestyle="--", linewidth=1, label="max_norm")
for ax in (ax_norm, ax_loss):
    if blow_up is not None:
        ax.axvline(blow_up, color="black", linestyle=":", linewidth=1)
    ax.set_xlabel("学習ステップ")
    ax.grid(True, which="both", alpha=0.3)
ax_loss.set_ylim(0.05, 1e3)  # クリッピングなしの経過は図の上端から外に出る
if blow_up is not None:
    top = max(v for v in history["no clipping"]["loss"] if math.isfinite(v))
    ax_loss.annotate(f"{top:.0e} まで増えたのち NaN", xy=(blow_up, 1e3), xytext=(blow_up + 10, 150),
                     arrowprops={"arrowstyle": "->"})
ax_norm.set_ylabel("クリッピング前の勾配ノルム（対数目盛）")
ax_loss.set_ylabel("ミニバッチの損失（対数目盛）")
ax_norm.set_title("全体の勾配ノルム")
ax_loss.set_title("損失")
ax_norm.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 表：2 回の学習を数字で比べる
#
# 「有限でない損失」は、損失が NaN か無限大になったステップの数と、その最初のステップです。「クリップしたステップ数」は、ノルムが `max_norm` を超えた、つまりクリッピングが実際に更新を変えたステップの数です。表の下には、それぞれの学習の最初の 5 ステップの勾配ノルム（クリッピング前）と、全ステップでの最大値を示します。

# %%
rows = ["| 学習 | 最初の損失 | 最後の損失 | 有限な損失の最大値 | 有限でない損失 | クリップしたステップ数 | "
        "最後の 10 ステップの平均損失 |", "|---|---:|---:|---:|---:|---:|---:|"]
for name, record in history.items():
    losses = record["loss"]
    finite = [v for v in losses if math.isfinite(v)]
    bad = [t for t, v in enumerate(losses) if not math.isfinite(v)]
    bad_text = f"{len(bad)} 回（ステップ {bad[0]} から）" if bad else "なし"
    clipped = sum(n > max_norm for n in record["norm"])
    last = sum(losses[-10:]) / 10
    rows.append(f"| {labels[name]} | {losses[0]:.2f} | {losses[-1]:.2f} | {max(finite):.1e} | {bad_text} | {clipped} "
                f"| {last:.2f} |")
display(Markdown("\n".join(rows)))
for name, record in history.items():
    norms = ", ".join(f"{n:.1e}" for n in record["norm"][:5])
    print(f"{labels[name]} | 最初の数ステップのノルム: {norms} | ノルムの最大値: {max(record['norm']):.1e}")

# %% [markdown]
# ## 見えたこと
#
# - **クリッピングなし**では、勾配ノルムがステップごとに何桁も増えます。大きすぎる更新が重みをさらに遠くへ飛ばし、飛んだ先での勾配はもっと大きくなるからです。数ステップのうちに損失は最初の値をはるかに超えて跳ね上がり、やがて無限大や NaN になって、学習は二度と戻りません。
# - **クリッピングあり**でも、最初のステップの勾配はまったく同じです（重みもミニバッチも同じなので）。次のステップの勾配も上限を超えていますが、1 回の更新の長さは $\eta \cdot$ `max_norm` までに抑えられます。危ない序盤を越えるとノルムは上限の下に落ち着き、その後クリッピングが効くのはときどきだけになり、損失はミニバッチごとの揺れを伴いながら下がっていきます。
# - クリッピングが変えるのは更新の長さだけで、向きは変えません。ノルムが `max_norm` の下にあるステップでは何もしません。それでも `clip_grad_norm_` が返すノルムは記録しておく価値があります。異変の最初の兆しになるからです。
#
# > **試してみよう**：`DigitRNN` で `nonlinearity="tanh"` にする、あるいは `RADIUS = 1.0` にすると、クリッピングなしの学習がどうなるか、実行する前に予想してみてください。
#
# **この後の記事**：[勾配爆発](../../problems/exploding/)・[RNN と長期依存性](../../problems/rnn/)・[勾配クリッピングと学習率](../../remedies/clipping-and-optimizers/)・[学習中の勾配を監視する](../../practice/monitoring/)
