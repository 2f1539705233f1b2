"""DossierRecord's hand-written __init__ and many() accept and refuse what the dataclass did.

The reference is a dataclass subclass that adds nothing: its generated __init__ is the one
DossierRecord had before it wrote its own (it sets every field, then calls __post_init__).
"""

from __future__ import annotations

import copy
import dataclasses
import gc
import inspect
import pickle
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from helpers import vn
from motcua import Channel, DossierRecord, DossierStatus
from motcua.dossiers import Phase, _filling
from motcua.errors import ArgumentTypeError


@dataclasses.dataclass(frozen=True, slots=True)
class Generated(DossierRecord):
    """DossierRecord with the dataclass's own generated __init__."""


AT = vn(2026, 3, 2, 8)
DUE = vn(2026, 3, 5, 9, 15)
PHASE = Phase(AT, 1, DossierStatus.RECEIVED, False, DUE, DUE, False, None)
POSITIONAL = (
    "D1",
    "1.004873",
    "Hộ tịch",
    "UBND xã",
    Channel.COUNTER,
    DossierStatus.RECEIVED,
    AT,
    DUE,
    None,
    None,
    False,
    AT,
)
NAMES = [f.name for f in dataclasses.fields(DossierRecord)]
KEYWORDS: dict[str, Any] = dict(zip(NAMES, POSITIONAL, strict=False))
EVERY: dict[str, Any] = {
    **KEYWORDS,
    "overdue": True,
    "due_at": DUE,
    "paused_since": None,
    "clock_stopped": False,
    "next_check_at": vn(2026, 3, 4, 17),
    "version": 1,
    "calendar_id": "vn",
    "timeline": (PHASE,),
    "case": "a",
    "due_estimated": True,
}
NAIVE = datetime(2026, 3, 2, 8)  # noqa: DTZ001 - the point of the test
MOMENTS = (
    "accepted_at",
    "legal_due_at",
    "finished_at",
    "closed_at",
    "changed_at",
    "due_at",
    "paused_since",
)


def _outcome(build: Callable[..., DossierRecord], *args: Any, **kwargs: Any) -> object:
    """The fields built, or the exception's type and message (the class's name left out)."""
    try:
        record = build(*args, **kwargs)
    except Exception as error:
        return type(error), str(error).replace(build.__name__, "DossierRecord")
    return dataclasses.astuple(record)


def _same(*args: Any, **kwargs: Any) -> Any:
    ours = _outcome(DossierRecord, *args, **kwargs)
    assert ours == _outcome(Generated, *args, **kwargs)
    return ours


def test_the_signature_is_the_dataclass_one() -> None:
    ours = inspect.signature(DossierRecord).parameters
    generated = inspect.signature(Generated).parameters
    assert [(p.name, p.kind, p.default) for p in ours.values()] == [
        (p.name, p.kind, p.default) for p in generated.values()
    ]
    assert list(ours) == NAMES
    assert DossierRecord.__init__.__doc__ is None  # as generated: the class docstring says it


def test_positional_and_keyword_building_agree() -> None:
    built = _same(*POSITIONAL)
    assert built == _same(**KEYWORDS)
    assert built == _same(*POSITIONAL[:6], **dict(list(KEYWORDS.items())[6:]))
    every = _same(**EVERY)
    assert every == _same(*(EVERY[name] for name in NAMES))
    assert every == dataclasses.astuple(DossierRecord(**EVERY))
    assert DossierRecord(**EVERY).case == "a"
    assert DossierRecord(*POSITIONAL).calendar_id == "vn"


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((*POSITIONAL, False, None, None, False, None, 0, "vn", (), None, False, "extra"), {}),
        (POSITIONAL[:11], {}),  # changed_at missing
        (POSITIONAL, {"code": "D2"}),  # code given twice
        (POSITIONAL, {"officer": "tp"}),
        ((), {}),
    ],
)
def test_wrong_arguments_are_refused_as_before(args: tuple[Any, ...], kwargs: Any) -> None:
    kind, _ = _same(*args, **kwargs)
    assert kind is TypeError  # Python's own calling errors, as the generated __init__ had


@pytest.mark.parametrize("name", MOMENTS)
def test_a_naive_moment_is_refused_as_before(name: str) -> None:
    kind, message = _same(**{**EVERY, name: NAIVE})
    assert kind.__name__ == "NaiveDatetimeError"
    assert f"DossierRecord(D1).{name}" in message


def test_the_moments_that_pass_are_the_same() -> None:
    # next_check_at was never checked: a naive one is kept, as the dataclass kept it.
    assert _same(**{**EVERY, "next_check_at": NAIVE}) != _same(**EVERY)
    in_utc = _same(**{**EVERY, "finished_at": datetime(2026, 3, 3, 1, tzinfo=UTC)})
    fixed = _same(**{**EVERY, "closed_at": datetime(2026, 3, 3, tzinfo=UTC)})
    assert isinstance(in_utc, tuple)
    assert isinstance(fixed, tuple)
    kind, message = _same(**{**EVERY, "changed_at": "2026-03-02T08:00+07:00"})
    assert kind.__name__ == "ArgumentTypeError"
    assert "changed_at must be a timezone-aware datetime" in message


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("status", "received", "a DossierStatus"),
        ("status", None, "a DossierStatus"),
        ("channel", "fax", "a Channel (counter, online, post)"),
        ("channel", None, "a Channel (counter, online, post)"),
        ("timeline", [PHASE], "a tuple of Phase"),
        ("timeline", (1, 2), "a tuple of Phase"),
    ],
)
def test_a_wrong_status_channel_or_timeline_is_refused_as_before(
    name: str, value: object, expected: str
) -> None:
    kind, message = _same(**{**EVERY, name: value})
    assert kind.__name__ == "ArgumentTypeError"
    assert f"DossierRecord(D1).{name}" in message
    assert expected in message


def test_a_channel_given_as_its_stored_text_is_kept_as_before() -> None:
    assert _same(**{**EVERY, "channel": "online"})[4] == "online"


def test_replace_still_checks_and_the_record_stays_a_frozen_value() -> None:
    record = DossierRecord(**EVERY)
    with pytest.raises(Exception, match="finished_at") as refused:
        dataclasses.replace(record, finished_at=NAIVE)
    assert type(refused.value).__name__ == "NaiveDatetimeError"
    assert dataclasses.replace(record, version=2).version == 2
    assert dataclasses.replace(record) == record
    assert hash(dataclasses.replace(record)) == hash(record)
    assert dataclasses.asdict(record) == dict(zip(NAMES, dataclasses.astuple(record), strict=True))
    assert dataclasses.asdict(record)["timeline"] == (PHASE,)
    assert repr(record).startswith("DossierRecord(code='D1', procedure='1.004873',")
    assert pickle.loads(pickle.dumps(record)) == record
    assert copy.copy(record) == record
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.version = 3  # type: ignore[misc]
    assert not hasattr(record, "__dict__")
    assert record.__match_args__ == tuple(NAMES)


# DossierRecord.many: the documented way to build many, the constructor's checks and errors.


def test_many_builds_what_the_constructor_builds() -> None:
    rows = [POSITIONAL, tuple(EVERY[name] for name in NAMES), [*POSITIONAL[:11], DUE]]
    built = DossierRecord.many(rows)
    assert built == [DossierRecord(*row) for row in rows]
    assert [type(record) for record in built] == [DossierRecord] * 3
    assert built[1].timeline == (PHASE,)
    assert built[2].changed_at == DUE
    assert hash(built[0]) == hash(DossierRecord(*POSITIONAL))
    assert DossierRecord.many(iter([])) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("accepted_at", NAIVE),
        ("changed_at", NAIVE),
        ("paused_since", NAIVE),
        ("changed_at", "2026-03-02T08:00+07:00"),
        ("status", "received"),
        ("channel", "fax"),
        ("timeline", [PHASE]),
    ],
)
def test_many_refuses_a_wrong_row_with_the_constructors_error(name: str, value: object) -> None:
    wrong = tuple({**EVERY, "code": "D2", name: value}[field] for field in NAMES)
    with pytest.raises(Exception, match=name) as by_constructor:
        DossierRecord(*wrong)
    with pytest.raises(type(by_constructor.value), match=r"DossierRecord\(D2\)") as by_many:
        DossierRecord.many([POSITIONAL, wrong, POSITIONAL])
    assert str(by_many.value) == str(by_constructor.value)
    assert gc.isenabled()


def test_many_keeps_what_passes_the_full_check_but_not_the_quick_one() -> None:
    class Aware(datetime):
        pass

    odd = Aware(2026, 3, 3, 8, tzinfo=UTC)
    row = tuple({**EVERY, "finished_at": odd, "channel": "online"}[name] for name in NAMES)
    (record,) = DossierRecord.many([row])
    assert record.finished_at is odd
    assert record.channel == "online"
    assert record == DossierRecord(*row)


@pytest.mark.parametrize(
    ("rows", "where"),
    [
        ([POSITIONAL, POSITIONAL[:11]], "rows[1]"),  # changed_at missing
        ([(*POSITIONAL, *(EVERY[name] for name in NAMES[12:]), "extra")], "rows[0]"),
        ([POSITIONAL, 7], "rows[1]"),
    ],
)
def test_many_names_the_row_with_the_wrong_count_of_columns(rows: Any, where: str) -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=rf"DossierRecord.many {re.escape(where)} must be "
        r"a sequence of 12 to 22 columns \(code, procedure, field",
    ):
        DossierRecord.many(rows)
    assert gc.isenabled()


def test_many_refuses_rows_that_are_not_iterable() -> None:
    with pytest.raises(ArgumentTypeError, match="rows must be an iterable of rows, got int 3"):
        DossierRecord.many(3)  # type: ignore[arg-type]


def test_many_of_a_subclass_builds_the_subclass() -> None:
    built = Generated.many([POSITIONAL])
    assert [type(record) for record in built] == [Generated]
    assert dataclasses.astuple(built[0]) == dataclasses.astuple(DossierRecord(*POSITIONAL))


def test_a_plain_subclass_is_filled_through_the_slot_setters() -> None:
    class Plain(DossierRecord):
        __slots__ = ("note",)

    record = Plain(*POSITIONAL)
    assert type(record) is Plain
    assert dataclasses.astuple(record) == dataclasses.astuple(DossierRecord(*POSITIONAL))
    with pytest.raises(Exception, match="accepted_at") as refused:
        Plain(*POSITIONAL[:6], NAIVE, *POSITIONAL[7:])
    assert type(refused.value).__name__ == "NaiveDatetimeError"


def test_the_open_twin_has_the_records_slots() -> None:
    # A record is filled as an _Open one: Python refuses the class switch unless the
    # layouts match, so a field added to one and not the other would fail every build.
    assert sorted(_filling._Open.__slots__) == sorted(DossierRecord.__slots__)
    record = DossierRecord(*POSITIONAL)
    assert type(record) is DossierRecord
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.code = "D9"  # type: ignore[misc]


def test_an_old_pickle_path_still_finds_the_record() -> None:
    from motcua.dossiers import _timeliness  # noqa: PLC0415

    assert _timeliness.DossierRecord is DossierRecord
    with pytest.raises(AttributeError):
        _timeliness.Nothing  # noqa: B018


def test_many_lets_the_callers_own_iterator_error_through() -> None:
    def rows() -> Any:
        yield POSITIONAL
        raise TypeError("the caller's own bug")

    with pytest.raises(TypeError, match="the caller's own bug") as raised:
        DossierRecord.many(rows())
    assert not isinstance(raised.value, ArgumentTypeError)
    assert gc.isenabled()
