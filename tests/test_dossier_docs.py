"""The diagram in docs/dossiers.md is the chart's own."""

from __future__ import annotations

from pathlib import Path

from motcua.dossiers._chart import mermaid

DOCS = Path(__file__).resolve().parent.parent / "docs" / "dossiers.md"


def test_the_diagram_in_the_docs_is_current() -> None:
    text = DOCS.read_text(encoding="utf-8")
    block = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block.strip() == mermaid().strip(), (
        "docs/dossiers.md is stale: paste the output of "
        "python -c 'from motcua.dossiers._chart import mermaid; print(mermaid())'"
    )
