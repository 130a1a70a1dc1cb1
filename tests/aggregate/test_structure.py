"""The aggregate stage is one room: it reads verification's output (the models) and the
language tools, never another stage's helpers, and no module outside it makes a flag."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "factcheck"
ALLOWED = ("factcheck.aggregate", "factcheck.models", "factcheck.language")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m.split(".")[0] == "factcheck"}


def _makes_flags(path: Path) -> bool:
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
               and node.func.id == "Flag"
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def test_aggregate_depends_only_on_models_and_language_tools() -> None:
    modules = sorted((PACKAGE / "aggregate").glob("*.py"))
    assert len(modules) > 5
    outside = {(p.name, m) for p in modules for m in _imports(p)
               if m != "factcheck" and not m.startswith(ALLOWED)}
    assert outside == set()


def test_no_module_outside_aggregate_makes_a_flag() -> None:
    makers = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
              if _makes_flags(p)}
    assert makers and all(m.startswith("aggregate/") for m in makers)


def test_package_root_keeps_only_the_wiring() -> None:
    root = {p.stem for p in PACKAGE.glob("*.py")}
    assert root <= {"__init__", "__main__", "api", "cli", "errors", "models", "pipeline",
                    "store"}
