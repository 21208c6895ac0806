# %% [markdown]
# # Hands-on: check a backward pass with gradient checking
#
# We write the backward pass of a fully connected layer by hand, as a `torch.autograd.Function`, and
# then test it three ways:
#
# 1. `torch.autograd.gradcheck` in float64 passes the correct implementation;
# 2. the same layer with a deliberate bug (a mixed-up transpose) is caught by `gradcheck`, even though
#    every tensor shape fits and nothing raises an error on its own;
# 3. a central-difference check written by hand compares random parameter entries of a small MLP
#    (64→16→16→10, tanh) on 8 handwritten digits, in float64 and in float32, for many step sizes $h$.
#
# It runs in a few seconds on one CPU core, with fixed random seeds and no downloads. The
# theory behind each step (the order of the error, relative error, rounding) is in the article
# [gradient checking](../../practice/gradient-checking/).

# %% [markdown]
# ## Setup: data and random seed
#
# The 1,797 digit images of 8×8 pixels are standardized in float64; the first 8 are all the data a
# gradient check needs.

# %%
import copy
import math
import statistics

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from IPython.display import Markdown, display
from sklearn.datasets import load_digits
from torch import nn
from torch.autograd.gradcheck import GradcheckError

torch.manual_seed(0)
torch.set_num_threads(1)  # keeps results and run time independent of the machine's core count

digits = load_digits()
x_all = torch.tensor(digits.data, dtype=torch.float64)
x_all = (x_all - x_all.mean(0)) / (x_all.std(0) + 1e-6)
x = x_all[:8]
y = torch.tensor(digits.target[:8])
print("inputs:", tuple(x.shape), x.dtype, " labels:", y.tolist())

# %% [markdown]
# ## A layer with a hand-written backward pass
#
# For $Y = X W^\top + b$ with an upstream gradient $G = \partial L / \partial Y$ (one row per
# example), the chain rule gives
# $\partial L / \partial X = G W$, $\partial L / \partial W = G^\top X$ and
# $\partial L / \partial b = \sum_n G_n$ (a sum over the batch). `backward` returns exactly these three.

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
        grad_b = grad_out.sum(dim=0)  # sum over the batch
        return grad_x, grad_w, grad_b


# %% [markdown]
# ## (a) gradcheck on the correct layer
#
# `gradcheck` perturbs every entry of every input with `requires_grad=True` by a central difference,
# builds the numerical Jacobian and compares it with the one assembled from `backward`. The inputs
# are float64; the shapes are those of the MLP's middle layer (8 examples, 16 → 16 units).

# %%
def gradcheck_inputs(seed: int) -> tuple[torch.Tensor, ...]:
    g = torch.Generator().manual_seed(seed)
    shapes = [(8, 16), (16, 16), (16,)]
    return tuple(torch.randn(s, generator=g, dtype=torch.float64).requires_grad_() for s in shapes)


gradcheck_ok = torch.autograd.gradcheck(MyLinear.apply, gradcheck_inputs(0))
print("gradcheck:", gradcheck_ok)

# %% [markdown]
# ## (b) The same layer with a bug
#
# `MyLinearBug` writes the weight gradient as $X^\top G$ instead of $G^\top X$. With 16 inputs and
# 16 outputs both are 16×16 matrices, so PyTorch accepts the gradient and training would run
# without any error. `gradcheck` raises a `GradcheckError`; we print the first line of its message.

# %%
class MyLinearBug(MyLinear):
    @staticmethod
    def backward(ctx, grad_out):
        x, weight = ctx.saved_tensors
        return grad_out @ weight, x.T @ grad_out, grad_out.sum(dim=0)  # x.T @ grad_out: transpose bug


bug_caught, bug_message = False, ""
try:
    torch.autograd.gradcheck(MyLinearBug.apply, gradcheck_inputs(0))
except GradcheckError as error:
    bug_caught, bug_message = True, str(error).splitlines()[0]
print("caught:", bug_caught, "|", bug_message)

# %% [markdown]
# "input 1" is the second argument, `weight`: the check points at the tensor whose gradient is
# wrong.
#
# Another slip from the article's list behaves differently here. Forget the batch sum (return
# `grad_out` itself as the bias gradient) and autograd quietly sums the (8, 16) gradient down to the
# bias's shape (16,) before anyone sees it, so this version passes `gradcheck`. Inside a
# `torch.autograd.Function` that slip does no harm; in backward code written with plain arrays it
# would be a real bug.

# %%
class MyLinearNoSum(MyLinear):
    @staticmethod
    def backward(ctx, grad_out):
        x, weight = ctx.saved_tensors
        return grad_out @ weight, grad_out.T @ x, grad_out  # no batch sum for the bias


no_sum_passes = torch.autograd.gradcheck(MyLinearNoSum.apply, gradcheck_inputs(0))
print("gradcheck without the batch sum:", no_sum_passes)

# %% [markdown]
# ## (c) A central-difference check by hand: float64 versus float32
#
# We build the MLP 64→16→16→10 (tanh) from `MyLinear`, pick 3 random entries from each of its 6
# parameter tensors, and for each entry $w$ compare the backpropagated gradient $g_\text{bp}$ with
# the central difference $g_\text{num} = (L(w+h) - L(w-h))/2h$ of the cross-entropy loss $L$ on the 8
# digits, by the relative error
# $e = |g_\text{bp} - g_\text{num}| / \max(|g_\text{bp}|, |g_\text{num}|)$.
# The float32 model is an exact copy of the float64 one, rounded once to float32.

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
print(len(entries), "entries:", ", ".join(f"{name}[{i}]" for name, i in entries[:4]), "...")


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
            flat[i] = w  # restore
            num, bp = (plus - minus) / (2 * h), params[name].grad.view(-1)[i].item()
            scale = max(abs(num), abs(bp))
            result.append(abs(num - bp) / scale if scale > 0 else 0.0)
    return result


steps = [10.0 ** (-k / 2) for k in range(2, 21)]  # h = 1e-1, 3e-2, ..., 1e-10
runs = {"float64": (model64, x), "float32": (model32, x.float())}
all_errors = {name: {h: relative_errors(model, inputs, h) for h in steps} for name, (model, inputs) in runs.items()}
errors = {name: [(h, statistics.median(e)) for h, e in by_h.items()] for name, by_h in all_errors.items()}

# %% [markdown]
# ## Table: the largest relative error at two common step sizes
#
# The largest of the 18 relative errors, at $h = 10^{-5}$ (a usual choice in float64) and at
# $h = 10^{-3}$. The largest is a stricter measure than the median plotted below: an entry whose
# gradient happens to be small gets a larger relative error from the same absolute discrepancy.

# %%
rows = ["| precision | max error, h = 1e-5 | max error, h = 1e-3 |", "|---|---:|---:|"]
for name, by_h in all_errors.items():
    small, large = max(by_h[1e-5]), max(by_h[1e-3])
    rows.append(f"| {name} | {small:.1e} | {large:.1e} |")
display(Markdown("\n".join(rows)))

# %% [markdown]
# ## Figure: relative error versus the step $h$
#
# Both axes are logarithmic. Each point is the median of the 18 relative errors; the table under the
# figure lists the same medians.

# %%
fig, ax = plt.subplots(figsize=(7, 4))
for name, points in errors.items():
    hs, medians = zip(*points)
    ax.loglog(hs, medians, marker="o", markersize=4, label=name)
ax.axhline(1e-7, color="gray", linestyle="--", linewidth=1, label="$10^{-7}$: correct below this line")
ax.set_xlabel("step h (log scale)")
ax.set_ylabel("median relative error (log scale)")
ax.set_title("Central difference versus backpropagation")
ax.grid(True, which="both", alpha=0.3)
ax.legend()
fig.tight_layout()
plt.show()

rows = ["| step h | float64 | float32 |", "|---:|---:|---:|"]
for (h, e64), (_, e32) in zip(errors["float64"], errors["float32"]):
    rows.append(f"| {h:.0e} | {e64:.1e} | {e32:.1e} |")
display(Markdown("\n".join(rows)))

for name, points in errors.items():
    h_best, e_best = min(points, key=lambda point: point[1])
    print(f"{name}: smallest median error {e_best:.1e} at h = {h_best:.0e}")

# %% [markdown]
# ## What we saw
#
# - `gradcheck` in float64 passes the correct `MyLinear` and rejects the transposed weight gradient,
#   naming the input whose gradient is wrong. The shapes fitted, so nothing else would have noticed.
# - In float64 the hand-written check reaches a median relative error below $10^{-7}$, "correct" by
#   the usual thresholds, over a wide range of $h$ around $10^{-5}$.
# - In float32 the same, correct gradient never gets below $10^{-5}$: at small $h$ rounding error
#   (growing like $1/h$) swamps the difference, at large $h$ the truncation error (growing like
#   $h^2$) does. Gradient checks belong in float64.
#
# > **Try it**: replace `nn.Tanh()` with `nn.ReLU()` and see whether single entries at small $h$
# > jump, the kinks described in the article.
#
# **Read next**: [gradient checking](../../practice/gradient-checking/),
# [backpropagation](../../basics/backpropagation/),
# [monitoring gradients during training](../../practice/monitoring/)
