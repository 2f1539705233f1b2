"""Printing slips as plain text and as HTML ready for the printer (A5 or A4)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import segno
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
)
from markupsafe import Markup

from motcua.slips._slips import _Slip

__all__ = ["render_html", "render_text"]

_TEMPLATES = {
    "01": "receipt",
    "02": "supplement",
    "03": "refusal",
    "04": "apology",
    "05": "stop",
    "06": "control_sheet",
    "07": "register",
}


def _environment(template_dir: str | Path | None, *, html: bool) -> Environment:
    """One Jinja environment per template folder and kind, built once and kept.

    Building one costs milliseconds, more than rendering a receipt; a template folder's
    files are still re-read when they change (Jinja's ``auto_reload``).
    """
    return _built(None if template_dir is None else str(template_dir), html)


@lru_cache(maxsize=32)
def _built(template_dir: str | None, html: bool) -> Environment:
    loaders: list[BaseLoader] = [PackageLoader("motcua.slips", "templates")]
    if template_dir is not None:
        loaders.insert(0, FileSystemLoader(str(template_dir)))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(slip: _Slip, *, template_dir: str | Path | None = None) -> str:
    """The slip as a printable HTML page (A5 for forms 01–05, A4 for 06–07).

    Every field is escaped: an applicant named ``<script>`` stays text. The receipt carries
    a QR code of its lookup address when the office has one.

    Args:
        slip: A slip model.
        template_dir: A folder whose ``<form>.html.j2`` files replace motcua's (``receipt``,
            ``supplement``, ``refusal``, ``apology``, ``stop``, ``control_sheet``,
            ``register``; ``base.html.j2`` for the page).
    """
    env = _environment(template_dir, html=True)
    qr = None
    lookup = getattr(slip, "lookup_url", None)
    if lookup:
        qr = Markup(segno.make(lookup, error="m").svg_inline(scale=2))
    text = env.get_template(f"{_TEMPLATES[slip.form]}.html.j2").render(slip=slip, qr=qr)
    return unicodedata.normalize("NFC", text)


def render_text(slip: _Slip, *, template_dir: str | Path | None = None) -> str:
    """The slip as plain text (for logs, SMS gateways, tests)."""
    env = _environment(template_dir, html=False)
    text = env.get_template(f"{_TEMPLATES[slip.form]}.txt.j2").render(slip=slip)
    return unicodedata.normalize("NFC", text)
