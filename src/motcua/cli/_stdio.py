"""``motcua serve --stdio``: one JSON request per line in, one JSON answer per line out."""

from __future__ import annotations

import json
from typing import IO, Any

from motcua.cli._ops import answer
from motcua.errors import ArgumentTypeError

__all__ = ["LINE_LIMIT", "serve"]

LINE_LIMIT = 1 << 20
"""The longest request line read (1 MiB); a longer one is answered with an error."""


def serve(stdin: IO[bytes], stdout: IO[str]) -> int:
    """Answer every line of *stdin* on *stdout*, in order, until end of input.

    A line that is not JSON, too long, or a request motcua refuses gets an
    ``{"ok": false, "error": …}`` answer naming the line; the service goes on. Blank lines
    are skipped. Returns the number of requests answered.
    """
    answered = 0
    number = 0
    while True:
        raw = stdin.readline(LINE_LIMIT + 1)
        if not raw:
            return answered
        number += 1
        if len(raw) > LINE_LIMIT and not raw.endswith(b"\n"):
            while (rest := stdin.readline(LINE_LIMIT)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the line
            body = _refusal(number, "a line of at most 1 MiB", f"{len(raw)}+ bytes")
        elif not raw.strip():
            continue
        else:
            try:
                request: Any = json.loads(raw)
            except ValueError as exc:
                body = _refusal(number, f"one JSON object per line ({exc})", raw[:80])
            else:
                body = answer(request)
        stdout.write(json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n")
        stdout.flush()
        answered += 1


def _refusal(number: int, expected: str, got: object) -> dict[str, Any]:
    error = ArgumentTypeError(f"line {number}", got, expected=expected)
    return {
        "ok": False,
        "error": {"type": type(error).__name__, "message": str(error), "status": 400},
    }
