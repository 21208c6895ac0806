# %% [markdown]
# # Hands-on: exploding gradients and clipping
#
# A recurrent network (RNN) reads each handwritten digit as a sequence: the 8 rows of the 8×8 image
# are 8 time steps of 8 pixels each. We initialize its recurrent weight matrix too large, so that
# the gradient grows as it travels back through the time steps, and train it with plain SGD **twice
# from exactly the same start**: once as is, once with the global gradient norm capped by
# `torch.nn.utils.clip_grad_norm_`. At every step we record the gradient norm before clipping and
# the loss.
#
# It runs in a few seconds on one CPU core, with fixed random seeds and no downloads. Background:
# [exploding gradients](../../problems/exploding/),
# [RNNs and long-term dependencies](../../problems/rnn/),
# [gradient clipping and optimizers](../../remedies/clipping-and-optimizers/).

# %% [markdown]
# ## Setup: data and random seed
#
# The 1,797 digit images are standardized pixel by pixel and reshaped to (examples, 8 time steps,
# 8 pixels). Mini-batches of 64 are drawn in an order fixed by a seed, the same for both runs.

# %%
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from IPython.display import Markdown, display
from sklearn.datasets import load_digits
from torch import nn

torch.manual_seed(0)
torch.set_num_threads(1)  # keeps results and run time independent of the machine's core count

digits = load_digits()
x_all = torch.tensor(digits.data, dtype=torch.float32)
x_all = (x_all - x_all.mean(0)) / (x_all.std(0) + 1e-6)
x_all = x_all.view(-1, 8, 8)  # (examples, time steps = rows, pixels per row)
y_all = torch.tensor(digits.target)

STEPS, BATCH = 150, 64
order_generator = torch.Generator().manual_seed(1)
order = torch.cat([torch.randperm(len(x_all), generator=order_generator) for _ in range(6)])
batches = [order[i * BATCH : (i + 1) * BATCH] for i in range(STEPS)]
print("sequences:", tuple(x_all.shape), " steps:", STEPS, " batch size:", BATCH)

# %% [markdown]
# ## Model: an RNN whose recurrent matrix is too large
#
# The hidden state of 64 units is updated by $h_t = \mathrm{ReLU}(W_{hh} h_{t-1} + W_{xh} x_t + b)$,
# and a linear layer reads the last state $h_8$ out into 10 classes. $W_{hh}$ is a random orthogonal
# matrix times 2.5: all its singular values, and hence its spectral radius, equal 2.5, well above 1.
# Unlike tanh, ReLU does not saturate: wherever a unit is active its derivative is exactly 1, so
# nothing shrinks the product of these factors on the way back through the time steps.

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
# ## Training twice from the same start
#
# Both runs use the same initial weights, the same mini-batches and SGD with learning rate 0.5.
# The only difference is `max_norm`: 5 with clipping, $\infty$ without, where `clip_grad_norm_` then
# only measures. Either way it returns the global norm $\lVert g \rVert$ of all gradients **before**
# clipping, which is what we record.

# %%
LR, max_norm = 0.5, 5.0


def train(clip: bool) -> dict[str, list[float]]:
    torch.manual_seed(0)  # both runs start from the same weights
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
# ## Figure: gradient norm and loss per step
#
# Both vertical axes are logarithmic. Once a value is NaN or infinite, the line stops; the dotted
# vertical line marks the first step whose loss was no longer finite. The loss axis is cut at
# $10^3$ so that the run with clipping stays readable.

# %%
fig, (ax_norm, ax_loss) = plt.subplots(1, 2, figsize=(10, 4))
labels = {"no clipping": "no clipping", "clipping": f"clipping (max_norm = {max_norm:g})"}
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
    ax.set_xlabel("training step")
    ax.grid(True, which="both", alpha=0.3)
ax_loss.set_ylim(0.05, 1e3)  # the run without clipping leaves the plot at the top
if blow_up is not None:
    top = max(v for v in history["no clipping"]["loss"] if math.isfinite(v))
    ax_loss.annotate(f"up to {top:.0e}, then NaN", xy=(blow_up, 1e3), xytext=(blow_up + 10, 150),
                     arrowprops={"arrowstyle": "->"})
ax_norm.set_ylabel("gradient norm before clipping (log scale)")
ax_loss.set_ylabel("mini-batch loss (log scale)")
ax_norm.set_title("Global gradient norm")
ax_loss.set_title("Loss")
ax_norm.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Table: the two runs in numbers
#
# "Non-finite losses" counts the steps whose loss was NaN or infinite and names the first of them.
# "Clipped steps" counts the steps whose norm exceeded `max_norm`, that is, where clipping
# actually changed the update. Under the table, each run's gradient norm (before clipping) at its
# first five steps, and the largest of all its steps.

# %%
rows = ["| run | first loss | last loss | largest finite loss | non-finite losses | clipped steps | "
        "mean loss, last 10 steps |", "|---|---:|---:|---:|---:|---:|---:|"]
for name, record in history.items():
    losses = record["loss"]
    finite = [v for v in losses if math.isfinite(v)]
    bad = [t for t, v in enumerate(losses) if not math.isfinite(v)]
    bad_text = f"{len(bad)} (from step {bad[0]})" if bad else "none"
    clipped = sum(n > max_norm for n in record["norm"])
    last = sum(losses[-10:]) / 10
    rows.append(f"| {labels[name]} | {losses[0]:.2f} | {losses[-1]:.2f} | {max(finite):.1e} | {bad_text} | {clipped} "
                f"| {last:.2f} |")
display(Markdown("\n".join(rows)))
for name, record in history.items():
    norms = ", ".join(f"{n:.1e}" for n in record["norm"][:5])
    print(f"{labels[name]} | norm, first steps: {norms} | largest norm: {max(record['norm']):.1e}")

# %% [markdown]
# ## What we saw
#
# - **Without clipping**, the gradient norm grows by orders of magnitude from one step to the next:
#   each oversized update throws the weights further out, and the gradient at the new weights is
#   larger still. Within a few steps the loss jumps far above its starting value, then becomes
#   infinite or NaN, and training never recovers.
# - **With clipping**, the first step sees exactly the same gradient (same weights, same
#   mini-batch), and the next one is above the cap too, but each update is at most
#   $\eta \cdot$ `max_norm` long. The run gets past the dangerous start, the norm settles below the
#   cap, clipping only steps in now and again after that, and the loss falls, with the usual
#   mini-batch noise.
# - Clipping changes only the length of the update, never its direction, and it costs nothing on the
#   steps where the norm stays below `max_norm`. The norm that `clip_grad_norm_` returns is worth
#   logging anyway: it is the early warning.
#
# > **Try it**: set `nonlinearity="tanh"` in `DigitRNN`, or `RADIUS = 1.0`, and predict what
# > happens to the run without clipping before you run it.
#
# **Read next**: [exploding gradients](../../problems/exploding/),
# [RNNs and long-term dependencies](../../problems/rnn/),
# [gradient clipping and optimizers](../../remedies/clipping-and-optimizers/),
# [monitoring gradients during training](../../practice/monitoring/)
