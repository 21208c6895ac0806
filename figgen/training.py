"""One training loop for every figure, with gradient hooks on the layers it watches.

For each watched weight it records, per recorded step: the L2 norm of its gradient (captured by
a tensor hook as backward computes it), the update size relative to the weight
(‖Δw‖ / ‖w‖), and optionally a histogram of the gradient's entries. A loss that turns NaN or
infinite is recorded as such (exploding gradients are a phenomenon to show, not a crash).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Iterator

import torch
from torch import nn


@dataclass
class Record:
    steps: list[int] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    grad_norms: list[list[float]] = field(default_factory=list)     # [step][layer]
    update_ratios: list[list[float]] = field(default_factory=list)  # [step][layer]
    histograms: dict[int, list[list[int]]] = field(default_factory=dict)  # step -> [layer][bin]


class GradientWatch:
    """Tensor hooks that capture the gradient norm (and histogram) of each watched weight."""

    def __init__(self, weights: list[torch.Tensor], bins: tuple[float, float, int] | None = None) -> None:
        """`bins` = (low, high, count) of log10 |g|; values outside are counted in the end bins."""
        self.norms = [math.nan] * len(weights)
        self.hists: list[list[int]] = [[] for _ in weights]
        self.bins = bins
        self._handles = [w.register_hook(self._hook(i)) for i, w in enumerate(weights)]

    def _hook(self, i: int) -> Callable[[torch.Tensor], None]:
        def capture(grad: torch.Tensor) -> None:
            self.norms[i] = grad.detach().norm().item()
            if self.bins is not None:  # histc runs on every device (torch.histogram is CPU-only)
                low, high, count = self.bins
                magnitudes = grad.detach().abs().clamp_min(1e-30).log10().flatten().clamp(low, high)
                self.hists[i] = torch.histc(magnitudes, bins=count, min=low, max=high).int().tolist()
        return capture

    def remove(self) -> None:
        for handle in self._handles:
            handle.remove()


def gradient_norms(model: nn.Module, weights: list[torch.Tensor], x: torch.Tensor, y: torch.Tensor) -> list[float]:
    """One forward and backward pass: the gradient norm of each weight (no update)."""
    watch = GradientWatch(weights)
    model.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    watch.remove()
    return list(watch.norms)


OPTIMIZERS = {
    "sgd": lambda params, lr: torch.optim.SGD(params, lr=lr),
    "momentum": lambda params, lr: torch.optim.SGD(params, lr=lr, momentum=0.9),
    "rmsprop": lambda params, lr: torch.optim.RMSprop(params, lr=lr),
    "adam": lambda params, lr: torch.optim.Adam(params, lr=lr),
}
HISTOGRAM_BINS = (-12.0, 2.0, 28)  # log10 |g| from 1e-12 to 1e2, half a decade per bin


def train(
    model: nn.Module,
    batches: Iterator[tuple[torch.Tensor, torch.Tensor]],
    steps: int,
    lr: float,
    weights: list[torch.Tensor] | None = None,
    optimizer: str = "sgd",
    clip_norm: float | None = None,
    record_every: int = 1,
    histogram_steps: tuple[int, ...] = (),
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] = nn.functional.cross_entropy,
    after_step: Callable[[int, nn.Module], None] | None = None,
    progress: Callable[[float], None] = lambda fraction: None,
) -> Record:
    """Train (cross-entropy unless `loss_fn` says otherwise); record the loss and the watched
    weights' gradients every few steps. `optimizer` is a key of OPTIMIZERS; `clip_norm` clips the
    global gradient norm; `after_step(step, model)` lets a figure measure more after each update."""
    weights = weights or []
    opt = OPTIMIZERS[optimizer](model.parameters(), lr)
    watch = GradientWatch(weights, HISTOGRAM_BINS if histogram_steps else None)
    record = Record()
    for step in range(steps):
        x, y = next(batches)
        before = [w.detach().clone() for w in weights]
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        if clip_norm is not None:
            nn.utils.clip_grad_norm_(model.parameters(), clip_norm)
        opt.step()
        if after_step is not None:
            after_step(step, model)
        if step % record_every == 0 or step == steps - 1:
            record.steps.append(step)
            record.loss.append(loss.item())
            record.grad_norms.append(list(watch.norms))
            record.update_ratios.append([
                ((w.detach() - b).norm() / b.norm().clamp_min(1e-30)).item() for w, b in zip(weights, before)
            ])
            if step in histogram_steps:
                record.histograms[step] = [list(h) for h in watch.hists]
        if step % max(1, steps // 50) == 0:
            progress(step / steps)
    watch.remove()
    progress(1.0)
    return record
