"""Data a figure may train on: scikit-learn's bundled handwritten digits, and generated data.

Nothing is downloaded: `load_digits` ships 1 797 real 8×8 images inside scikit-learn.
"""

from __future__ import annotations

import torch


def digits(n: int | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Standardised digit images (n × 64, float32) and their labels 0–9 (n, int64)."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    x = torch.tensor(bunch.data, dtype=torch.float32)
    x = (x - x.mean(0)) / (x.std(0) + 1e-6)
    y = torch.tensor(bunch.target, dtype=torch.int64)
    return (x, y) if n is None else (x[:n], y[:n])


def minibatches(x: torch.Tensor, y: torch.Tensor, batch_size: int, seed: int):
    """An endless stream of random mini-batches, reproducible from `seed`.

    The indices are drawn by a CPU generator, so every device sees the same batches."""
    generator = torch.Generator().manual_seed(seed)
    while True:
        index = torch.randint(0, len(x), (batch_size,), generator=generator, device="cpu")
        index = index.to(x.device)
        yield x[index], y[index]


def copy_task(n: int, length: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Sequences whose target is their first token: a long-range dependency for RNNs.

    Drawn on the CPU (same tokens on every device), then placed where tensors are being made."""
    generator = torch.Generator().manual_seed(seed)
    tokens = torch.randint(0, 8, (n, length), generator=generator, device="cpu").to(here())
    return torch.nn.functional.one_hot(tokens, 8).float(), tokens[:, 0]


def here() -> torch.device:
    """The device new tensors are created on (the figure's, inside the builder's device scope)."""
    return torch.empty(0).device
