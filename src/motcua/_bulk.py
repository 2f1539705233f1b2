"""Building many objects at once: the index of a large catalog, a million records."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["no_cyclic_gc"]


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that hold no cycles.

    Each full collection walks every live object, so building 60,000 index entries spent
    60 % of its time in the collector. Nothing is lost: reference counting still frees
    what is dropped, and the collector runs again, as before, when the block ends.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
