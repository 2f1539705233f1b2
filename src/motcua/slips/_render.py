"""Printing slips as plain text and as HTML ready for the printer (A5 or A4).

The slips hold typed facts; the templates write them, through these filters:

- ``vn_datetime_long``: ``14 giờ 40 phút, ngày 06 tháng 5 năm 2025`` (appointments);
- ``vn_datetime_short``: ``14:40 06/05/2025``, and nothing for None (table cells);
- ``vn_date_long``: ``ngày 06 tháng 5 năm 2025`` (date lines);
- ``format_money``: ``102.000 đồng``; ``vn_amount_in_words``: ``Một trăm linh hai nghìn
  đồng`` (fees).

Moments are written in Hà Nội time, whatever zone they were given in.

Every value a template prints, whatever filter wrote it, goes through
``motcua._text.one_line`` (the environment's ``finalize``) before HTML escaping: a
line break inside a field becomes a space, so no field can add or break a line of the
slip, and control, bidi and zero-width characters are removed (``docs/security.md``).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
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

from motcua._text import one_line
from motcua._time import VIETNAM_TZ
from motcua._vn import (
    format_money,
    vn_amount_in_words,
    vn_date_long,
    vn_datetime_long,
    vn_datetime_short,
)
from motcua.errors import ArgumentTypeError
from motcua.slips._base import Slip, check_lookup_url

__all__ = ["render_html", "render_text"]


def _long(moment: datetime) -> str:
    return vn_datetime_long(moment.astimezone(VIETNAM_TZ))


def _short(moment: datetime | None) -> str:
    return "" if moment is None else vn_datetime_short(moment.astimezone(VIETNAM_TZ))


def _day(moment: date) -> str:
    if isinstance(moment, datetime):
        moment = moment.astimezone(VIETNAM_TZ)
    return vn_date_long(moment)


FILTERS = {
    "vn_datetime_long": _long,
    "vn_datetime_short": _short,
    "vn_date_long": _day,
    "format_money": format_money,
    "vn_amount_in_words": vn_amount_in_words,
}
"""The filters every slip template can use (a template folder's own ones too)."""


def _printed(value: object) -> object:
    """What a template prints of *value*: one line of printable text (markup stays markup)."""
    if isinstance(value, Markup):
        return Markup(one_line(str(value)))
    return one_line(value if isinstance(value, str) else str(value))


def _environment(template_dir: str | Path | None, *, html: bool) -> Environment:
    """One Jinja environment per template folder and kind, built once and kept.

    Building one costs milliseconds, more than rendering a receipt. A template folder's
    files are still re-read when they change (Jinja's ``auto_reload``); motcua's own
    templates, which do not change under a running process, are not checked again (a
    check is two ``stat`` calls a slip).
    """
    return _built(None if template_dir is None else str(template_dir), html)


@lru_cache(maxsize=32)
def _built(template_dir: str | None, html: bool) -> Environment:
    loaders: list[BaseLoader] = [PackageLoader("motcua.slips", "templates")]
    if template_dir is not None:
        loaders.insert(0, FileSystemLoader(str(template_dir)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=template_dir is not None,
        finalize=_printed,
    )
    env.filters.update(FILTERS)
    return env


def _template(slip: object) -> str:
    """The name of *slip*'s templates, or the error when it is not one of the forms."""
    name = getattr(type(slip), "template", None) if isinstance(slip, Slip) else None
    if name is None:
        raise ArgumentTypeError(
            "slip", slip, expected="a slip (Receipt, SupplementRequest, … Register)"
        )
    return str(name)


def render_html(slip: Slip, *, template_dir: str | Path | None = None) -> str:
    """The slip as a printable HTML page (A5 for forms 01–05, A4 for 06–07).

    Every field is escaped: an applicant named ``<script>`` stays text. The receipt carries
    a QR code of its lookup address when the office has one.

    Args:
        slip: A slip: :class:`~motcua.slips.Receipt`, :class:`~motcua.slips.Register`…
        template_dir: A folder whose ``<form>.html.j2`` files replace motcua's (``receipt``,
            ``supplement``, ``refusal``, ``apology``, ``stop``, ``control_sheet``,
            ``register``; ``base.html.j2`` for the page). They can use the filters listed
            in ``docs/slips.md``.

    Raises:
        ArgumentTypeError: *slip* is not a slip.
        LookupUrlError: A receipt built by hand carries a lookup address the office does
            not allow (only ``https:``; ``http:`` where allowed).
    """
    name = _template(slip)
    env = _environment(template_dir, html=True)
    qr = None
    lookup = getattr(slip, "lookup_url", None)
    if lookup:
        allow_http = slip.office.lookup_allow_http
        check_lookup_url(lookup, allow_http=allow_http)
        qr = Markup(segno.make(lookup, error="m").svg_inline(scale=2))
    text = env.get_template(f"{name}.html.j2").render(slip=slip, qr=qr)
    return unicodedata.normalize("NFC", text)


def render_text(slip: Slip, *, template_dir: str | Path | None = None) -> str:
    """The slip as plain text (for logs, SMS gateways, tests).

    No field adds or breaks a line: the lines are the template's (see the module's notes).

    Raises:
        ArgumentTypeError: *slip* is not a slip.
        LookupUrlError: A receipt built by hand carries a lookup address the office does
            not allow (only ``https:``; ``http:`` where allowed).
    """
    name = _template(slip)
    lookup = getattr(slip, "lookup_url", None)
    if lookup:
        check_lookup_url(lookup, allow_http=slip.office.lookup_allow_http)
    env = _environment(template_dir, html=False)
    text = env.get_template(f"{name}.txt.j2").render(slip=slip)
    return unicodedata.normalize("NFC", text)
