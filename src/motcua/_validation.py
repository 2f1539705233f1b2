"""Turning pydantic's validation errors into the few words a data author needs."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from motcua.errors import _shown

__all__ = ["field_path", "real_errors", "rule_error", "short"]


def rule_error(code: str, message: str, *, at: tuple[int | str, ...] = ()) -> PydanticCustomError:
    """A validation rule's refusal with a stable *code* (its error ``type``).

    Loaders find the field a record-level rule is about from the code (or from *at*, the
    path of the offending value under the validated model), never from the wording, so a
    message can be reworded without moving the reported line.
    """
    return PydanticCustomError(code, "{message}", {"message": message, "at": at})


def real_errors(exc: ValidationError) -> list[ErrorDetails]:
    """The errors of *exc* without cascades.

    A failure at a path that merely contains another failing path (a tuple "too short"
    because its only item failed) says nothing new and is left out.
    """
    errors = exc.errors()
    locs = [tuple(e["loc"]) for e in errors]
    return [
        e
        for e, loc in zip(errors, locs, strict=True)
        if not any(other != loc and other[: len(loc)] == loc for other in locs)
    ]


def field_path(loc: tuple[int | str, ...], *, keyed_by_int: tuple[str, ...] = ()) -> str:
    """``("procedures", 3, "code")`` → ``"procedures[3].code"``.

    Integers under a key in *keyed_by_int* are mapping keys, not indexes
    (``years.2027``, not ``years[2027]``).
    """
    text = ""
    for part in loc:
        if isinstance(part, int) and text and not text.endswith(keyed_by_int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def short(value: Any) -> str:
    """A value's repr, cut for an error message; never the whole of a huge value."""
    return _shown(value)
