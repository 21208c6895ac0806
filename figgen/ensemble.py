"""Train several `models.MLP`s of one architecture at once, as one stack of weights.

A small MLP (width 32, mini-batch 32) spends most of a training step on per-operation overhead
rather than arithmetic, so nets stacked along a leading axis, with one batched matrix product per
layer for all of them, train several times faster than one after another (on this project's
2-core CPU, a stack of eight depth-30 nets steps in the time of one to three nets alone). `StackedMLP`
copies its members' initial parameters from real `models.MLP` instances (`snapshot`), so every
initialization is the one `models.MLP` gives, and runs each member's own forward pass, normalization
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

    def __init__(self, template: models.MLP, states: list[dict[str, torch.Tensor]]) -> None:
        """`states`: each member's parameters by name (see `snapshot`), for `template`'s architecture."""
        self.size = len(states)
        self.activation = template.hidden[0].activation
        self.norm = _norm_kind(template.hidden[0].norm)

        def stack(name: str, shape) -> torch.Tensor:
            return torch.stack([shape(state[name].detach()) for state in states]).clone().requires_grad_()

        depth = len(template.hidden)
        # Batch norm normalizes each unit over the batch: with activations laid out (M, units, batch)
        # that is layer_norm over the last axis, one fused kernel. Otherwise (M, batch, units).
        self.units_first = self.norm == "batch"
        weight = (lambda w: w) if self.units_first else (lambda w: w.T)          # (M, out, in) or (M, in, out)
        vector = (lambda v: v.unsqueeze(1)) if self.units_first else (lambda v: v.unsqueeze(0))  # (M, n, 1) or (M, 1, n)
        self.weights = [stack(f"hidden.{i}.linear.weight", weight) for i in range(depth)]
        self.biases = [stack(f"hidden.{i}.linear.bias", vector) for i in range(depth)]
        self.gains, self.shifts = [], []  # the norms' affine parameters
        if self.norm != "none":
            self.gains = [stack(f"hidden.{i}.norm.weight", vector) for i in range(depth)]
            self.shifts = [stack(f"hidden.{i}.norm.bias", vector) for i in range(depth)]
        self.residual = [block.residual for block in template.hidden]
        self.out_weight = stack("output.weight", weight)
        self.out_bias = stack("output.bias", vector)

    @classmethod
    def of(cls, members: list[models.MLP]) -> "StackedMLP":
        """The stack of these modules' current parameters (they must share one architecture)."""
        for member in members:
            if _architecture(member) != _architecture(members[0]):
                raise ValueError("stacked MLPs must share depth, width, activation, normalization and residual connections")
        return cls(members[0], [snapshot(member) for member in members])

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


def snapshot(model: models.MLP) -> dict[str, torch.Tensor]:
    """A copy of the model's parameters by name: what a StackedMLP stacks, taken before the model
    changes (e.g. `MLP.redraw` for the next member)."""
    return {name: parameter.detach().clone() for name, parameter in model.named_parameters()}


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
