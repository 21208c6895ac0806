"""kobai/compat/: each module was written against one version of one package; that version is the
one pinned in pyproject.toml and the one installed. An upgrade fails here, naming what to re-check."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from kobai import compat

ROOT = Path(__file__).resolve().parents[2]
PINS = dict(re.match(r"([A-Za-z0-9_.-]+)==([^;\s]+)", dependency).groups()
            for dependency in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
            if "==" in dependency)


@pytest.mark.parametrize("module", compat.MODULES, ids=lambda m: m.__name__)
def test_each_compat_module_matches_the_pin_and_the_installed_version(module):
    where = module.__name__.replace(".", "/") + ".py"
    assert PINS.get(module.PACKAGE) == module.TESTED_VERSION, (
        f"pyproject.toml must pin {module.PACKAGE}=={module.TESTED_VERSION}, the version {where} was written against")
    assert version(module.PACKAGE) == module.TESTED_VERSION, (
        f"{module.PACKAGE} {version(module.PACKAGE)} is installed but {where} was written against "
        f"{module.TESTED_VERSION}: re-check what it changes, then update TESTED_VERSION and the pin")


def test_the_build_is_told_about_a_version_it_was_not_written_for(monkeypatch):
    assert compat.version_problems() == []
    monkeypatch.setattr(compat.material, "TESTED_VERSION", "0.0.1")
    (problem,) = compat.version_problems()
    assert "mkdocs-material 9.8.1 is installed, but kobai/compat/material.py was written against 0.0.1" in problem


def test_no_module_outside_compat_reaches_into_those_packages_internals():
    """The patched names appear only in kobai/compat/ (and its tests)."""
    internals = ["_get_markdown_toc", "is_markdown_file", "current_language", "anchor-link", "x-mathjax-config",
                 "_populate_page", "_build_page", "_watched_paths", "reconfigure_mkdocs_config", "add_entry_from_context",
                 "_title_from_render", "present_anchor_ids", "links_to_anchors"]
    for path in [*ROOT.glob("kobai/*.py"), *ROOT.glob("figgen/*.py"), *ROOT.glob("glossary/*.py"), *ROOT.glob("bibliography/*.py")]:
        text = path.read_text(encoding="utf-8")
        for name in internals:
            assert name not in text, f"{path.relative_to(ROOT)} uses {name!r}: that belongs in kobai/compat/"
