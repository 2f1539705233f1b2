"""The calendar's rooms: small modules whose imports point one way."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import motcua.calendar

PACKAGE = Path(motcua.calendar.__file__).parent


def _imports(path: Path) -> set[str]:
    """The calendar modules *path* imports, type-checking-only imports included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("motcua.calendar."):
            found.add((node.module or "").removeprefix("motcua.calendar."))
    return found


def test_no_calendar_module_imports_in_a_circle() -> None:
    graph = {path.stem: _imports(path) for path in PACKAGE.glob("_*.py")}
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as cycle:  # pragma: no cover - the failure message
        raise AssertionError(f"import cycle: {cycle.args[1]}") from None
    # The deadline knows only the protocol it needs, never the calendar that makes it.
    assert not graph["_deadline"] & {"_calendar", "_due", "_office", "_workdays", "_index"}
    # The facade is on top: only the package's __init__ imports it.
    assert {name for name, deps in graph.items() if "_calendar" in deps} == {"__init__"}


def test_every_calendar_module_reads_in_one_sitting() -> None:
    lengths = {
        p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.glob("*.py")
    }
    assert max(lengths.values()) <= 400, lengths
