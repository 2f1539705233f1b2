"""A province's override file: its model, and the procedures it changes.

A province may set a channel's time limit or fee, the steps or the extension of a built-in
procedure (``docs/catalog-format.md``, "Provincial overrides"). Each changed value is
recorded on the procedure as an :class:`OverrideRecord` naming the province's decision and
the value before, and the decision becomes the value's source.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from motcua._bounds import DEFAULT_MAX_DEPTH
from motcua._sources import LegalSource
from motcua._validation import field_path
from motcua.calendar import ProcessingTime
from motcua.errors import CatalogDataError, ProcedureNotFoundError
from motcua.procedures._fees import Fee
from motcua.procedures._loading import DEFAULT_MAX_BYTES, Positions, data_error, line_of, read
from motcua.procedures._models import OverrideRecord, Procedure
from motcua.procedures._parts import Channel, Extension, Step

__all__ = ["apply_file"]


class _ChannelOverride(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    time_limit: ProcessingTime | None = None
    fee: Fee | None = None


class _ProcedureOverride(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    channels: dict[Channel, _ChannelOverride] = {}
    steps: tuple[Step, ...] | None = None
    extension: Extension | None = None


class _OverrideFile(BaseModel):
    """A province's overrides of built-in procedures."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="motcua provincial overrides")

    schema_version: StrictInt = Field(ge=1, le=1)
    province: str = Field(min_length=1)
    decision: LegalSource
    overrides: tuple[_ProcedureOverride, ...] = Field(min_length=1)


def apply_file(
    by_code: Mapping[str, Procedure],
    path: Path,
    *,
    get: Callable[[str], Procedure],
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> dict[str, Procedure]:
    """The procedures *by_code* with the override file at *path* applied, by code.

    Args:
        by_code: The catalog's procedures, by code.
        path: The override file (YAML or JSON).
        get: The catalog's lookup, which finds a procedure by a code the file gives.
        max_bytes: Refuse, unread, a larger file.
        max_depth: Refuse data nested deeper.

    Raises:
        CatalogDataError: The file is malformed, names an unknown procedure, or its
            values break a rule.
    """
    raw, nodes = read(path, max_bytes=max_bytes, max_depth=max_depth)
    source = str(path)
    try:
        record = _OverrideFile.model_validate(raw)
    except ValidationError as exc:
        raise data_error(exc, source=source, nodes=nodes, prefix=()) from None
    updated = dict(by_code)
    for index, override in enumerate(record.overrides):
        where = ("overrides", index)
        try:
            code = get(override.code).code
        except ProcedureNotFoundError as exc:
            raise CatalogDataError(
                source=source,
                line=line_of(nodes, (*where, "code")),
                location=f"overrides[{index}].code",
                problem=exc.args[0],
            ) from None
        updated[code] = _apply(
            updated[code], override, record, source=source, nodes=nodes, at=where
        )
    return updated


def _apply(
    procedure: Procedure,
    override: _ProcedureOverride,
    record: _OverrideFile,
    *,
    source: str,
    nodes: Positions,
    at: tuple[int | str, ...],
) -> Procedure:
    data = procedure.model_dump(mode="json")
    changes: list[OverrideRecord] = []

    def note(path: str, previous: Any) -> None:
        changes.append(
            OverrideRecord(
                path=path,
                province=record.province,
                decision=record.decision,
                previous_json=json.dumps(previous, ensure_ascii=False),
            )
        )
        # The province's decision is now the value's source: it is no longer assumed, and
        # source_of(path) answers with it (the narrowest source wins over a wider one).
        provenance = data["provenance"]
        provenance["assumed"] = [
            a for a in provenance["assumed"] if a != path and not a.startswith(path + ".")
        ]
        decision = record.decision.model_dump(mode="json", exclude_none=True)
        provenance["sources"] = [*provenance["sources"], {**decision, "fields": [path]}]

    for channel, change in override.channels.items():
        entry = next((c for c in data["channels"] if c["channel"] == channel.value), None)
        if entry is None:
            raise CatalogDataError(
                source=source,
                line=line_of(nodes, (*at, "channels", channel.value)),
                location=f"{field_path(at)}.channels.{channel.value}",
                problem=f"procedure {procedure.code} is not offered on the {channel.value} "
                f"channel; it is offered on: {', '.join(c.value for c in procedure.offered_on)}",
            )
        for name in ("time_limit", "fee"):
            value = getattr(change, name)
            if value is not None:
                note(f"channels.{channel.value}.{name}", entry[name])
                entry[name] = value.model_dump(mode="json")
    for name in ("steps", "extension"):
        value = getattr(override, name)
        if value is not None:
            note(name, data[name])
            data[name] = (
                [s.model_dump(mode="json") for s in value]
                if name == "steps"
                else value.model_dump(mode="json")
            )
    data["overrides"] = [*data["overrides"], *(c.model_dump(mode="json") for c in changes)]
    try:
        return Procedure.model_validate(data)
    except ValidationError as exc:
        raise data_error(exc, source=source, nodes=nodes, prefix=at) from None
