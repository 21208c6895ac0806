# %% [markdown]
# # ハンズオン：勾配チェックで逆伝播を確かめる
#
# 全結合層の逆伝播を `torch.autograd.Function` として手で書き、次の 3 通りの方法で確かめます。
#
# 1. 正しい実装が、float64 の `torch.autograd.gradcheck` を通ること
# 2. わざと誤り（転置の取り違え）を入れた同じ層を、`gradcheck` が見つけること。テンソルの形はすべて合っていて、それだけではどこにもエラーが出ません
# 3. 手書きの中心差分で、小さな MLP（64→16→16→10、tanh）のパラメータからランダムに選んだ成分を、手書き数字 8 枚の上で調べること。float64 と float32 のそれぞれで、ずらし幅 $h$ を何通りも変えて比べます
#
# CPU 1 コアで数秒、乱数の種は固定、ダウンロードもありません。各ステップの理屈（誤差の次数、相対誤差、丸め誤差）は記事 [勾配チェック](../../practice/gradient-checking/) で説明しています。

# %% [markdown]
# ## 準備：データと乱数の種
#
# 8×8 ピクセルの数字画像 1797 枚を float64 で標準化します。勾配チェックに使うのは先頭の 8 枚だけで、それで十分です。

# %%
import copy
import math
import statistics

import matplotlib.pyplot as plt
import matplotlib_fontja  # noqa: F401  日本語の軸ラベルを文字化けさせないため
import torch
import torch.nn.functional as F
from IPython.display import Markdown, display
from sklearn.datasets import load_digits
from torch import nn
from torch.autograd.gradcheck import GradcheckError

torch.manual_seed(0)
torch.set_num_threads(1)  # 結果と所要時間をマシンに左右されにくくする

digits = load_digits()
x_all = torch.tensor(digits.data, dtype=torch.float64)
x_all = (x_all - x_all.mean(0)) / (x_all.std(0) + 1e-6)
x = x_all[:8]
y = torch.tensor(digits.target[:8])
print("入力:", tuple(x.shape), x.dtype, " ラベル:", y.tolist())

# %% [markdown]
# ## 逆伝播を手で書いた層
#
# $Y = X W^\top + b$ で、上流から届く勾配を $G = \partial L / \partial Y$（1 行が 1 例）とすると、連鎖律から $\partial L / \partial X = G W$、$\partial L / \partial W = G^\top X$、$\partial L / \partial b = \sum_n G_n$（バッチ方向の和）が得られます。`backward` はこの 3 つをそのまま返します。

# %%
class MyLinear(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias):
        ctx.save_for_backward(x, weight)
        return x @ weight.T + bias

    @staticmethod
    def backward(ctx, grad_out):
        x, weight = ctx.saved_tensors
        grad_x = grad_out @ weight  # (N, in)
        grad_w = grad_out.T @ x  # (out, in)
        grad_b = grad_out.sum(dim=0)  # バッチ方向に足す
        return grad_x, grad_w, grad_b


# %% [markdown]
# ## (a) 正しい層を gradcheck に通す
#
# `gradcheck` は、`requires_grad=True` のすべての入力の各成分を中心差分でずらして数値的なヤコビ行列を作り、`backward` から組み立てたヤコビ行列と比べます。入力は float64 で、形は MLP の中間の層と同じ（8 例、16 → 16 ユニット）です。

# %%
def gradcheck_inputs(seed: int) -> tuple[torch.Tensor, ...]:
    g = torch.Generator().manual_seed(seed)
    shapes = [(8, 16), (16, 16), (16,)]
    return tuple(torch.randn(s, generator=g, dtype=torch.float64).requires_grad_() for s in shapes)


gradcheck_ok = torch.autograd.gradcheck(MyLinear.apply, gradcheck_inputs(0))
print("gradcheck:", gradcheck_ok)

# %% [markdown]
# ## (b) 誤りを入れた同じ層
#
# `MyLinearBug` は重みの勾配を $G^\top X$ ではなく $X^\top G$ と書いています。入力も出力も 16 次元なので、どちらも 16×16 の行列になり、PyTorch はこの勾配をそのまま受け取ります。学習させても何のエラーも出ません。`gradcheck` は `GradcheckError` を送出するので、そのメッセージの 1 行目を表示します。

# %%
class MyLinearBug(MyLinear):
    @staticmethod
    def backward(ctx, grad_out):
        x, weight = ctx.saved_tensors
        return grad_out @ weight, x.T @ grad_out, grad_out.sum(dim=0)  # x.T @ grad_out が転置の誤り


bug_caught, bug_message = False, ""
try:
    torch.autograd.gradcheck(MyLinearBug.apply, gradcheck_inputs(0))
except GradcheckError as error:
    bug_caught, bug_message = True, str(error).splitlines()[0]
print("検出:", bug_caught, "|", bug_message)

# %% [markdown]
# 「input 1」は 2 番目の引数 `weight` のことです。チェックは、勾配が誤っているテンソルを名指しで教えてくれます。
#
# 記事で挙げた誤りのうち、バイアスの勾配をバッチ方向に足し忘れる誤りは、ここでは事情が違います。`grad_out` をそのままバイアスの勾配として返しても、autograd が (8, 16) の勾配をバイアスの形 (16,) まで黙って足し合わせてしまうので、この版は `gradcheck` を通ります。`torch.autograd.Function` の中ではこの書き忘れは害になりませんが、ふつうの配列演算で逆伝播を書いていれば本物の誤りです。

# %%
class MyLinearNoSum(MyLinear):
    @staticmethod
    def backward(ctx, grad_out):
        x, weight = ctx.saved_tensors
        return grad_out @ weight, grad_out.T @ x, grad_out  # バイアスの勾配をバッチ方向に足していない


no_sum_passes = torch.autograd.gradcheck(MyLinearNoSum.apply, gradcheck_inputs(0))
print("バッチ方向の和なしで gradcheck:", no_sum_passes)

# %% [markdown]
# ## (c) 中心差分を手で書いて確かめる：float64 と float32
#
# `MyLinear` で MLP 64→16→16→10（tanh）を組み、6 個あるパラメータのテンソルからそれぞれランダムに 3 成分を選びます。各成分 $w$ について、逆伝播で求めた勾配 $g_\text{bp}$ と、8 枚の数字に対する交差エントロピー損失 $L$ の中心差分 $g_\text{num} = (L(w+h) - L(w-h))/2h$ を、相対誤差 $e = |g_\text{bp} - g_\text{num}| / \max(|g_\text{bp}|, |g_\text{num}|)$ で比べます。float32 のモデルは float64 のモデルをそのまま複製し、一度だけ float32 に丸めたものです。

# %%
class HandLinear(nn.Module):
    def __init__(self, n_in: int, n_out: int):
        super().__init__()
        bound = 1 / math.sqrt(n_in)
        self.weight = nn.Parameter(torch.empty(n_out, n_in, dtype=torch.float64).uniform_(-bound, bound))
        self.bias = nn.Parameter(torch.empty(n_out, dtype=torch.float64).uniform_(-bound, bound))

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        return MyLinear.apply(inputs, self.weight, self.bias)


torch.manual_seed(0)
model64 = nn.Sequential(HandLinear(64, 16), nn.Tanh(), HandLinear(16, 16), nn.Tanh(), HandLinear(16, 10))
model32 = copy.deepcopy(model64).float()

generator = torch.Generator().manual_seed(1)
entries = [(name, i) for name, p in model64.named_parameters()
           for i in torch.randint(p.numel(), (3,), generator=generator).tolist()]
print(len(entries), "成分:", ", ".join(f"{name}[{i}]" for name, i in entries[:4]), "...")


def relative_errors(model: nn.Sequential, inputs: torch.Tensor, h: float) -> list[float]:
    model.zero_grad()
    F.cross_entropy(model(inputs), y).backward()
    params = dict(model.named_parameters())
    result = []
    with torch.no_grad():
        for name, i in entries:
            flat = params[name].view(-1)
            w = flat[i].item()
            flat[i] = w + h
            plus = F.cross_entropy(model(inputs), y).item()
            flat[i] = w - h
            minus = F.cross_entropy(model(inputs), y).item()
            flat[i] = w  # 元に戻す
            num, bp = (plus - minus) / (2 * h), params[name].grad.view(-1)[i].item()
            scale = max(abs(num), abs(bp))
            result.append(abs(num - bp) / scale if scale > 0 else 0.0)
    return result


steps = [10.0 ** (-k / 2) for k in range(2, 21)]  # h = 1e-1, 3e-2, ..., 1e-10
runs = {"float64": (model64, x), "float32": (model32, x.float())}
all_errors = {name: {h: relative_errors(model, inputs, h) for h in steps} for name, (model, inputs) in runs.items()}
errors = {name: [(h, statistics.median(e)) for h, e in by_h.items()] for name, by_h in all_errors.items()}

# %% [markdown]
# ## 表：よく使う 2 つのずらし幅での最大の相対誤差
#
# 18 個の相対誤差のうち最大のものを、$h = 10^{-5}$（float64 でよく使う値）と $h = 10^{-3}$ で示します。最大値は、下の図に描く中央値より厳しい指標です。たまたま勾配が小さい成分では、同じ大きさの絶対的なずれでも相対誤差が大きくなるからです。

# %%
rows = ["| 精度 | 最大誤差（h = 1e-5） | 最大誤差（h = 1e-3） |", "|---|---:|---:|"]
for name, by_h in all_errors.items():
    small, large = max(by_h[1e-5]), max(by_h[1e-3])
    rows.append(f"| {name} | {small:.1e} | {large:.1e} |")
display(Markdown("\n".join(rows)))

# %% [markdown]
# ## 図：ずらし幅 $h$ と相対誤差
#
# 縦軸も横軸も対数目盛です。各点は 18 個の相対誤差の中央値です。図の下の表は、同じ中央値を数値で並べたものです。

# %%
fig, ax = plt.subplots(figsize=(7, 4))
for name, points in errors.items():
    hs, medians = zip(*points)
    ax.loglog(hs, medians, marker="o", markersize=4, label=name)
ax.axhline(1e-7, color="gray", linestyle="--", linewidth=1, label="$10^{-7}$：この線より下なら正しい")
ax.set_xlabel("ずらし幅 h（対数目盛）")
ax.set_ylabel("相対誤差の中央値（対数目盛）")
ax.set_title("中心差分と逆伝播の比較")
ax.grid(True, which="both", alpha=0.3)
ax.legend()
fig.tight_layout()
plt.show()

rows = ["| ずらし幅 h | float64 | float32 |", "|---:|---:|---:|"]
for (h, e64), (_, e32) in zip(errors["float64"], errors["float32"]):
    rows.append(f"| {h:.0e} | {e64:.1e} | {e32:.1e} |")
display(Markdown("\n".join(rows)))

for name, points in errors.items():
    h_best, e_best = min(points, key=lambda point: point[1])
    print(f"{name}: 中央値の最小 {e_best:.1e}（h = {h_best:.0e}）")

# %% [markdown]
# ## 見えたこと
#
# - float64 の `gradcheck` は正しい `MyLinear` を通し、重みの勾配の転置の誤りをはじきます。しかも、勾配が誤っている入力を名指しします。形は合っていたので、ほかの方法では誰も気づかなかったはずです。
# - float64 では、手書きのチェックの相対誤差（中央値）が $10^{-5}$ の前後の広い範囲の $h$ で $10^{-7}$ を下回り、よく使われる基準で「正しい」と判定できます。
# - float32 では、同じ正しい勾配でも $10^{-5}$ を下回ることがありません。$h$ が小さい側では $1/h$ に比例して増える丸め誤差が、大きい側では $h^2$ に比例して増える打ち切り誤差が、差分を覆い隠します。勾配チェックは float64 で行うものです。
#
# > **試してみよう**：`nn.Tanh()` を `nn.ReLU()` に置き換えて、$h$ が小さいときに一部の成分だけ誤差が跳ねるかどうかを見てみてください。跳ねるとすれば、記事で説明した折れ目の影響です。
#
# **この後の記事**：[勾配チェック](../../practice/gradient-checking/)・[誤差逆伝播法](../../basics/backpropagation/)・[学習中の勾配を監視する](../../practice/monitoring/)
