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
    init: str = "he"          # "xavier" (Glorot), "he" (Kaiming) or "default" (PyTorch's)
    norm: str = "none"        # "none", "batch" or "layer"
    residual: bool = False    # add the block's input to its output (hidden layers 2..depth)


def init_weights(linear: nn.Linear, init: str) -> None:
    if init == "xavier":
        nn.init.xavier_normal_(linear.weight)        # Var(w) = 2 / (fan_in + fan_out)
    elif init == "he":
        nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")  # Var(w) = 2 / fan_in
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
        init_weights(self.output, "xavier" if config.init == "xavier" else config.init)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for block in self.hidden:
            x = block(x)
        return self.output(x)

    def hidden_weights(self) -> list[nn.Parameter]:
        """The weight matrix of each hidden layer, input side first (layer 1 … depth)."""
        return [block.linear.weight for block in self.hidden]


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
