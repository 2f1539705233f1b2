"""The files the command reads and writes: bounded reads, and Click's errors naming them.

Limits (``docs/security.md``, "The command line"): a line of an audited export is read no
further than ``--max-line-bytes`` (:data:`AUDIT_LINE_BYTES`, the audit's own default), a
``--columns`` map no larger than :data:`COLUMNS_BYTES`; a device is refused.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import click

from motcua._bounds import InputRefused, read_text

__all__ = [
    "AUDIT_LINE_BYTES",
    "COLUMNS_BYTES",
    "FileRefused",
    "bounded_lines",
    "column_map",
    "opened",
    "write_answer",
]

AUDIT_LINE_BYTES = 1 << 20
"""``motcua audit --max-line-bytes``'s default: ``motcua.audit.DEFAULT_MAX_LINE_BYTES``
(the same number; not imported, so the command starts without loading the audit)."""

COLUMNS_BYTES = 1 << 20
"""The largest ``--columns`` file read (1 MiB; a column map is a few hundred bytes)."""


class FileRefused(click.FileError):
    """A file the command cannot read or write: exit status 2, as for Click's own checks.

    ``click.FileError`` exits 1, which ``motcua`` keeps for its own failures (a bug).
    """

    exit_code = 2


def write_answer(path: Path, text: str) -> None:
    """Write an answer to *path*, or Click's file error naming it (never a traceback)."""
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise FileRefused(str(path), hint=exc.strerror or str(exc)) from None


def opened(path: Path) -> BinaryIO:
    """*path* open for reading; a device (``/dev/zero`` never ends) is refused."""
    if stat.S_ISCHR(path.stat().st_mode) or stat.S_ISBLK(path.stat().st_mode):
        raise FileRefused(str(path), hint="a device, not a file: give the export's file")
    return path.open("rb")


def bounded_lines(source: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of *source*, none read past *limit* bytes (the rest of a longer one skipped).

    A line over the limit is given cut to *limit* + 1 bytes, which the audit reports as
    too long: memory stays bounded whatever the file holds.
    """
    while raw := source.readline(limit + 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := source.readline(1 << 16)) and not rest.endswith(b"\n"):
                pass
        yield raw


def column_map(path: Path | None) -> dict[str, str] | None:
    if path is None:
        return None
    try:
        mapping = json.loads(read_text(path, max_bytes=COLUMNS_BYTES))
    except InputRefused as exc:
        raise click.BadParameter(f"{path}: {exc.problem}", param_hint="--columns") from None
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise click.BadParameter(
            f"{path}: not JSON ({reason[:200]})", param_hint="--columns"
        ) from None
    if not isinstance(mapping, dict):
        raise click.BadParameter(f"{path}: must hold a JSON object", param_hint="--columns")
    return mapping
