"""Converting a dossier stored by motcua 0.1 to the current stored form."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from motcua.calendar import WorkingCalendar
from motcua.dossiers._codec import FORMAT, MINUTE, STATE_REQUIRED, identity_dict
from motcua.dossiers._reader import DEFAULT_POLICY_DATA, Reader
from motcua.errors import _shown

__all__ = ["upgrade_stored"]


_V1_DETAILS = {
    "to": "handed_to",
    "agency": "agency",
    "new_due_at": "new_due_at",
    "previous_due_at": "previous_due_at",
}


def upgrade_stored(data: dict[str, Any], *, calendar: WorkingCalendar) -> dict[str, Any]:
    """Convert a dossier stored by motcua 0.1 (``model_dump``) to the current stored form.

    The old shape did not say which calendar the dossier was counted on: *calendar* is
    the one you attest it was counted on, and is recorded. The result still has to pass
    :meth:`Dossier.from_dict` (replay) on that calendar.

    Raises:
        StoredDossierError: *data* is not a motcua 0.1 dossier.
    """
    r = Reader(str(data.get("code", "?")) if isinstance(data, dict) else "?")
    if not isinstance(data, dict) or "history" not in data or "status" not in data:
        raise r.fail("(document)", "is not a dossier stored by motcua 0.1", data)
    try:
        events = []
        for e in data["history"]:
            event = {
                k: v for k, v in e.items() if k not in ("details",) and v not in (None, [], ())
            }
            event.setdefault("clock", e.get("clock"))
            for old, new in _V1_DETAILS.items():
                if old in e.get("details", {}):
                    event[new] = e["details"][old]
            events.append(event)
        state_keys = STATE_REQUIRED - {"version"}
        return {
            "format": FORMAT,
            "code": data["code"],
            "procedure": {
                "code": data["procedure_code"],
                "name": data["procedure_name"],
                "field": data["field"],
                "agency": data.get("handling_agency", ""),
            },
            "channel": data["channel"],
            "applicant": data["applicant"],
            "limit": data["limit"],
            "step_plan": [
                {"name": n, "actor": a, "budget_minutes": _minutes(b)}
                for n, a, b in data["step_plan"]
            ],
            "policy": {**DEFAULT_POLICY_DATA, **data.get("policy", {})},
            "calendar": identity_dict(calendar.identity),
            "recounted_from": [],
            "history": events,
            "state": {
                **{k: data.get(k) for k in state_keys},
                "steps": [
                    {
                        **{k: v for k, v in s.items() if k not in ("budget", "index")},
                        "position": s["index"],
                        "budget_minutes": _minutes(s["budget"]),
                    }
                    for s in data.get("steps", [])
                ],
                "version": data["version"],
            },
        }
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise r.fail(
            "(document)", f"is not a readable motcua 0.1 dossier ({_shown(exc)})"
        ) from None


def _minutes(value: object) -> int:
    """A pydantic 0.1 duration ("PT4H", or seconds) as whole minutes."""
    if isinstance(value, int | float):
        return int(value) // 60
    from pydantic import TypeAdapter  # noqa: PLC0415 - only for the one-off upgrade

    return int(TypeAdapter(timedelta).validate_python(value) // MINUTE)
