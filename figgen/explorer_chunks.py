"""Cut the `explorer-grid` figure's data.json into the small JSON documents the explorer page fetches.

`chunks(data)` returns one document per (activation, init) pair, named `"{activation}-{init}"`
(e.g. `"sigmoid-xavier"`, `"leaky-relu-he"`), so that a reader who changes depth, normalization
or residual connections needs nothing new, and one who changes activation or init fetches one
small file:

    {"activation": "sigmoid", "init": "xavier", "depths": [5, 10, 20, 30, 50],
     "configs": {"30|none|0": {"grad": [...], "std": [...], "loss": [...], "steps": [...]}, ...}}

A config key is `"{depth}|{norm}|{residual}"` with residual `0` or `1`. `grad[i]` and `std[i]` belong
to hidden layer i + 1 (input side first); `loss[j]` is the training loss at step `steps[j]`.

Encoding: every number is rounded to 4 significant digits. `null` stands for a value that is not
finite — NaN or ±inf: a run that diverged, a gradient or activation that overflowed float32 —
because JSON has no NaN or infinity (data.json already writes them as null; NaN and inf floats are
accepted too). A `0` is a real zero, e.g. a first-layer gradient that underflowed float32.

Besides the pairs, an `"index"` document lists the choices (activations, inits, depths, norms,
residual), the chunk of each pair, the key format and the run's settings from the figure config.
"""

from __future__ import annotations

import json
import math

VIEWS = ("grad", "std", "loss")
SETTINGS = ("width", "seeds", "probe", "batch", "steps", "lr", "record_every")  # copied into the index


def chunks(data: dict) -> dict[str, dict]:
    """data.json of `explorer-grid` → {"index": …, "sigmoid-xavier": …, …}. Pure: reads only `data`.

    Raises ValueError for a series name that is not `act|init|depth|norm|res|view` or a
    configuration that lacks one of the three views."""
    configs: dict[tuple[str, str, int, str, int], dict[str, dict]] = {}
    for series in data["series"]:
        activation, init, depth, norm, residual, view = _parse(series["name"])
        configs.setdefault((activation, init, depth, norm, residual), {})[view] = series
    out: dict[str, dict] = {}
    for (activation, init, depth, norm, residual), views in configs.items():
        missing = [view for view in VIEWS if view not in views]
        if missing:
            raise ValueError(f"{activation}|{init}|{depth}|{norm}|{residual} has no {', '.join(missing)} series")
        chunk = out.setdefault(chunk_name(activation, init),
                               {"activation": activation, "init": init, "depths": [], "configs": {}})
        if depth not in chunk["depths"]:
            chunk["depths"].append(depth)
        chunk["configs"][f"{depth}|{norm}|{residual}"] = {
            "grad": [_number(v) for v in views["grad"]["y"]],
            "std": [_number(v) for v in views["std"]["y"]],
            "loss": [_number(v) for v in views["loss"]["y"]],
            "steps": [int(v) for v in views["loss"]["x"]],
        }
    for chunk in out.values():
        chunk["depths"].sort()
    return {"index": _index(data, configs), **out}


def files(data: dict) -> dict[str, str]:
    """The published files (figgen's `Figure.files` hook): `index.json` and one `<act>-<init>.json`
    per pair, beside data.json under /figures/explorer-grid/."""
    return {f"{name}.json": to_json(chunk) for name, chunk in chunks(data).items()}


def chunk_name(activation: str, init: str) -> str:
    return f"{activation}-{init}"


def to_json(chunk: dict) -> str:
    """The compact text of one document (no spaces; refuses NaN, which `chunks` never leaves)."""
    return json.dumps(chunk, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _parse(name: str) -> tuple[str, str, int, str, int, str]:
    parts = name.split("|")
    if len(parts) != 6 or parts[4] not in ("0", "1") or not parts[2].isdigit() or parts[5] not in VIEWS:
        raise ValueError(f"not an explorer series name: {name!r} (want act|init|depth|norm|0 or 1|grad, std or loss)")
    activation, init, depth, norm, residual, view = parts
    return activation, init, int(depth), norm, int(residual), view


def _number(value) -> float | None:
    """4 significant digits; None for null, NaN and ±inf."""
    if value is None or not math.isfinite(value):
        return None
    return float(f"{value:.4g}")


def _index(data: dict, configs: dict) -> dict:
    def choices(position: int) -> list:
        return list(dict.fromkeys(key[position] for key in configs))

    config = data.get("meta", {}).get("config", {})
    return {
        "id": data.get("id"),
        "activations": choices(0),
        "inits": choices(1),
        "depths": sorted(choices(2)),
        "norms": choices(3),
        "residual": sorted(choices(4)),
        "chunks": {chunk_name(a, i): {"activation": a, "init": i} for a, i in dict.fromkeys((k[0], k[1]) for k in configs)},
        "key": "{depth}|{norm}|{residual}",
        "settings": {name: config[name] for name in SETTINGS if name in config},
    }
