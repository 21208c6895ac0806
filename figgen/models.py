"""Small, readable models: an MLP of any depth, width, activation, initialisation, normalisation
and residual connections, and a tiny recurrent net (RNN, LSTM or GRU)."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

ACTIVATIONS = {
    "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU,
    "leaky-relu": lambda: nn.LeakyReLU(0.01), "swish": nn.SiLU,
}


@dataclass(frozen=True)
class MLPConfig:
    inputs: int = 64
    outputs: int = 10
    depth: int = 20           # number of hidden layers
    width: int = 64           # units per hidden layer
    activation: str = "relu"  # a key of ACTIVATIONS
    init: str = "he"          # "xavier" (Glorot), "he" (Kaiming), "small", "large" or "default" (PyTorch's)
    norm: str = "none"        # "none", "batch" or "layer"
    residual: bool = False    # add the block's input to its output (hidden layers 2..depth)


def init_weights(linear: nn.Linear, init: str) -> None:
    if init == "xavier":
        nn.init.xavier_normal_(linear.weight)        # Var(w) = 2 / (fan_in + fan_out)
    elif init == "he":
        nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")  # Var(w) = 2 / fan_in
    # Two deliberately badly scaled inits, independent of the layer's size: too small a variance
    # shrinks the signal at every layer (vanishing), too large a one multiplies it (exploding).
    elif init == "small":
        nn.init.normal_(linear.weight, std=0.01)     # Var(w) = 10⁻⁴
    elif init == "large":
        nn.init.normal_(linear.weight, std=1.0)      # Var(w) = 1
    elif init != "default":
        raise ValueError(f"unknown init {init!r}")
    nn.init.zeros_(linear.bias)


class Block(nn.Module):
    """Linear → (norm) → activation, optionally with a skip connection around it."""

    def __init__(self, fan_in: int, fan_out: int, config: MLPConfig, residual: bool) -> None:
        super().__init__()
        self.linear = nn.Linear(fan_in, fan_out)
        init_weights(self.linear, config.init)
        norms = {"none": nn.Identity, "batch": lambda: nn.BatchNorm1d(fan_out), "layer": lambda: nn.LayerNorm(fan_out)}
        self.norm = norms[config.norm]()
        self.activation = ACTIVATIONS[config.activation]()
        self.residual = residual and fan_in == fan_out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.activation(self.norm(self.linear(x)))
        return x + out if self.residual else out


class MLP(nn.Module):
    def __init__(self, config: MLPConfig) -> None:
        super().__init__()
        sizes = [config.inputs] + [config.width] * config.depth
        self.hidden = nn.ModuleList(
            Block(sizes[i], sizes[i + 1], config, residual=config.residual and i > 0) for i in range(config.depth)
        )
        self.output = nn.Linear(config.width, config.outputs)
        init_weights(self.output, config.init)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for block in self.hidden:
            x = block(x)
        return self.output(x)

    def hidden_weights(self) -> list[nn.Parameter]:
        """The weight matrix of each hidden layer, input side first (layer 1 … depth)."""
        return [block.linear.weight for block in self.hidden]

    def redraw(self, init: str) -> None:
        """Draw the parameters again as construction does, in the same order, with `init`: after the
        same torch.manual_seed, MLP(config).redraw(init) equals MLP(config with that init) as built.
        Much cheaper than building a new model when only the initialization changes."""
        for linear in [block.linear for block in self.hidden] + [self.output]:
            linear.reset_parameters()  # PyTorch's default draw, which construction makes first
            init_weights(linear, init)
        for block in self.hidden:
            if hasattr(block.norm, "reset_parameters"):
                block.norm.reset_parameters()  # no random numbers: ones, zeros, fresh running statistics


class TinyRNN(nn.Module):
    """One recurrent layer (rnn, lstm or gru) and a linear read-out of the last state."""

    def __init__(self, kind: str = "rnn", inputs: int = 8, hidden: int = 32, outputs: int = 8) -> None:
        super().__init__()
        cells = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
        self.recurrent = cells[kind](inputs, hidden, batch_first=True)
        self.readout = nn.Linear(hidden, outputs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        states, _ = self.recurrent(x)
        return self.readout(states[:, -1])


class SelfAttention(nn.Module):
    """Multi-head scaled dot-product self-attention, written out with four Linear layers."""

    def __init__(self, d_model: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value, self.output = (nn.Linear(d_model, d_model) for _ in range(4))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, d_model = x.shape
        split = lambda t: t.view(batch, length, self.heads, d_model // self.heads).transpose(1, 2)  # noqa: E731
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        weights = torch.softmax(q @ k.transpose(-2, -1) / (d_model // self.heads) ** 0.5, dim=-1)
        return self.output((weights @ v).transpose(1, 2).reshape(batch, length, d_model))


class EncoderLayer(nn.Module):
    """Self-attention and a feed-forward network, each wrapped in a residual connection and a
    LayerNorm: Post-LN x = LN(x + f(x)) (the original Transformer) or Pre-LN x = x + f(LN(x))."""

    def __init__(self, d_model: int, heads: int, ffn: int, pre_ln: bool) -> None:
        super().__init__()
        self.pre_ln = pre_ln
        self.attention = SelfAttention(d_model, heads)
        self.ffn = nn.Sequential(nn.Linear(d_model, ffn), nn.ReLU(), nn.Linear(ffn, d_model))
        self.norm1, self.norm2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.pre_ln:
            x = x + self.attention(self.norm1(x))
            return x + self.ffn(self.norm2(x))
        x = self.norm1(x + self.attention(x))
        return self.norm2(x + self.ffn(x))


class TransformerEncoder(nn.Module):
    """Token embedding + sinusoidal positions → N encoder layers → (final LN for Pre-LN) → linear
    read-out at every position. Every Linear gets Xavier weights and zero biases, as in Xiong et
    al. 2020 (PyTorch's default init hides the Post-LN / Pre-LN difference)."""

    def __init__(self, vocab: int = 16, d_model: int = 64, heads: int = 4, ffn: int = 256, layers: int = 6,
                 max_length: int = 64, pre_ln: bool = False) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocab, d_model)
        nn.init.normal_(self.embedding.weight, std=d_model ** -0.5)
        position = torch.arange(max_length).unsqueeze(1)
        frequency = torch.exp(torch.arange(0, d_model, 2) * (-torch.log(torch.tensor(10000.0)) / d_model))
        encoding = torch.zeros(max_length, d_model)
        encoding[:, 0::2], encoding[:, 1::2] = torch.sin(position * frequency), torch.cos(position * frequency)
        self.register_buffer("positions", encoding)
        self.layers = nn.ModuleList(EncoderLayer(d_model, heads, ffn, pre_ln) for _ in range(layers))
        self.final_norm = nn.LayerNorm(d_model) if pre_ln else nn.Identity()
        self.readout = nn.Linear(d_model, vocab)
        for module in self.modules():
            if isinstance(module, nn.Linear):
                init_weights(module, "xavier")

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        """tokens (batch, length) of ints → logits (batch, length, vocab)."""
        x = self.embedding(tokens) * self.embedding.embedding_dim ** 0.5 + self.positions[: tokens.shape[1]]
        for layer in self.layers:
            x = layer(x)
        return self.readout(self.final_norm(x))

    def ffn_output_weights(self) -> list[nn.Parameter]:
        """The weight of each layer's second FFN Linear (W² in Xiong et al.), layer 1 … N."""
        return [layer.ffn[2].weight for layer in self.layers]
