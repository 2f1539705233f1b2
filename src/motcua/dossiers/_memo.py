"""Stored texts this process wrote or replayed: loading one of them again needs no replay.

A text :meth:`motcua.Dossier.to_json` wrote comes from a dossier that is consistent by
construction, and a text that replayed once replays the same way again on a calendar of
the same identity. Each is remembered, bounded, with a copy of its dossier; a hit hands
out a fresh copy. Any other text is replayed in full.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from motcua.calendar import CalendarIdentity, EstimatePolicy, WorkingCalendar

if TYPE_CHECKING:
    from motcua.dossiers._dossier import Dossier

__all__ = ["recall", "remember", "text_key"]

_Key = tuple[str | bytes, CalendarIdentity, EstimatePolicy]
_CHECKED: dict[_Key, Dossier] = {}
"""Stored texts this process wrote or replayed, with a copy of their dossier (bounded)."""
_CHECKED_LIMIT = 1024
_CHECKED_LOCK = threading.Lock()


def text_key(text: str | bytes, calendar: WorkingCalendar) -> _Key:
    # The estimate policy is in the key, not the identity: it changes no due time, but a
    # calendar that refuses estimates must refuse a dossier that rests on one.
    return (text, calendar.identity, calendar.estimates)


def remember(key: _Key, copy: Dossier) -> None:
    with _CHECKED_LOCK:
        while len(_CHECKED) >= _CHECKED_LIMIT:
            del _CHECKED[next(iter(_CHECKED))]  # the oldest entry
        _CHECKED[key] = copy


def recall(key: _Key) -> Dossier | None:
    with _CHECKED_LOCK:
        return _CHECKED.get(key)
