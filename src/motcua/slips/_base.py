"""What every slip shares: the office that issues it, the base model, the dossier lookups.

A slip is a typed model of the form's facts — moments as aware datetimes, amounts in
đồng as ints — and prints nothing itself: its template writes them the Vietnamese way
(``14 giờ 40 phút, ngày 06 tháng 5 năm 2025``, ``102.000 đồng``) through the filters
listed in ``docs/slips.md``, in Hà Nội time whatever zone a moment was given in.

References:
    * Thông tư 03/2025/TT-VPCP, Phụ lục I: mẫu 01–07 (titles verified; fields from the
      TT 01/2018/TT-VPCP versions).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Literal, NoReturn, TypeVar
from urllib.parse import quote, urlsplit

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError, model_validator

from motcua._time import require_aware
from motcua._validation import field_path, real_errors
from motcua.dossiers import Dossier, DossierEvent
from motcua.errors import ArgumentTypeError, LookupUrlError, SlipStateError, _shown

__all__ = ["Office", "Slip", "check_lookup_url"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Office(_Model):
    """The one-stop centre that issues the slips.

    Attributes:
        name: The issuing body, e.g. "Ủy ban nhân dân phường Lê Chân".
        parent: Its superior body, printed above it, e.g. "Ủy ban nhân dân thành phố Hải Phòng".
        unit: The receiving unit, e.g. "Trung tâm Phục vụ hành chính công phường Lê Chân".
        place: The place name of the date line ("Hải Phòng, ngày …").
        address: Where results are collected.
        phone: Who to call.
        head_title: Who signs letters to citizens ("Chủ tịch").
        lookup_url: The status lookup address; ``{code}`` is replaced by the dossier code,
            URL-encoded (for the receipt's QR code). An absolute ``https:`` address with a
            host; anything else is refused (:class:`~motcua.errors.LookupUrlError`, inside
            pydantic's ``ValidationError`` when the office is built).
        lookup_allow_http: Accept an ``http:`` lookup address too (an intranet without
            TLS); off by default, since a QR code sends citizens to it.
    """

    name: str
    parent: str | None = None
    unit: str
    place: str
    address: str
    phone: str | None = None
    head_title: str = "Chủ tịch"
    lookup_url: str | None = None
    lookup_allow_http: bool = False

    @model_validator(mode="after")
    def _safe_lookup(self) -> Office:
        if self.lookup_url is not None:
            check_lookup_url(self.lookup_url, allow_http=self.lookup_allow_http)
        return self

    def lookup_address(self, code: str) -> str | None:
        """The lookup address of dossier *code*: ``{code}`` replaced by it, URL-encoded.

        Raises:
            ArgumentTypeError: *code* is not a str.
            LookupUrlError: The address is not ``https:`` (nor ``http:`` where allowed).
        """
        if not isinstance(code, str):
            raise ArgumentTypeError("code", code, expected="a dossier code (a str)")
        if self.lookup_url is None:
            return None
        url = self.lookup_url.replace("{code}", quote(code, safe=""))
        return check_lookup_url(url, allow_http=self.lookup_allow_http)


def check_lookup_url(url: str, *, allow_http: bool = False) -> str:
    """*url* if a slip may print it and encode it as a QR code, or the refusal.

    Raises:
        LookupUrlError: *url* is not an absolute ``https:`` address with a host (``http:``
            accepted when *allow_http*), or holds spaces or control characters.
    """
    schemes = ("https", "http") if allow_http else ("https",)
    if not isinstance(url, str):
        raise LookupUrlError(_shown(url), schemes=schemes, problem="is not text")
    if any(c.isspace() or not c.isprintable() for c in url):
        raise LookupUrlError(url, schemes=schemes, problem="holds spaces or control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise LookupUrlError(url, schemes=schemes, problem="is not a URL") from None
    if parts.scheme.lower() not in schemes:
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise LookupUrlError(url, schemes=schemes, problem=f"has {shown}")
    if not parts.hostname:
        raise LookupUrlError(url, schemes=schemes, problem="has no host")
    return url


class Slip(_Model):
    """What every slip carries: its form, title and paper, the office, its number and date.

    Each form is a subclass (:class:`motcua.slips.Receipt`…) built from a dossier by its
    ``from_dossier``; :func:`motcua.slips.render_text` and :func:`~motcua.slips.render_html`
    print any of them with the template the class names.

    Attributes:
        form: The form's number in Phụ lục I ("01"…"07").
        title: The form's title, as printed.
        paper: The paper it prints on.
        office: The centre that issues it.
        number: The register number printed on it, if any.
        issued_at: The moment the slip is dated; its date line is the day in Hà Nội
            ("Hải Phòng, ngày 06 tháng 5 năm 2025").
    """

    template: ClassVar[str]
    """The name of the slip's templates: ``<template>.html.j2`` and ``<template>.txt.j2``."""

    form: str
    title: str
    paper: Literal["A5", "A4"] = "A5"
    office: Office
    number: str | None = None
    issued_at: AwareDatetime


class _DossierSlip(Slip):
    """A slip about one dossier: its code and its procedure."""

    dossier_code: str
    procedure: str

    @classmethod
    def _heading(
        cls, dossier: Dossier, *, office: Office, number: str | None, at: datetime
    ) -> dict[str, Any]:
        """The fields every slip about *dossier* fills the same way, dated *at*."""
        return {
            "office": office,
            "number": number,
            "issued_at": at,
            "dossier_code": dossier.code,
            "procedure": dossier.procedure_name,
        }


def _event(dossier: Dossier, actions: tuple[str, ...], form: str, needed: str) -> DossierEvent:
    """The dossier's latest event among *actions*, or the error that form *form* needs it."""
    for event in reversed(dossier.history):
        if event.action in actions:
            return event
    return _wrong(dossier, form, needed)


def _wrong(dossier: Dossier, form: str, needed: str) -> NoReturn:
    raise SlipStateError(
        form=form,
        code=dossier.code,
        status=dossier.status.value,
        problem=f"form {form} needs {needed}",
    )


def _when(dossier: Dossier, action: str) -> datetime | None:
    """When *action* first happened to *dossier* (None if it never did)."""
    return next((e.at for e in dossier.history if e.action == action), None)


_M = TypeVar("_M", bound=BaseModel)


def _checked(dossier: object, office: object, number: object = None) -> Dossier:
    """*dossier*, after refusing a wrong type of the arguments every slip constructor takes.

    Raises:
        ArgumentTypeError: *dossier* is not a Dossier, *office* not an Office, or *number*
            neither a str nor None.
    """
    if not isinstance(dossier, Dossier):
        raise ArgumentTypeError("dossier", dossier, expected="a Dossier")
    _checked_office(office)
    if number is not None and not isinstance(number, str):
        raise ArgumentTypeError("number", number, expected="the register number, a str (or None)")
    return dossier


def _checked_office(office: object) -> None:
    if not isinstance(office, Office):
        raise ArgumentTypeError(
            "office", office, expected="an Office(name=…, unit=…, place=…, address=…)"
        )


def _checked_at(at: object) -> datetime:
    return require_aware(at, "at")


def _built(model: type[_M], where: str, value: Any) -> _M:
    """*model* validated from *value*, or the motcua error naming what was wrong where.

    The slips' last line of defence: every argument is checked before, so this only
    speaks when a value given as something else (a mapping for a model) does not fit.
    """
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        first = real_errors(exc)[0]
        path = field_path(tuple(first["loc"]))
        expected = first["msg"].removeprefix("Input should be ")
        raise ArgumentTypeError(
            f"{where}.{path}" if path else where,
            first.get("input"),
            expected=f"{expected} (a {model.__name__})",
        ) from None
