"""`--device` is real: every tensor a figure makes lives on ctx.device, and data.json says where
the figure ran. Proved on the CPU in two parts: the shared modules create everything inside the
builder's device scope (checked on PyTorch's `meta` device, which no CPU default can fake), and
no figure steps outside that scope (its source names no device but ctx.device)."""

from __future__ import annotations

import ast
import inspect

import pytest
import torch

from figgen import builder, data, device, models, registry


def test_the_shared_modules_create_every_tensor_inside_the_device_scope():
    with device.scope("meta"):
        x, y = data.digits(32)
        batch_x, batch_y = next(data.minibatches(x, y, 8, seed=0))
        seq_x, seq_y = data.copy_task(4, 6, seed=0)
        mlp = models.MLP(models.MLPConfig(depth=3, width=8, norm="batch"))
        rnn = models.TinyRNN("lstm")
        made = [x, y, batch_x, batch_y, seq_x, seq_y, torch.randn(2), torch.tensor([1.0]), torch.zeros(3)]
        made += list(mlp.parameters()) + list(mlp.buffers()) + list(rnn.parameters())
        assert device.observed()["device"] == "meta"
    assert {t.device.type for t in made} == {"meta"}


def test_the_device_scope_ends_with_the_computation():
    with device.scope("meta"):
        pass
    assert torch.zeros(1).device.type == "cpu"


FORBIDDEN_CALLS = {"cpu", "numpy", "from_numpy", "Generator", "set_default_device", "cuda"}


def _device_escapes(source: str) -> list[str]:
    """Ways a figure's computation could put a tensor somewhere other than ctx.device."""
    problems = []
    tree = ast.parse(source)
    for function in (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name != "draw"):
        for node in ast.walk(function):
            if isinstance(node, ast.keyword) and node.arg == "device":
                if ast.unparse(node.value) != "ctx.device":
                    problems.append(f"line {node.lineno}: device={ast.unparse(node.value)}")
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in FORBIDDEN_CALLS:
                    problems.append(f"line {node.lineno}: {ast.unparse(node.func)}()")
                if name == "to" and node.args and ast.unparse(node.args[0]) != "ctx.device" and isinstance(node.args[0], ast.Constant):
                    problems.append(f"line {node.lineno}: .to({ast.unparse(node.args[0])})")
    return problems


@pytest.mark.parametrize("figure", registry.figures(), ids=lambda f: f.id)
def test_no_figure_places_a_tensor_outside_its_device(figure):
    source = inspect.getsource(inspect.getmodule(figure.compute))
    assert _device_escapes(source) == [], f"{figure.module}: use ctx.device (the builder's scope) instead"


def test_the_escape_check_catches_each_way_out():
    bad = ("def compute(config, ctx):\n    a = torch.zeros(2, device='cpu')\n    b = x.cpu()\n"
           "    c = torch.from_numpy(n)\n    d = y.to('cpu')\n    e = torch.ones(1, device=ctx.device)\n")
    assert len(_device_escapes(bad)) == 4


def test_data_json_states_the_device_the_computation_really_used(temp_figures):
    [figure] = temp_figures.figures()
    entry = builder.compute(figure, "cpu")
    assert entry["meta"]["device"] == "cpu" and entry["meta"]["device_name"]
