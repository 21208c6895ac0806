"""Where a figure runs: the device every tensor of its `compute` is created on.

The builder runs each `compute` inside `scope(ctx.device)`: a `torch.device` context, so every
tensor a factory function makes (model parameters, `torch.tensor(...)`, `torch.randn`, data
loaded by `figgen.data`) lands on that device without the figure having to say so. A figure
therefore never names a device; the only device it may pass on is `ctx.device`
(tests/figgen/test_device.py checks every figure's source for this).

`data.json` records the device the scope really gave (`observed`), with the accelerator's name,
not the command-line flag.
"""

from __future__ import annotations

import contextlib
import platform


def resolve(requested: str) -> str:
    """'cpu', 'cuda' or 'auto' (CUDA when torch sees one) → the device to run on."""
    if requested == "cpu":
        return requested  # no torch import: a no-op run stays well under a second
    import torch

    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("--device cuda, but torch sees no CUDA device (use --device cpu or auto)")
    return requested


@contextlib.contextmanager
def scope(device: str):
    """Every tensor created inside is created on `device` (parameters and data included)."""
    import torch

    with torch.device(device):
        yield


def observed() -> dict:
    """Inside `scope`: the device a new tensor really gets, and what that device is."""
    import torch

    where = torch.empty(0).device
    if where.type == "cuda":
        name = torch.cuda.get_device_name(where)
    else:
        name = platform.processor() or platform.machine()
    return {"device": where.type, "device_name": name}
