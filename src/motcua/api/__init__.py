"""What a JSON API built on motcua answers: the dossier view, its schema, error statuses.

* :class:`DossierView` — a dossier as a response body (labels, national codes, due times,
  time left in words, timeliness, allowed actions, history), with its JSON Schema;
* :func:`http_status` / :func:`problem` — each motcua error's HTTP status and an
  RFC 9457 problem body (404 unknown, 409 stale or not allowed now, 422 bad input).

Needs nothing beyond motcua itself; ``examples/portal/`` serves it with FastAPI.
"""

import json
from importlib import resources
from typing import Any

from motcua.api._http import HTTP_STATUS, http_status, problem
from motcua.api._view import (
    ActionView,
    ChannelView,
    DossierView,
    EventView,
    StatusView,
    TimelinessView,
)

__all__ = [
    "HTTP_STATUS",
    "ActionView",
    "ChannelView",
    "DossierView",
    "EventView",
    "StatusView",
    "TimelinessView",
    "dossier_view_schema",
    "http_status",
    "problem",
]

_SCHEMA_FILE = "dossier-view.schema.json"


def dossier_view_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`DossierView`, as shipped beside this module."""
    text = resources.files("motcua.api").joinpath(_SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
