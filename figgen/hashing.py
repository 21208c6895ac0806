"""What a cached result depends on, as content hashes.

- compute hash: the figure module's source *without* its `draw` function and its `FIGURE = …`
  declaration (texts), the source of every figgen module it imports (transitively; the drawing
  and declaration modules excluded), its config, the torch version and the device.
  Editing a figure's training retrains it; editing the shared training loop retrains every
  figure that imports it; editing only the drawing or the captions retrains nothing.
- draw hash: the compute hash, the `draw` source, the style module, the texts, matplotlib's version.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import importlib.util
import json
from pathlib import Path

from figgen.figure import Figure

FORMAT = "figgen-2"  # bump when the cached data layout changes (2: meta.device is observed, device_name added)
# Modules that never change what `compute` returns: declarations and drawing.
NOT_COMPUTE = {"figgen.figure", "figgen.style"}


def _source(module_name: str) -> str:
    spec = importlib.util.find_spec(module_name)
    if spec is None or spec.origin is None:
        raise ImportError(module_name)
    return Path(spec.origin).read_text(encoding="utf-8")


def _figgen_imports(module_name: str, source: str) -> set[str]:
    """figgen modules imported by a module (absolute imports of figgen.*)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("figgen.")}
        elif isinstance(node, ast.ImportFrom) and node.module and (node.module == "figgen" or node.module.startswith("figgen.")):
            if node.module == "figgen":
                found |= {f"figgen.{a.name}" for a in node.names}
            else:
                found.add(node.module)
    return {name for name in found if importlib.util.find_spec(name) is not None and name != module_name}


def compute_dependencies(module_name: str) -> list[str]:
    """The figgen modules whose source can change what a figure's `compute` returns."""
    seen: set[str] = set()
    todo = [module_name]
    while todo:
        name = todo.pop()
        for dep in _figgen_imports(name, _source(name)):
            if dep not in seen and dep not in NOT_COMPUTE:
                seen.add(dep)
                todo.append(dep)
    return sorted(seen)


def _split_module(source: str) -> tuple[str, str]:
    """(source without `draw` and the FIGURE declaration, source of `draw`)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    cut: list[tuple[int, int]] = []
    draw = ""
    for node in tree.body:
        is_draw = isinstance(node, ast.FunctionDef) and node.name == "draw"
        is_decl = isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "FIGURE" for t in node.targets)
        if is_draw or is_decl:
            start = (node.decorator_list[0].lineno if getattr(node, "decorator_list", None) else node.lineno) - 1
            cut.append((start, node.end_lineno))
            if is_draw:
                draw = "".join(lines[start:node.end_lineno])
    kept = [line for i, line in enumerate(lines) if not any(a <= i < b for a, b in cut)]
    return "".join(kept), draw


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:16]


def compute_hash(figure: Figure, device: str, torch_version: str) -> str:
    compute_source, _ = _split_module(_source(figure.module))
    deps = [f"{name}\n{_source(name)}" for name in compute_dependencies(figure.module)]
    config = json.dumps(figure.config, sort_keys=True)
    return _digest(FORMAT, figure.id, compute_source, *deps, config, torch_version, device)


def draw_hash(figure: Figure, compute: str, matplotlib_version: str) -> str:
    _, draw_source = _split_module(_source(figure.module))
    texts = json.dumps([figure.title.as_dict(), figure.caption.as_dict(), figure.alt.as_dict()], ensure_ascii=False)
    files = f"{figure.files}\n{_source(figure.files.partition(':')[0])}" if figure.files else ""
    return _digest(compute, draw_source, _source("figgen.style"), texts, matplotlib_version, files)
