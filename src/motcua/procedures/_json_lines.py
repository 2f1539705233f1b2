"""The line of a value in a JSON file, found without re-parsing the file in pure Python.

An error in a large JSON catalog needs the line of one value. Composing the whole file as
YAML nodes (pure Python) to find it took about 30 times as long as loading the valid
file; here the scan follows the error's path only, and skips every value beside the path
with the standard library's C scanner.
"""

from __future__ import annotations

import json
import re

__all__ = ["json_line"]

_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # C scanner, undeclared
_SPACE = re.compile(r"[ \t\n\r]*")


def json_line(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line where the value at *loc* starts in the JSON *text*.

    The path is followed as the YAML node walk follows it: a key the object does not have
    (a union tag pydantic adds to the path) is passed over, an index past a list's end
    stops at the list, and a path going on below a plain value stops at that value.
    """
    pos = _SPACE.match(text, 0).end()  # type: ignore[union-attr]  # matches everywhere
    try:
        for part in loc:
            opening = text[pos : pos + 1]
            if opening == "{":
                found = _member(text, pos, str(part))
                if found is None:
                    continue
                pos = found
            elif opening == "[" and isinstance(part, int):
                found = _item(text, pos, part)
                if found is None:
                    break
                pos = found
    except (StopIteration, IndexError):  # pragma: no cover - the text was parsed already
        return None
    return text.count("\n", 0, pos) + 1


def _skip(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # matches everywhere


def _member(text: str, pos: int, wanted: str) -> int | None:
    """Where the value of key *wanted* starts in the object at *pos*, or None."""
    pos = _skip(text, pos + 1)
    if text[pos] == "}":
        return None
    while True:
        key, pos = _SCAN(text, pos)
        pos = _skip(text, _skip(text, pos) + 1)  # past the colon
        if key == wanted:
            return pos
        _, pos = _SCAN(text, pos)
        pos = _skip(text, pos)
        if text[pos] != ",":
            return None
        pos = _skip(text, pos + 1)


def _item(text: str, pos: int, index: int) -> int | None:
    """Where item *index* starts in the list at *pos*, or None past its end."""
    pos = _skip(text, pos + 1)
    if text[pos] == "]":
        return None
    for _ in range(index):
        _, pos = _SCAN(text, pos)
        pos = _skip(text, pos)
        if text[pos] != ",":
            return None
        pos = _skip(text, pos + 1)
    return pos
