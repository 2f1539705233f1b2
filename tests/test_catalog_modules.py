"""The catalog's rooms: Catalog, the loader and the overrides, with imports one way."""

from __future__ import annotations

import ast
from pathlib import Path

import motcua.procedures

PACKAGE = Path(motcua.procedures.__file__).parent
ROOMS = ("_catalog", "_loading", "_overrides")


def _imports(name: str) -> set[str]:
    """The procedures modules that module *name* imports."""
    tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    return {
        (node.module or "").removeprefix("motcua.procedures.")
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("motcua.procedures.")
    }


def test_the_loader_is_the_seam() -> None:
    # Reading files knows nothing of the catalog or of overrides; overrides read through
    # the loader and know nothing of the catalog; only the catalog puts them together.
    assert not _imports("_loading") & {"_catalog", "_overrides"}
    assert "_catalog" not in _imports("_overrides")
    assert {"_loading", "_overrides"} <= _imports("_catalog")


def test_each_catalog_module_reads_in_one_sitting() -> None:
    lengths = {
        name: len((PACKAGE / f"{name}.py").read_text(encoding="utf-8").splitlines())
        for name in ROOMS
    }
    assert max(lengths.values()) <= 400, lengths
