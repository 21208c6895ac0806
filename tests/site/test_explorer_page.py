"""The explorer page describes the runs it shows: the numbers of its "how it was measured"
section are the explorer-grid figure's config, and every choice the page offers is a run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from figgen import registry

ROOT = Path(__file__).resolve().parents[2]
PAGES = {lang: ROOT / "docs" / f"explorer.{lang}.md" for lang in ("ja", "en")}
NUMBERS_EN = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


@pytest.fixture(scope="module")
def config() -> dict:
    return next(f for f in registry.figures() if f.id == "explorer-grid").config


def _options(text: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}">(.*?)</select>', text, re.S).group(1)
    return re.findall(r'<option value="([^"]+)"', select)


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_every_choice_on_the_page_is_a_run_of_the_grid(config, lang):
    text = PAGES[lang].read_text(encoding="utf-8")
    assert _options(text, "activation") == config["activations"]
    assert _options(text, "init") == config["inits"]
    assert [int(d) for d in _options(text, "depth")] == config["depths"]
    assert _options(text, "norm") == config["norms"]
    assert config["residual"] == [False, True] and 'name="residual"' in text
    runs = len(config["activations"]) * len(config["inits"]) * len(config["depths"]) * len(config["norms"]) * 2
    assert str(runs) in text


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_how_it_was_measured_states_the_figures_config(config, lang):
    text = PAGES[lang].read_text(encoding="utf-8")
    section = text[text.index("## 測り方" if lang == "ja" else "## How it was measured"):]
    if lang == "ja":
        claims = [f"幅 {config['width']}", f"最初の {config['probe']} 枚", f"ミニバッチ {config['batch']}",
                  f"学習率 {config['lr']}", f"{config['steps']} ステップ", f"{len(config['seeds'])} つの乱数の種"]
    else:
        seeds = {v: k for k, v in NUMBERS_EN.items()}[len(config["seeds"])]
        claims = [f"width {config['width']}", f"first {config['probe']} digits", f"mini-batches of {config['batch']}",
                  f"learning rate of {config['lr']}", f"{config['steps']} steps", f"{seeds} random seeds"]
    for claim in claims:
        assert claim in re.sub(r"\s+", " ", section), f"{lang}: {claim!r} not in the page"
