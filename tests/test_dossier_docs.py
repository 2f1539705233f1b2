"""The diagram in docs/dossiers.md is the chart's own."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import motcua.dossiers
from motcua.dossiers import mermaid

DOCS = Path(__file__).resolve().parent.parent / "docs" / "dossiers.md"


def test_the_diagram_in_the_docs_is_current() -> None:
    text = DOCS.read_text(encoding="utf-8")
    block = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block.strip() == mermaid().strip(), (
        "docs/dossiers.md is stale: paste the output of "
        "python -c 'from motcua.dossiers import mermaid; print(mermaid())'"
    )


def test_the_old_private_spelling_still_answers_with_a_warning() -> None:
    old = importlib.import_module("motcua.dossiers._chart")  # as docs/dossiers.md once said
    with pytest.warns(DeprecationWarning, match=r"use motcua\.dossiers\.mermaid\(\)"):
        assert old.mermaid is mermaid
    with pytest.warns(DeprecationWarning, match=r"use motcua\.dossiers\.DossierChart$"):
        assert old.DossierChart is motcua.dossiers.DossierChart
    with pytest.raises(AttributeError, match="has no attribute 'ACTIONS'"):
        old.ACTIONS  # noqa: B018 - a dead name stays dead
