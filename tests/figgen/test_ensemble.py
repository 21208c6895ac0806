"""A StackedMLP is its members: the same logits as each `models.MLP`, and a few SGD steps of the
stack leave every member where torch.optim.SGD on that module alone leaves it."""

from __future__ import annotations

import dataclasses

import pytest
import torch

from figgen import data, ensemble, models, training


def members(activation: str, norm: str, residual: bool, depth: int = 4) -> list[models.MLP]:
    nets = []
    for seed, init in enumerate(["xavier", "he", "small", "large"]):
        torch.manual_seed(seed)
        nets.append(models.MLP(models.MLPConfig(depth=depth, width=16, activation=activation, init=init, norm=norm,
                                                residual=residual)))
    return nets


CASES = [(a, n, r) for a, n in [("tanh", "none"), ("relu", "batch"), ("swish", "layer"), ("leaky-relu", "batch"),
                                ("sigmoid", "none")] for r in (False, True)]


@pytest.mark.parametrize("activation, norm, residual", CASES)
def test_the_stack_computes_each_members_logits(activation, norm, residual):
    nets = members(activation, norm, residual)
    stack = ensemble.StackedMLP.of(nets)
    x, _ = data.digits(48)
    logits = stack(x)
    assert logits.shape == (len(nets), 48, 10)
    for m, net in enumerate(nets):
        expected = net(x)
        scale = expected.abs().max().item()
        assert torch.allclose(logits[m], expected, rtol=1e-4, atol=1e-5 * scale), (m, (logits[m] - expected).abs().max())


@pytest.mark.parametrize("activation, norm, residual", CASES)
def test_the_stack_measures_what_gradient_norms_and_hooks_measure_on_each_module(activation, norm, residual):
    nets = members(activation, norm, residual, depth=6)
    stack = ensemble.StackedMLP.of(nets)
    x, y = data.digits(64)
    norms, stds = stack.measure(x, y)
    for m, net in enumerate(nets):
        outputs = []
        handles = [block.register_forward_hook(lambda module, i, out: outputs.append(out.detach().std().item()))
                   for block in net.hidden]
        expected = training.gradient_norms(net, net.hidden_weights(), x, y)
        for handle in handles:
            handle.remove()
        assert norms[m] == pytest.approx(expected, rel=1e-3), m
        assert stds[m] == pytest.approx(outputs, rel=1e-4), m
    assert all(p.grad is None for p in stack.parameters()), "measuring leaves no gradient behind"


@pytest.mark.parametrize("activation, norm, residual", CASES)
def test_training_the_stack_is_training_each_member_alone(activation, norm, residual):
    nets = members(activation, norm, residual)
    nets = nets[:3]  # N(0, 1) at depth 4 overflows within a step or two: compare the members that train
    stack = ensemble.StackedMLP.of(nets)
    alone = [torch.optim.SGD(net.parameters(), lr=0.05) for net in nets]
    x, y = data.digits()
    streams = [data.minibatches(x, y, 32, seed=100 + m) for m in range(len(nets))]
    for _ in range(5):
        batches = [next(stream) for stream in streams]
        stacked = stack.sgd_step(torch.stack([b[0] for b in batches]), torch.stack([b[1] for b in batches]), lr=0.05)
        for m, (net, opt, (bx, by)) in enumerate(zip(nets, alone, batches)):
            loss = torch.nn.functional.cross_entropy(net(bx), by)
            opt.zero_grad()
            loss.backward()
            opt.step()
            assert stacked[m] == pytest.approx(loss.item(), rel=1e-4), m
    for m, net in enumerate(nets):
        first = net.hidden[0].linear.weight
        assert torch.allclose(stack.weights[0][m], first.T if not stack.units_first else first, rtol=1e-3, atol=1e-5)
        assert torch.allclose(stack(x[:64])[m], net(x[:64]), rtol=1e-3, atol=1e-4)


def test_one_members_overflow_stays_its_own():
    """N(0, 1) weights overflow to NaN; the other members' losses are untouched."""
    nets = members("relu", "none", False, depth=40)
    stack = ensemble.StackedMLP.of(nets)
    x, y = data.digits(64)
    for _ in range(3):
        losses = stack.sgd_step(x, y, lr=0.1)
    assert losses[3] != losses[3], "N(0, 1) at depth 40 diverges"
    assert all(loss == loss for loss in losses[:3]), losses


def test_members_must_share_the_architecture():
    a = models.MLP(models.MLPConfig(depth=3, width=8, norm="batch"))
    for other in (models.MLPConfig(depth=4, width=8, norm="batch"), models.MLPConfig(depth=3, width=8, norm="layer"),
                  models.MLPConfig(depth=3, width=8, norm="batch", residual=True),
                  models.MLPConfig(depth=3, width=8, norm="batch", activation="tanh"),
                  models.MLPConfig(depth=3, width=16, norm="batch")):
        with pytest.raises(ValueError, match="share"):
            ensemble.StackedMLP.of([a, models.MLP(other)])
    ensemble.StackedMLP.of([a, models.MLP(models.MLPConfig(depth=3, width=8, norm="batch", init="xavier"))])


@pytest.mark.parametrize("norm, residual", [("none", False), ("batch", True), ("layer", False)])
def test_redraw_gives_the_weights_construction_gives(norm, residual):
    """MLP.redraw(init) after manual_seed(s) = MLP(config with init) built after manual_seed(s), so
    one module per architecture can serve every init (building modules is the slow part)."""
    config = models.MLPConfig(depth=5, width=16, activation="tanh", norm=norm, residual=residual)
    template = models.MLP(config)
    if norm != "none":
        torch.nn.init.normal_(template.hidden[0].norm.weight)  # redraw resets the norms too
    for seed, init in enumerate(["xavier", "he", "small", "large", "default"]):
        torch.manual_seed(seed)
        template.redraw(init)
        torch.manual_seed(seed)
        built = models.MLP(dataclasses.replace(config, init=init))
        redrawn, fresh = ensemble.snapshot(template), ensemble.snapshot(built)
        assert redrawn.keys() == fresh.keys()
        assert all(torch.equal(redrawn[k], fresh[k]) for k in fresh), (init, [k for k in fresh if not torch.equal(redrawn[k], fresh[k])])


def test_a_stack_from_snapshots_of_one_redrawn_module_is_the_stack_of_built_modules():
    config = models.MLPConfig(depth=4, width=16, activation="swish", norm="batch")
    template = models.MLP(config)
    states, built = [], []
    for seed, init in enumerate(["xavier", "large"]):
        torch.manual_seed(seed)
        template.redraw(init)
        states.append(ensemble.snapshot(template))
        torch.manual_seed(seed)
        built.append(models.MLP(dataclasses.replace(config, init=init)))
    x, y = data.digits(32)
    assert torch.equal(ensemble.StackedMLP(template, states)(x), ensemble.StackedMLP.of(built)(x))
