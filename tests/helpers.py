"""Shared test helpers: moments in Hà Nội time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment in Hà Nội time."""
    return datetime(year, month, day, hour, minute, tzinfo=VN)
