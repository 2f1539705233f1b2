"""Limits on the files motcua reads: their size, their nesting, what their aliases expand to.

A catalog or schedule file may come from another vendor's export or from an attacker;
what costs time or memory in it is bounded before the costly work starts. The loaders turn
an :class:`InputRefused` into their own error (``CatalogDataError``,
``ScheduleDataError``), whose message names the limit and how to raise it. The limits are
listed in ``docs/security.md`` (section "Limits").
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from motcua.errors import ArgumentTypeError

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "EXPANSION_FLOOR",
    "InputRefused",
    "check_shape",
    "file_path",
    "read_text",
]

_CHUNK = 1 << 20
"""Bytes read at a time: a limit far above a file's size allocates nothing for it."""

DEFAULT_MAX_DEPTH = 32
"""Nesting depth of lists and mappings a data file may have (real catalogs use about 8)."""

EXPANSION_FLOOR = 100_000
"""A file's values, aliases expanded, may number its size in bytes, or this many if more."""


def file_path(value: object, argument: str = "path") -> Path:
    """*value* as a :class:`~pathlib.Path`: a ``str`` or an ``os.PathLike`` of text.

    Raises:
        ArgumentTypeError: It is anything else (bytes, None, a number…).
    """
    if isinstance(value, str | os.PathLike):
        try:
            return Path(value)
        except TypeError:  # an os.PathLike whose path is bytes
            pass
    raise ArgumentTypeError(argument, value, expected="a file path (a str or a pathlib.Path)")


class InputRefused(Exception):  # noqa: N818 - internal: the loaders raise their own error
    """What a limit refuses, in words; the loader adds the file and raises its own error."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


def read_text(path: Path, *, max_bytes: int, option: str = "max_bytes") -> str:
    """The UTF-8 text of *path*, refused unread when it is larger than *max_bytes*.

    Raises:
        InputRefused: The file cannot be read, is larger than *max_bytes* or is not UTF-8.
    """
    try:
        with path.open("rb") as handle:
            data = _read_at_most(handle, max_bytes + 1)
    except OSError as exc:
        raise InputRefused(f"cannot read it: {exc.strerror or type(exc).__name__}") from None
    except ValueError:  # a NUL in the path: no file can have that name
        raise InputRefused("cannot read it: a file path cannot hold a NUL character") from None
    if len(data) > max_bytes:
        raise InputRefused(
            f"the file is larger than the limit of {max_bytes:,} bytes; "
            f"pass a larger {option}= if it is genuine"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputRefused(
            f"cannot read it: it is not UTF-8 text (byte {exc.start:,} is not valid UTF-8)"
        ) from None


def _read_at_most(handle: Any, most: int) -> bytes:
    """Up to *most* bytes of *handle*, read a chunk at a time.

    ``read(most)`` would allocate *most* bytes first: a limit of 2**40 was a MemoryError
    for a file of three bytes.
    """
    chunks: list[bytes] = []
    total = 0
    while total < most:
        chunk = handle.read(min(most - total, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def check_shape(value: Any, *, max_depth: int, size: int, option: str = "max_depth") -> None:
    """Refuse *value* (parsed data) nested deeper than *max_depth* or expanding too far.

    Lists and mappings count one level each. YAML aliases let a few hundred bytes stand
    for billions of values (an "alias bomb"); shared parts are counted once per use here,
    in time linear in the distinct parts, and the total must not pass the file's *size*
    in bytes (a plain file cannot hold more values than bytes), or
    :data:`EXPANSION_FLOOR`, whichever is larger.

    Raises:
        InputRefused: The data is nested too deeply (or refers to itself) or expands too far.
    """
    limit = max(size, EXPANSION_FLOOR)
    counts: dict[int, int] = {}
    active: set[int] = set()

    def count(node: Any, level: int) -> int:
        if level > max_depth:
            raise InputRefused(
                f"nested deeper than the limit of {max_depth} levels of lists and mappings; "
                f"pass a larger {option}= if it is genuine"
            )
        key = id(node)
        known = counts.get(key)
        if known is not None:
            return known
        if key in active:  # pragma: no cover - a self-reference passes max_depth first
            raise InputRefused("a value refers to itself")
        active.add(key)
        children = node.values() if isinstance(node, dict) else node
        total = len(node)
        for child in children:
            if isinstance(child, dict | list):
                total += count(child, level + 1)
        if isinstance(node, dict):
            total += len(node)  # the keys
        active.discard(key)
        if total > limit:
            raise InputRefused(
                f"its aliases expand it to more than {limit:,} values, more than a file "
                f"of its size can hold (an alias bomb?); write the values out"
            )
        counts[key] = total
        return total

    if isinstance(value, dict | list):
        count(value, 1)
