"""The README's example runs as written."""

from __future__ import annotations

from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = README.read_text(encoding="utf-8").split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile(code, str(README), "exec"), namespace)  # our own README
    assert "15 giờ 40 phút, ngày 07 tháng 01 năm 2026" in capsys.readouterr().out
    assert str(namespace["dossier"].due_at) == "2026-01-07 15:40:00+07:00"  # type: ignore[attr-defined]
