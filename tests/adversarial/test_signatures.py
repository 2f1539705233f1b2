"""The sweep generated from the signatures: every public callable, every parameter, hostile.

``tests/signature_calls.py`` finds every public function, constructor and method of the
library core (``motcua.__all__`` and the ``__all__`` of calendar, procedures, dossiers,
slips and queue) and builds one valid call of each. Here each parameter of each call is
replaced in turn by every value of ``FIXED`` and by values Hypothesis draws from
``HOSTILE``; the call must answer or raise a motcua error that is cheap to print and names
nothing in full, and an object refused a call (a dossier, a queue) must be unchanged. A
``bool`` given where an ``int`` is annotated must be refused (issue 15, point 4).

``HYPOTHESIS_PROFILE=deep`` draws many more values per callable.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import signature_calls as calls
from hostile import (
    FAR_FUTURE,
    FAR_PAST,
    HOSTILE,
    HUGE_LIST,
    HUGE_TEXT,
    assert_cheap_to_print,
    hostile_settings,
)
from motcua.errors import MotcuaError

pytestmark = pytest.mark.filterwarnings("ignore::motcua.errors.EstimatedScheduleWarning")

TARGETS = {t.name: t for t in calls.public_callables() if t.name not in calls.EXCLUDED}
SWEPT = sorted(name for name, t in TARGETS.items() if t.parameters)

FIXED: tuple[object, ...] = (
    None,
    True,
    0,
    -1,
    10**30,
    float("nan"),
    "",
    "\x00",
    HUGE_TEXT,
    HUGE_LIST,
    b"x",
    object(),
    FAR_FUTURE,
    FAR_PAST,
)
"""Values every parameter of every callable is given, beside the ones Hypothesis draws."""


@pytest.fixture(autouse=True, scope="module")
def _in_a_folder_of_its_own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # A path parameter given hostile text must not write into the checkout.
    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("signatures"))
    yield
    os.chdir(here)


def _annotated_int(annotation: object) -> bool:
    text = str(annotation).replace(" ", "")
    return text in ("int", "int|None")


def _refuses_or_answers(name: str, parameter: str, value: object) -> None:
    target = TARGETS[name]
    valid = calls.valid_arguments(target)
    assert valid is not None, name
    on = calls.receiver(target)
    before = calls.snapshot(on)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            calls.call(target, valid | {parameter: value}, on)
        except MotcuaError as exc:
            assert_cheap_to_print(exc)
            assert calls.snapshot(on) == before, f"{name}({parameter}=…) changed its object"
            return
    annotation = next(p.annotation for p in target.parameters if p.name == parameter)
    assert not (value is True and _annotated_int(annotation)), f"{name} took {parameter}=True"


def test_every_public_callable_has_a_valid_call_or_a_reason() -> None:
    # A new public callable fails here until signature_calls.py knows how to call it.
    unknown = [name for name, t in TARGETS.items() if calls.valid_arguments(t) is None]
    unreceived = [n for n, t in TARGETS.items() if t.bound and calls.receiver(t) is None]
    assert not unknown, f"no valid call known for {unknown}: add one to signature_calls.py"
    assert not unreceived, f"no object to call {unreceived} on: add one to RECEIVERS"
    stale = set(calls.EXCLUDED) - {t.name for t in calls.public_callables()}
    assert not stale, f"EXCLUDED names callables that are gone: {stale}"


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_every_public_callable_answers_its_valid_call(name: str) -> None:
    target = TARGETS[name]
    valid = calls.valid_arguments(target)
    assert valid is not None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        calls.call(target, valid, calls.receiver(target))


@pytest.mark.parametrize("name", SWEPT)
def test_each_parameter_refuses_the_fixed_hostile_values(name: str) -> None:
    for parameter in TARGETS[name].parameters:
        for value in FIXED:
            _refuses_or_answers(name, parameter.name, value)


@pytest.mark.parametrize("name", SWEPT)
@hostile_settings(4)
@given(data=st.data())
def test_each_parameter_refuses_drawn_hostile_values(name: str, data: st.DataObject) -> None:
    parameters = [p.name for p in TARGETS[name].parameters]
    parameter = data.draw(st.sampled_from(parameters), label="parameter")
    value: Any = data.draw(HOSTILE, label="value")
    _refuses_or_answers(name, parameter, value)


def test_the_sweep_covers_the_core() -> None:
    parameters = sum(len(TARGETS[name].parameters) for name in SWEPT)
    assert len(SWEPT) >= 100, len(SWEPT)
    assert parameters >= 200, parameters
