"""The documentation site's helpers (tools/docs_site.py): docstrings read as Markdown."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path
from types import ModuleType

import griffe

import motcua

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_site", ROOT / "tools/docs_site.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
KNOWN = {"motcua.calendar.WorkingCalendar": "motcua.calendar.WorkingCalendar"}.get


def test_the_tools_own_examples_hold() -> None:
    assert doctest.testmod(TOOL).failed == 0


def test_a_reference_to_a_documented_object_links_and_any_other_is_code() -> None:
    text = (
        "Use :class:`~motcua.calendar.WorkingCalendar` or :meth:`motcua.calendar.WorkingCalendar`"
        " (:func:`nowhere()`, :py:attr:`x.y`)."
    )
    assert TOOL.to_markdown(text, KNOWN) == (
        "Use [`WorkingCalendar`][motcua.calendar.WorkingCalendar] or "
        "[`motcua.calendar.WorkingCalendar`][motcua.calendar.WorkingCalendar] "
        "(`nowhere()`, `x.y`)."
    )


def test_doctests_are_fenced_where_they_stand_and_an_examples_section_is_left_alone() -> None:
    text = (
        "Intro.\n\n>>> 1\n1\n\nExample:\n    >>> 2\n    2\n    after\n\n"
        "Examples:\n    >>> 3\n    3\nEnd."
    )
    assert TOOL.to_markdown(text, KNOWN) == (
        "Intro.\n\n```pycon\n>>> 1\n1\n```\n\nExample:\n    ```pycon\n    >>> 2\n    2\n"
        "    after\n    ```\n\nExamples:\n    >>> 3\n    3\nEnd."
    )


def test_a_literal_block_loses_only_its_double_colon() -> None:
    text = "The tree::\n\n    A\nRatio 2::1 stays."
    assert TOOL.to_markdown(text, KNOWN) == "The tree:\n\n    A\nRatio 2::1 stays."


def test_every_top_level_name_is_documented_once() -> None:
    table = TOOL.top_level_table()
    for name in motcua.__all__:
        if name != "__version__":
            assert f"[`{name}`][" in table, name
    only = TOOL.top_level_only()
    for name in only:
        assert f"::: motcua.{name}\n" in table
    assert "Certainty" in only
    assert "WorkingCalendar" not in only


def test_each_public_package_has_an_api_page() -> None:
    names = {m.__name__ for m in TOOL.public_subpackages()}
    assert {"motcua.calendar", "motcua.errors", "motcua.store"} <= names
    assert "motcua.data" not in names  # no __all__: nothing public to document
    for name in names:
        assert (ROOT / "docs/api" / f"{name.removeprefix('motcua.')}.md").is_file(), name


def test_documented_paths_follow_reexports_inherited_members_and_attributes() -> None:
    package = griffe.load("motcua", search_paths=[str(ROOT / "src")])
    assert isinstance(package, griffe.Module)
    documented = TOOL.documented_paths(package)
    # A class defined in a private module is documented where its package exports it.
    assert documented["motcua.calendar._calendar.WorkingCalendar"] == (
        "motcua.calendar.WorkingCalendar"
    )
    # The reading side of a dossier is inherited from a private base.
    assert documented["motcua.dossiers.Dossier.status"] == "motcua.dossiers.Dossier.status"
    # A field without a docstring of its own is described by its class.
    assert documented["motcua.procedures.Procedure.clock_start"] == "motcua.procedures.Procedure"
    # A name only the top level exports is documented there.
    assert documented["motcua._sources.Certainty"] == "motcua.Certainty"
