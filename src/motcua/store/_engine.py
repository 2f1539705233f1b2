"""A SQLite engine set up the way motcua.store expects: WAL, a busy timeout, durable commits."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event

from motcua.errors import ArgumentTypeError

__all__ = ["sqlite_engine"]


def sqlite_engine(
    path: str | Path,
    *,
    timeout: float = 30.0,
    synchronous: Literal["full", "normal"] = "full",
) -> Engine:
    """An engine on a SQLite file for :class:`~motcua.store.DossierStore`.

    Every connection runs in WAL mode (readers never block the writer, and a commit is
    one append to the log), waits up to *timeout* seconds for another writer's lock
    before :class:`~motcua.errors.StoreUnavailableError`, and enforces foreign keys.

    Args:
        path: The database file (created if missing).
        timeout: Seconds to wait for a lock held by another connection.
        synchronous: ``"full"`` (the default): every commit is on disk before it returns
            — a power cut loses nothing a citizen was given a receipt for. ``"normal"``:
            about twenty times faster commits (``benchmarks/README.md``); a power cut
            (not a crash of the process) may lose the last commits, never corrupt the
            file. Choose it only where the lost receipts could be re-entered.

    Raises:
        ArgumentTypeError: *path* is not a path, *synchronous* is neither ``"full"`` nor
            ``"normal"``, or *timeout* is not a number of seconds ≥ 0.
    """
    if not isinstance(path, str | Path) or not str(path):
        raise ArgumentTypeError("path", path, expected="the database file's path (str or Path)")
    if synchronous not in ("full", "normal"):
        raise ArgumentTypeError("synchronous", synchronous, expected='"full" or "normal"')
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout < 0:
        raise ArgumentTypeError("timeout", timeout, expected="seconds (a number ≥ 0)")
    engine = create_engine(f"sqlite:///{Path(path)}", connect_args={"timeout": timeout})

    @event.listens_for(engine, "connect")
    def _setup(connection: Any, record: Any) -> None:
        del record
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA synchronous = {synchronous.upper()}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    return engine
