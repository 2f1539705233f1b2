"""Regenerate ``dossier-view.schema.json``: ``python -m motcua.api._schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from motcua.api._view import DossierView

SCHEMA_PATH = Path(__file__).with_name("dossier-view.schema.json")


def build() -> dict[str, Any]:
    """The JSON Schema of :class:`DossierView` as it serialises (2020-12)."""
    schema = DossierView.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://motcua.readthedocs.io/schemas/dossier-view.schema.json"
    return schema


def text() -> str:
    """The schema file's text."""
    return json.dumps(build(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    SCHEMA_PATH.write_text(text(), encoding="utf-8")
