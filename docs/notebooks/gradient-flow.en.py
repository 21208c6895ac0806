# %% [markdown]
# # Hands-on: see each layer's gradient for yourself
#
# We build a 20-layer fully connected network (MLP) in three variants, run **one backward pass** on a
# single mini-batch of handwritten digits (scikit-learn's `load_digits`), and compare how much
# gradient reaches each layer's weights.
#
# | Variant | Activation | Initialization |
# |---|---|---|
# | sigmoid + Xavier | sigmoid | Xavier (Glorot) |
# | tanh + Xavier | tanh | Xavier (Glorot) |
# | ReLU + He | ReLU | He (Kaiming) |
#
# There is no training: a single backward pass right after initialization already shows whether
# the gradient [vanishes](../../problems/vanishing/). It runs in a few seconds on one CPU core,
# with fixed random seeds and no downloads.
#
# **Read next**: [initialization](../../remedies/initialization/),
# [activation functions](../../remedies/activations/),
# [monitoring gradients](../../practice/monitoring/)

# %% [markdown]
# ## Setup: data and random seed
#
# The 1,797 digit images of 8×8 pixels are standardized; the first 256 form one mini-batch.

# %%
import matplotlib.pyplot as plt
import torch
from IPython.display import Markdown, display
from sklearn.datasets import load_digits
from torch import nn

torch.manual_seed(0)
torch.set_num_threads(1)  # keeps results and run time independent of the machine's core count

digits = load_digits()
x = torch.tensor(digits.data[:256], dtype=torch.float32)
x = (x - x.mean(0)) / (x.std(0) + 1e-6)
y = torch.tensor(digits.target[:256])
print("inputs:", tuple(x.shape), " classes:", int(y.max()) + 1)

# %% [markdown]
# ## Model: one shape, only the activation and the initialization change
#
# 19 hidden layers of 64 units plus the output layer: 20 weight matrices. Xavier draws weights
# from a normal distribution with $\mathrm{Var}(w) = 2/(n_\text{in}+n_\text{out})$, He with
# $\mathrm{Var}(w) = 2/n_\text{in}$. Biases start at 0.

# %%
DEPTH, WIDTH = 20, 64


def make_mlp(activation: type[nn.Module], init: str) -> nn.Sequential:
    sizes = [64] + [WIDTH] * (DEPTH - 1) + [10]
    layers: list[nn.Module] = []
    for i in range(DEPTH):
        linear = nn.Linear(sizes[i], sizes[i + 1])
        if init == "xavier":
            nn.init.xavier_normal_(linear.weight)
        else:
            nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
        nn.init.zeros_(linear.bias)
        layers.append(linear)
        if i < DEPTH - 1:  # no activation after the output layer: the loss applies softmax itself
            layers.append(activation())
    return nn.Sequential(*layers)


configs = {
    "sigmoid + Xavier": (nn.Sigmoid, "xavier"),
    "tanh + Xavier": (nn.Tanh, "xavier"),
    "ReLU + He": (nn.ReLU, "he"),
}

# %% [markdown]
# ## One backward pass: gradient norm per layer
#
# We compute the cross-entropy loss, call `backward()` once, and record the L2 norm
# $\lVert \partial L / \partial W_\ell \rVert_2$ of each `Linear` layer's weight gradient.

# %%
def layer_grad_norms(model: nn.Sequential) -> list[float]:
    model.zero_grad()
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
    return [m.weight.grad.norm().item() for m in model if isinstance(m, nn.Linear)]


norms = {}
for name, (activation, init) in configs.items():
    torch.manual_seed(0)  # all three variants draw their weights from the same random stream
    norms[name] = layer_grad_norms(make_mlp(activation, init))

# %% [markdown]
# ## Figure: which variant starves the input-side layers?
#
# The vertical axis is logarithmic: one tick is a factor of 10.

# %%
fig, ax = plt.subplots(figsize=(7, 4))
layers = range(1, DEPTH + 1)
for name, values in norms.items():
    ax.semilogy(layers, values, marker="o", markersize=3, label=name)
ax.set_xlabel("layer (1 = input side, 20 = output layer)")
ax.set_ylabel("weight-gradient norm (log scale)")
ax.set_title("Gradient norm per layer at initialization")
ax.set_xticks(range(1, DEPTH + 1, 2))
ax.grid(True, which="both", alpha=0.3)
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Table: input side versus output side
#
# The further the ratio "layer 1 / layer 19" (the last hidden layer) is from 1, the more the gradient shrank (or grew)
# on its way back through the layers.

# %%
rows = ["| Variant | layer 1 | layer 19 | ratio |", "|---|---:|---:|---:|"]
for name, values in norms.items():
    first, last_hidden = values[0], values[DEPTH - 2]
    rows.append(f"| {name} | {first:.2e} | {last_hidden:.2e} | {first / last_hidden:.2e} |")
display(Markdown("\n".join(rows)))

# %% [markdown]
# ## What to read from it
#
# - With **sigmoid + Xavier**, the layers near the input receive gradients many orders of magnitude
#   smaller than the layers near the output. The sigmoid's derivative is at most 0.25, so every
#   layer the gradient passes back through shrinks it. Trained like this, the first layers would
#   barely move.
# - **tanh + Xavier** shrinks far more gently: tanh's derivative peaks at 1.
# - With **ReLU + He**, every layer receives a gradient of about the same order of magnitude: ReLU's
#   derivative is 1 for positive inputs, and He initialization sets the weight variance to
#   $2/n_\text{in}$ to match.
#
# > **Try it**: before running, predict how the figure changes if you set `DEPTH` to 10 or 40, or
# > pair ReLU with Xavier initialization (replace `"he"` with `"xavier"`).
