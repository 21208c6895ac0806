"""Every change this site makes to another package's internals or markup, one module per package.

| module             | package              | what it changes                                                  |
|--------------------|----------------------|------------------------------------------------------------------|
| mkdocs.py          | mkdocs               | `utils.is_markdown_file`: notebooks in docs/notebooks/ are pages |
| mkdocs_jupyter.py  | mkdocs-jupyter       | `plugin._get_markdown_toc` (site slugify), `cache_dir` per       |
|                    |                      | language, MathJax/Mermaid blocks of its template removed         |
| nbconvert.py       | nbconvert            | heading ids of notebook pages (its ASCII-only ids)               |
| static_i18n.py     | mkdocs-static-i18n   | reads its plugin's build state (kobai/i18n.py uses it)           |
| material.py        | mkdocs-material      | page HTML: search dialog named, bundle deferred, hreflang links  |
|                    |                      | dropped; overrides/main.html and the search worker name its      |
|                    |                      | version too                                                      |

Each module names the `PACKAGE` and the `TESTED_VERSION` it was written against; pyproject.toml
pins exactly those versions, and tests/kobai/test_compat.py fails with a message naming the module
to re-check when an installed version differs. `version_problems()` tells the same to the build
(a warning, which `mkdocs build --strict` turns into an error).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from types import ModuleType

from kobai.compat import material, mkdocs, mkdocs_jupyter, nbconvert, static_i18n

MODULES: tuple[ModuleType, ...] = (mkdocs, mkdocs_jupyter, nbconvert, static_i18n, material)


def version_problems() -> list[str]:
    """One line per package whose installed version is not the one its compat module was written for."""
    problems = []
    for module in MODULES:
        try:
            installed = version(module.PACKAGE)
        except PackageNotFoundError:
            continue  # not installed: its patch never runs
        if installed != module.TESTED_VERSION:
            problems.append(f"{module.PACKAGE} {installed} is installed, but {module.__name__.replace('.', '/')}.py "
                            f"was written against {module.TESTED_VERSION}: re-check what it changes, then update "
                            "its TESTED_VERSION and the pin in pyproject.toml")
    return problems
