"""What a start costs: `import motcua` loads no subpackage, and the calendar alone stays light."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("jinja2", "segno", "yaml", "statemachine", "sqlalchemy", "numpy", "click")


def _loaded(code: str) -> set[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_import_motcua_loads_none_of_its_subpackages() -> None:
    loaded = _loaded("import motcua")
    assert not {m for m in loaded if m.startswith("motcua.")}
    assert not loaded & {*HEAVY, "holidays", "pydantic"}


def test_the_calendar_alone_loads_neither_templates_nor_the_state_machine() -> None:
    loaded = _loaded(
        "from motcua import WorkingCalendar, ProcessingTime\n"
        "WorkingCalendar.vietnam().due_at.__name__"
    )
    assert not loaded & set(HEAVY)
    assert "motcua.dossiers" not in loaded
    assert "motcua.slips" not in loaded


def test_every_public_name_resolves_and_an_unknown_one_says_so() -> None:
    import motcua  # noqa: PLC0415 - the lazy namespace itself is under test

    for name in motcua.__all__:
        assert getattr(motcua, name) is not None, name
    assert set(motcua.__all__) <= set(dir(motcua))
    with pytest.raises(AttributeError, match="has no attribute 'version'"):
        motcua.version  # noqa: B018 - importlib's version is not motcua's


def test_the_queue_loads_neither_dossiers_nor_reports() -> None:
    loaded = _loaded("from motcua.queue import Queue")
    assert not {m for m in loaded if m.startswith(("motcua.dossiers", "motcua.reports"))}
    assert not loaded & set(HEAVY)
