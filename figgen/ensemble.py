"""Train several `models.MLP`s of one architecture at once, as one stack of weights.

A small MLP (width 32, mini-batch 32) spends most of a training step on per-operation overhead
rather than arithmetic, so nets stacked along a leading axis, with one batched matrix product per
layer for all of them, train several times faster than one after another (on this project's
2-core CPU, a stack of eight depth-30 nets steps in the time of one to three nets alone). `StackedMLP`
copies its members' initial parameters from real `models.MLP` instances, so every initialization
is the one `models.init_weights` gives, and runs each member's own forward pass, normalization
included: batch statistics per member, nothing shared between members. The sum of the members'
losses has, for each member's parameters, exactly that member's gradient, so one backward pass
and one SGD step train every member as if it were alone (tests/figgen/test_ensemble.py
checks this against the modules and torch.optim.SGD).
"""

from __future__ import annotations

import torch
from torch import nn

from figgen import models

EPS = 1e-5  # BatchNorm1d's and LayerNorm's default


class StackedMLP:
    """M MLPs with the same architecture (depth, width, activation, normalization, residual
    connections), as tensors with a leading member axis."""

    def __init__(self, members: list[models.MLP]) -> None:
        first = members[0]
        self.size = len(members)
        self.activation = first.hidden[0].activation
        self.norm = _norm_kind(first.hidden[0].norm)
        for member in members:
            if _architecture(member) != _architecture(first):
                raise ValueError("stacked MLPs must share depth, width, activation, normalization and residual connections")

        def stack(tensors: list[torch.Tensor]) -> torch.Tensor:
            return torch.stack([t.detach() for t in tensors]).clone().requires_grad_()

        depth = len(first.hidden)
        # Batch norm normalizes each unit over the batch: with activations laid out (M, units, batch)
        # that is layer_norm over the last axis, one fused kernel. Otherwise (M, batch, units).
        self.units_first = self.norm == "batch"
        weight = (lambda w: w) if self.units_first else (lambda w: w.T)          # (M, out, in) or (M, in, out)
        vector = (lambda v: v.unsqueeze(1)) if self.units_first else (lambda v: v.unsqueeze(0))  # (M, n, 1) or (M, 1, n)
        self.weights = [stack([weight(m.hidden[i].linear.weight) for m in members]) for i in range(depth)]
        self.biases = [stack([vector(m.hidden[i].linear.bias) for m in members]) for i in range(depth)]
        self.gains, self.shifts = [], []  # the norms' affine parameters
        if self.norm != "none":
            self.gains = [stack([vector(m.hidden[i].norm.weight) for m in members]) for i in range(depth)]
            self.shifts = [stack([vector(m.hidden[i].norm.bias) for m in members]) for i in range(depth)]
        self.residual = [block.residual for block in first.hidden]
        self.out_weight = stack([weight(m.output.weight) for m in members])
        self.out_bias = stack([vector(m.output.bias) for m in members])

    def parameters(self) -> list[torch.Tensor]:
        return [*self.weights, *self.biases, *self.gains, *self.shifts, self.out_weight, self.out_bias]

    def _linear(self, h: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        return torch.baddbmm(bias, weight, h) if self.units_first else torch.baddbmm(bias, h, weight)

    def __call__(self, x: torch.Tensor, outputs: list[torch.Tensor] | None = None) -> torch.Tensor:
        """x: (batch, inputs), the same for every member, or (M, batch, inputs) → logits (M, batch, outputs).
        `outputs`, if given, receives each hidden layer's output (M × batch × units, in some layout)."""
        h = x.expand(self.size, *x.shape) if x.dim() == 2 else x
        if self.units_first:
            h = h.transpose(1, 2)
        for i, (weight, bias) in enumerate(zip(self.weights, self.biases)):
            z = self._linear(h, weight, bias)
            if self.norm != "none":  # normalize over the last axis: the batch (batch norm) or the units (layer norm)
                z = torch.addcmul(self.shifts[i], nn.functional.layer_norm(z, z.shape[-1:], eps=EPS), self.gains[i])
            out = self.activation(z)
            h = h + out if self.residual[i] else out
            if outputs is not None:
                outputs.append(h)
        logits = self._linear(h, self.out_weight, self.out_bias)
        return logits.transpose(1, 2) if self.units_first else logits

    def losses(self, x: torch.Tensor, y: torch.Tensor, outputs: list[torch.Tensor] | None = None) -> torch.Tensor:
        """Each member's mean cross-entropy, shape (M,). y: (batch,) or (M, batch)."""
        logits = self(x, outputs)
        y = y.expand(self.size, *y.shape) if y.dim() == 1 else y
        # cross_entropy takes (N, classes, d) with targets (N, d): N = members, d = batch
        return nn.functional.cross_entropy(logits.transpose(1, 2), y, reduction="none").mean(1)

    def measure(self, x: torch.Tensor, y: torch.Tensor) -> tuple[list[list[float]], list[list[float]]]:
        """One forward and backward pass on (x, y), no update. Per member: each hidden layer's
        weight-gradient L2 norm and the standard deviation of its output, input side first — what
        `training.gradient_norms` and a forward hook on each block measure for a module alone."""
        outputs: list[torch.Tensor] = []
        grads = torch.autograd.grad(self.losses(x, y, outputs).sum(), self.weights)
        norms = torch.stack([g.flatten(1).norm(dim=1) for g in grads], dim=1)
        with torch.no_grad():
            stds = torch.stack([h.flatten(1).std(dim=1) for h in outputs], dim=1)
        return norms.tolist(), stds.tolist()

    def sgd_step(self, x: torch.Tensor, y: torch.Tensor, lr: float) -> list[float]:
        """One step of plain SGD for every member: p ← p − lr·g, the very call torch.optim.SGD makes
        (without torch.optim, whose first step imports torch._dynamo: about two seconds). Returns
        each member's loss on (x, y) before the update."""
        parameters = self.parameters()
        losses = self.losses(x, y)
        grads = torch.autograd.grad(losses.sum(), parameters)
        with torch.no_grad():
            torch._foreach_add_(parameters, grads, alpha=-lr)
        return losses.tolist()


def _norm_kind(module: nn.Module) -> str:
    if isinstance(module, nn.BatchNorm1d):
        return "batch"
    if isinstance(module, nn.LayerNorm):
        return "layer"
    if isinstance(module, nn.Identity):
        return "none"
    raise ValueError(f"no stacked version of {type(module).__name__}")


def _architecture(model: models.MLP) -> tuple:
    blocks = model.hidden
    return (len(blocks), blocks[0].linear.weight.shape, blocks[-1].linear.weight.shape, _norm_kind(blocks[0].norm),
            type(blocks[0].activation), getattr(blocks[0].activation, "negative_slope", None),
            tuple(block.residual for block in blocks))
