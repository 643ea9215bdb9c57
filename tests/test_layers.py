"""The architecture, held by a test: the core imports no adapter or surface (and none of docker,
pandas, ipywidgets, matplotlib, jupyter), and no module of macplan imports itself back through
others (a package's `__init__` counts as imported whenever one of its modules is)."""

from __future__ import annotations

import ast
import pathlib

import pytest

PKG = pathlib.Path(__file__).resolve().parent.parent / "macplan"

# The layers, lowest first: a module may import from its own layer and the ones below.
CORE = ("macplan", "macplan.errors", "macplan.model", "macplan.profile", "macplan.quoting", "macplan.read",
        "macplan.docker", "macplan.rules", "macplan.report", "macplan.checked", "macplan.pools", "macplan.macs",
        "macplan.partition", "macplan.emit")
ADAPTERS = ("macplan.engine", "macplan.lab")
SURFACES = ("macplan.cli", "macplan.viz", "macplan.notebook", "macplan.__main__")
FOREIGN_IN_CORE = ("docker", "pandas", "ipywidgets", "matplotlib", "IPython", "jupyter", "voila", "netaddr")


def _modules() -> dict[str, pathlib.Path]:
    out = {}
    for path in PKG.rglob("*.py"):
        parts = path.relative_to(PKG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _is_pkg(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _imports(name: str) -> set[str]:
    """Every macplan module `name` imports (anywhere in it, lazily too), with the packages on
    the way (importing macplan.docker.ipam runs macplan/docker/__init__.py first)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    base = name.split(".") if _is_pkg(name) else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                mod = ".".join(base[: len(base) - node.level + 1] + ([mod] if mod else []))
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        for t in targets:
            if t in MODULES:
                found.add(t)
    with_parents = set()
    for t in found:
        parts = t.split(".")
        with_parents |= {".".join(parts[:i]) for i in range(2, len(parts) + 1)}
    return {m for m in with_parents if m in MODULES and m != name}


def _foreign(name: str) -> set[str]:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.add(node.module.split(".")[0])
    return out & set(FOREIGN_IN_CORE)


def _layer(name: str) -> int:
    for level, prefixes in enumerate((CORE, ADAPTERS, SURFACES)):
        if any(name == p or name.startswith(p + ".") for p in prefixes if p != "macplan") or name == "macplan":
            return level
    raise AssertionError(f"{name} belongs to no layer: add it to CORE, ADAPTERS or SURFACES")


CORE_MODULES = sorted(m for m in MODULES if m != "macplan" and _layer(m) == 0)


@pytest.mark.parametrize("name", CORE_MODULES)
def test_the_core_imports_no_adapter_surface_or_foreign_library(name):
    upward = sorted(m for m in _imports(name) if m != "macplan" and _layer(m) > 0)
    assert not upward, f"{name} (core) imports {upward}"
    assert not _foreign(name), f"{name} (core) imports {sorted(_foreign(name))}"


@pytest.mark.parametrize("name", sorted(m for m in MODULES if m != "macplan" and _layer(m) == 1))
def test_adapters_import_no_surface(name):
    upward = sorted(m for m in _imports(name) if _layer(m) == 2)
    assert not upward, f"{name} (adapter) imports {upward}"


def test_no_import_cycles():
    # The package's own __init__ (the public face) re-exports the core: it is left out of the
    # graph, and so nothing below may import `macplan` itself (checked here too).
    graph = {m: _imports(m) - {"macplan"} for m in MODULES if m != "macplan"}
    back = sorted(m for m in MODULES if m != "macplan" and "macplan" in _imports(m) and _layer(m) == 0)
    assert not back, f"core modules importing the package face: {back}"
    cycles = []
    state: dict[str, int] = {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_whole_core_is_held_to_mypy_strict():
    """Every core module is in pyproject's mypy `files` (the ratchet `./dev test` runs)."""
    import tomllib
    config = tomllib.loads((PKG.parent / "pyproject.toml").read_text(encoding="utf-8"))
    strict = set(config["tool"]["mypy"]["files"])
    missing = sorted(str(MODULES[m].relative_to(PKG.parent)) for m in CORE_MODULES
                     if str(MODULES[m].relative_to(PKG.parent)) not in strict)
    assert not missing, f"core modules not under mypy --strict: {missing}"
