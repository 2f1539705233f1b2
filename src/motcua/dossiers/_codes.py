"""Dossier codes (mã hồ sơ) and the daily serials behind them.

References:
    * Thông tư 01/2018/TT-VPCP, Điều 19: ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`` — the unit's
      code per QCVN 102:2016 (Thông tư 10/2016/TT-BTTTT), the date received, and the 4-digit
      serial of the day (verified from the article's text as quoted by a secondary site).
    * Thông tư 04/2025/TT-VPCP: ``MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX`` for nationally centralised
      services — the agency's electronic ID, the date, two digits of the platform owner and a
      serial of at least 4 digits (secondary).
    * Quyết định 20/2020/QĐ-TTg as amended by Quyết định 09/2025/QĐ-TTg: agency electronic
      IDs of up to 35 characters A–Z, 0–9 and ".", read left to right (secondary).
    * Nghị định 45/2020/NĐ-CP, Điều 12: a supplement keeps the dossier's code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from motcua._names import clean
from motcua._time import VIETNAM_TZ, require_writable
from motcua.dossiers._sequences import MemorySequence, SerialSequence
from motcua.errors import ArgumentTypeError, DossierCodeError, _shown

__all__ = [
    "AgencyId",
    "AgencyIdForm",
    "CodeScheme",
    "DossierCode",
    "DossierNumbering",
]

# Matched in full (``fullmatch``), never with ``$``, which also matches before a final "\n".
_QCVN = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}")
_QCVN_START = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.")
_QD20 = re.compile(r"[A-Z0-9]+(?:\.[A-Z0-9]+)*")
_TT04_AGENCY = re.compile(r"[A-Z0-9]{3}\.[A-Z0-9]{3}\.[A-Z0-9]{2}")
_PLATFORM = re.compile(r"[0-9]{2}")
_CODE = re.compile(r"(?P<agency>[A-Z0-9.]+)-(?P<day>[0-9]{6})-(?P<serial>[0-9]+)")
_WIDEST = 64
"""Most digits of a TT 04/2025 serial: more than any platform numbers, few enough to print."""
FIRST_DAY = date(2000, 1, 1)
"""The first day a code's two-digit year (YYMMDD) can write: 2000 + YY."""
LAST_DAY = date(2099, 12, 31)
"""The last day a code's two-digit year can write."""


class AgencyIdForm(StrEnum):
    """The two forms of agency identifiers still in use."""

    QCVN_102_2016 = "qcvn_102_2016"
    """``000.00.20.H12``: four groups read right to left (province ``H12`` last)."""
    QD_20_2020 = "qd_20_2020"
    """Up to 35 characters A–Z, 0–9 and ".", groups read left to right."""


@dataclass(frozen=True, slots=True)
class AgencyId:
    """An agency's electronic identifier (*mã định danh điện tử của cơ quan*).

    >>> AgencyId.parse("000.00.20.H12").form.value
    'qcvn_102_2016'
    """

    value: str
    form: AgencyIdForm

    @classmethod
    def parse(cls, text: str) -> AgencyId:
        """Read an identifier in either form.

        Raises:
            DossierCodeError: It is in neither form.
        """
        if not isinstance(text, str):
            raise ArgumentTypeError("agency", text, expected="an agency identifier (a str)")
        text = clean(text)
        if _QCVN.fullmatch(text):
            return cls(text, AgencyIdForm.QCVN_102_2016)
        if _QCVN_START.match(text):
            raise DossierCodeError(
                f"agency identifier {_shown(text)} starts like a QCVN 102:2016 code but is not "
                f"one: "
                f"the form is DDD.DD.DD.ADD, e.g. '000.00.20.H12'",
                value=text,
                part="agency",
                expected="a QCVN 102:2016 identifier DDD.DD.DD.ADD, e.g. '000.00.20.H12'",
            )
        if _QD20.fullmatch(text) and len(text) <= 35:
            return cls(text, AgencyIdForm.QD_20_2020)
        raise DossierCodeError(
            f"agency identifier {_shown(text)} is in neither form: QCVN 102:2016 like "
            f"'000.00.20.H12', or QĐ 20/2020 (up to 35 characters A-Z, 0-9 and '.')",
            value=text,
            part="agency",
            expected="QCVN 102:2016 like '000.00.20.H12', or QĐ 20/2020 (up to 35 characters "
            "A-Z, 0-9 and '.')",
        )

    def __str__(self) -> str:
        return self.value


class CodeScheme(StrEnum):
    """Which rule a dossier code follows."""

    TT01_2018 = "tt01_2018"
    """``<agency>-YYMMDD-XXXX``: what most one-stop systems print."""
    TT04_2025 = "tt04_2025"
    """``MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX``: nationally centralised services."""


@dataclass(frozen=True, slots=True)
class DossierCode:
    """A dossier code: agency, day received, (platform owner,) serial of the day.

    >>> code = DossierCode.parse("000.00.20.H12-210315-0001")
    >>> code.agency.value, code.received_on, code.serial, code.scheme.value
    ('000.00.20.H12', datetime.date(2021, 3, 15), 1, 'tt01_2018')
    >>> agency = AgencyId.parse("G01.001.01")
    >>> str(DossierCode.tt04(agency, date(2026, 3, 2), platform="01", serial=27))
    'G01.001.01-260302-010027'

    It validates and serialises as its text in pydantic models.
    """

    agency: AgencyId
    received_on: date
    serial: int
    scheme: CodeScheme
    platform: str | None = None
    width: int = 4
    """Digits of the serial as printed (4, or more in a TT 04/2025 code)."""

    @classmethod
    def tt01(cls, agency: AgencyId, received_on: date, *, serial: int) -> DossierCode:
        """A TT 01/2018 code; *serial* from 1 to 9999.

        Raises:
            DossierCodeError: The serial does not fit 4 digits, or the day is outside
                2000-2099, the years a code's YYMMDD can write.
        """
        _check_agency_and_day(agency, received_on)
        _check_serial(serial)
        if not 1 <= serial <= 9999:
            raise DossierCodeError(
                f"serial {serial} does not fit the 4 digits of a TT 01/2018 code (1-9999)",
                value=serial,
                part="serial",
                expected="1-9999",
            )
        return cls(agency, received_on, serial, CodeScheme.TT01_2018)

    @classmethod
    def tt04(
        cls, agency: AgencyId, received_on: date, *, platform: str, serial: int, width: int = 4
    ) -> DossierCode:
        """A TT 04/2025 code; *platform* is the owner's two digits, *serial* ≥ 1.

        Raises:
            DossierCodeError: The agency is not ``MX1X2.Y1Y2Y3.Z1Z2``, the platform not two
                digits, the serial below 1, or the day outside 2000-2099.
        """
        _check_agency_and_day(agency, received_on)
        if not _TT04_AGENCY.fullmatch(agency.value):
            raise DossierCodeError(
                f"agency {_shown(agency.value)} is not the MX1X2.Y1Y2Y3.Z1Z2 identifier a "
                f"TT 04/2025 code starts with (e.g. 'G01.001.01')",
                value=agency.value,
                part="agency",
                expected="an MX1X2.Y1Y2Y3.Z1Z2 identifier, e.g. 'G01.001.01'",
            )
        if not (isinstance(platform, str) and _PLATFORM.fullmatch(platform)):
            raise DossierCodeError(
                f"platform owner {_shown(platform)} must be two digits, e.g. '01'",
                value=platform,
                part="platform",
                expected="two digits, e.g. '01'",
            )
        _check_serial(serial)
        if serial < 1:
            raise DossierCodeError(
                f"serial {serial} must be at least 1", value=serial, part="serial", expected="≥ 1"
            )
        if isinstance(width, bool) or not isinstance(width, int) or not 4 <= width <= _WIDEST:
            raise ArgumentTypeError(
                "width", width, expected=f"an int number of serial digits from 4 to {_WIDEST}"
            )
        return cls(agency, received_on, serial, CodeScheme.TT04_2025, platform, width)

    @classmethod
    def parse(cls, text: str) -> DossierCode:
        """Read a code in either scheme (a 4-digit tail is TT 01/2018, 6 or more TT 04/2025).

        Raises:
            DossierCodeError: It is not a dossier code; the message says which part is wrong.
        """
        if not isinstance(text, str):
            raise ArgumentTypeError("code", text, expected="a dossier code (a str)")
        match = _CODE.fullmatch(clean(text))
        if match is None:
            raise DossierCodeError(
                f"{_shown(text)} is not a dossier code: expected <agency>-YYMMDD-XXXX "
                f"(e.g. 000.00.20.H12-210315-0001) or MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX",
                value=text,
                part="code",
                expected="<agency>-YYMMDD-XXXX or MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX",
            )
        agency = AgencyId.parse(match["agency"])
        digits = match["day"]
        try:
            received_on = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
        except ValueError:
            raise DossierCodeError(
                f"{_shown(digits)} in {_shown(text)} is not a date YYMMDD",
                value=digits,
                part="day",
                expected="a real date written YYMMDD",
            ) from None
        tail = match["serial"]
        if len(tail) > _WIDEST + 2:
            raise DossierCodeError(
                f"the last part of {_shown(text)} has {len(tail):,} digits, more than the "
                f"{_WIDEST + 2} of a TT 04/2025 code's platform digits and serial",
                value=tail,
                part="serial",
                expected=f"4 digits (TT 01/2018), or 2 platform digits and 4 to {_WIDEST} "
                "serial digits (TT 04/2025)",
            )
        if len(tail) == 4:
            return cls.tt01(agency, received_on, serial=int(tail))
        if len(tail) >= 6:
            return cls.tt04(
                agency, received_on, platform=tail[:2], serial=int(tail[2:]), width=len(tail) - 2
            )
        raise DossierCodeError(
            f"the last part {_shown(tail)} of {_shown(text)} has {len(tail)} digits: a TT "
            f"01/2018 code ends in 4 digits, a TT 04/2025 code in 2 platform digits and a 4+ "
            f"digit serial",
            value=tail,
            part="serial",
            expected="4 digits (TT 01/2018), or 2 platform digits and a 4+ digit serial "
            "(TT 04/2025)",
        )

    def __str__(self) -> str:
        day = f"{self.received_on:%y%m%d}"
        if self.scheme is CodeScheme.TT01_2018:
            return f"{self.agency}-{day}-{self.serial:04d}"
        return f"{self.agency}-{day}-{self.platform}{self.serial:0{self.width}d}"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any) -> DossierCode:
            if isinstance(value, DossierCode):
                return value
            return cls.parse(value)

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.to_string_ser_schema()
        )


class DossierNumbering:
    """Issues the codes of one receiving agency, from a serial sequence.

    >>> numbering = DossierNumbering("000.00.20.H12")
    >>> at = datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM_TZ)
    >>> str(numbering.issue(at)), str(numbering.issue(at))
    ('000.00.20.H12-260302-0001', '000.00.20.H12-260302-0002')

    The day is the day received in Asia/Ho_Chi_Minh: serials restart at local midnight.
    """

    def __init__(
        self,
        agency: str | AgencyId,
        *,
        sequence: SerialSequence | None = None,
        scheme: CodeScheme = CodeScheme.TT01_2018,
        platform: str | None = None,
    ) -> None:
        self.agency = agency if isinstance(agency, AgencyId) else AgencyId.parse(agency)
        if sequence is not None and not callable(getattr(sequence, "next_serial", None)):
            raise ArgumentTypeError(
                "sequence", sequence, expected="a SerialSequence (with next_serial) or None"
            )
        self.sequence: SerialSequence = sequence or MemorySequence()
        if not isinstance(scheme, str) or scheme not in CodeScheme._value2member_map_:
            valid = ", ".join(s.value for s in CodeScheme)
            raise ArgumentTypeError("scheme", scheme, expected=f"a CodeScheme ({valid})")
        self.scheme = CodeScheme(scheme)
        if self.scheme is CodeScheme.TT04_2025:
            # Validate once, now, rather than at the first dossier.
            DossierCode.tt04(self.agency, date(2026, 1, 1), platform=platform or "", serial=1)
        self.platform = platform

    def issue(self, received_at: datetime) -> DossierCode:
        """The next code for a dossier received at *received_at*.

        Raises:
            NaiveDatetimeError: *received_at* has no time zone.
            DossierCodeError: The day's 9,999 TT 01/2018 serials are used up, or the day
                is outside 2000-2099 (checked before a serial is taken).
        """
        day = require_writable(received_at, "received_at").astimezone(VIETNAM_TZ).date()
        _check_day(day)
        serial = self.sequence.next_serial(f"{self.scheme.value}:{self.agency}", day)
        if self.scheme is CodeScheme.TT01_2018:
            if serial > 9999:
                raise DossierCodeError(
                    f"{self.agency} has used all 9,999 serials of {day:%d/%m/%Y}: a TT 01/2018 "
                    f"code has four digits; receive the rest tomorrow or number them under "
                    f"another unit code",
                    value=serial,
                    part="serial",
                    expected="at most 9,999 serials a day and unit code",
                )
            return DossierCode.tt01(self.agency, day, serial=serial)
        assert self.platform is not None
        return DossierCode.tt04(self.agency, day, platform=self.platform, serial=serial)


def _check_agency_and_day(agency: object, received_on: object) -> None:
    if not isinstance(agency, AgencyId):
        raise ArgumentTypeError("agency", agency, expected="an AgencyId (AgencyId.parse(text))")
    if not isinstance(received_on, date) or isinstance(received_on, datetime):
        raise ArgumentTypeError("received_on", received_on, expected="a date")
    _check_day(received_on)


def _check_day(day: date) -> None:
    """Refuse a day the code's YYMMDD cannot write (it would read back as another century)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DossierCodeError(
            f"a dossier code writes its day as YYMMDD, years 2000-2099: {day.isoformat()} would "
            f"read back as {day:%y%m%d} in another century",
            value=day,
            part="day",
            expected=f"a day from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}",
        )


def _check_serial(serial: object) -> None:
    if isinstance(serial, bool) or not isinstance(serial, int):
        raise ArgumentTypeError("serial", serial, expected="an int")
