"""``motcua serve --stdio``: one JSON request per line in, one JSON answer per line out."""

from __future__ import annotations

import io
import json
import select
from typing import IO, Any

import pydantic_core

from motcua.cli._ops import answer
from motcua.cli._request import MAX_REQUEST_BYTES
from motcua.errors import ArgumentTypeError

__all__ = ["LINE_LIMIT", "serve"]

LINE_LIMIT = MAX_REQUEST_BYTES
"""The longest request line read by default (1 MiB); a longer one is answered with an error."""


def serve(stdin: IO[bytes], stdout: IO[str], *, max_line_bytes: int = LINE_LIMIT) -> int:
    """Answer every line of *stdin* on *stdout*, in order, until end of input.

    A line that is not JSON, longer than *max_line_bytes* (it is skipped unread), or a
    request motcua refuses gets an ``{"ok": false, "error": …}`` answer naming the line;
    the service goes on. Blank lines are skipped. Returns the number of requests answered.

    Raises:
        ArgumentTypeError: *max_line_bytes* is not a whole number of bytes from 1.
    """
    if (
        isinstance(max_line_bytes, bool)
        or not isinstance(max_line_bytes, int)
        or max_line_bytes < 1
    ):
        raise ArgumentTypeError(
            "max_line_bytes", max_line_bytes, expected="a whole number of bytes, at least 1"
        )
    answered = 0
    number = 0
    while True:
        raw = stdin.readline(max_line_bytes + 1)
        if not raw:
            return answered
        number += 1
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            while (rest := stdin.readline(1 << 16)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the line
            body = _refusal(
                number,
                f"a line of at most {max_line_bytes:,} bytes "
                f"(motcua serve --stdio --max-request-bytes)",
                f"{len(raw)}+ bytes",
            )
        elif not raw.strip():
            continue
        else:
            try:
                request: Any = pydantic_core.from_json(raw, allow_inf_nan=False)
            except ValueError as exc:
                body = _refusal(number, f"one JSON object per line ({exc})", raw[:80])
            else:
                body = answer(request)
        stdout.write(_line(body))
        if not _more_waiting(stdin):  # a client waiting for this answer gets it now
            stdout.flush()
        answered += 1


def _more_waiting(stdin: IO[bytes]) -> bool:
    """Whether the next request is already waiting in the pipe (then flush later, once).

    Requests still in Python's own buffer are not seen: the answer is flushed, which is
    always safe. On streams without a file descriptor, and where ``select`` cannot watch
    pipes (Windows), every answer is flushed.
    """
    try:
        ready, _, _ = select.select([stdin.fileno()], [], [], 0)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False
    return bool(ready)


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
"""Characters JSON leaves raw in strings but ``str.splitlines`` (and old JavaScript) breaks
lines at: written escaped, so one answer is always one line whoever splits it."""


def _line(body: dict[str, Any]) -> str:
    try:
        text = pydantic_core.to_json(body).decode()
    except pydantic_core.PydanticSerializationError:  # a lone surrogate echoed back
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_LINE_BREAKS) + "\n"


def _refusal(number: int, expected: str, got: object) -> dict[str, Any]:
    error = ArgumentTypeError(f"line {number}", got, expected=expected)
    return {
        "ok": False,
        "error": {"type": type(error).__name__, "message": str(error), "status": 400},
    }
