"""Deprecated spelling of :mod:`motcua.dossiers._statechart`; call ``motcua.dossiers.mermaid()``.

docs/dossiers.md once told readers to call ``motcua.dossiers._chart.mermaid()``, so this
private module keeps answering, with a warning. "chart" in motcua's module names now means
only the report plots (:mod:`motcua.reports`).
"""

from __future__ import annotations

import warnings
from typing import Any

from motcua.dossiers import _statechart

_MOVED = frozenset({"TRANSITIONS", "DossierChart", "mermaid"})


def __getattr__(name: str) -> Any:
    if name not in _MOVED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"motcua.dossiers._chart is private and renamed; use motcua.dossiers.{name}"
        + ("()" if name == "mermaid" else ""),
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(_statechart, name)
