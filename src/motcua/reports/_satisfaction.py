"""Satisfaction: the indices a dossier's own data gives, citizens' ratings, aggregates.

References:
    * Thông tư 01/2018/TT-VPCP, Điều 13: per-dossier indices scored 0–2 — (1) total time
      against the legal limit, (2) each agency's time against its allotment, (3) times the
      applicant had to come back, (4) agencies the applicant had to contact; (5)–(9) handling
      at the desk, conduct, publicity, feedback, online service (not derivable from dossier
      data). The scoring of (1) and (3) is verified; of (2) and (4) it is motcua's reading.
    * Quyết định 766/QĐ-TTg (23/06/2022): an agency's score out of 100 — publicity 18,
      timeliness 20, digitisation 22, online service 22, satisfaction 18 (verified weights;
      the sub-criteria formulas were not read: see :func:`qd766_components`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from motcua._time import require_aware
from motcua.dossiers import Dossier, Timeliness
from motcua.errors import ArgumentTypeError, ReportError, _shown

_T = TypeVar("_T")

__all__ = [
    "DossierIndices",
    "Qd766Components",
    "Rating",
    "SatisfactionRow",
    "evaluate",
    "qd766_components",
    "satisfaction",
]

_LABELS = {
    3: {3: "Hài lòng", 2: "Bình thường", 1: "Không hài lòng"},
    5: {
        5: "Rất hài lòng",
        4: "Hài lòng",
        3: "Bình thường",
        2: "Không hài lòng",
        1: "Rất không hài lòng",
    },
}


class Rating(BaseModel):
    """A citizen's rating of a dossier, on a 3- or 5-level scale (higher is better).

    >>> Rating(dossier_code="X", scale=5, value=4).label
    'Hài lòng'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    dossier_code: str
    scale: Literal[3, 5]
    value: int = Field(ge=1)
    officer: str | None = None
    at: datetime | None = None
    comment: str | None = None

    @model_validator(mode="after")
    def _within_scale(self) -> Rating:
        if self.value > self.scale:
            raise ValueError(f"a {self.scale}-level rating is 1..{self.scale}, got {self.value}")
        return self

    @property
    def label(self) -> str:
        """The level's Vietnamese label."""
        return _LABELS[self.scale][self.value]

    @property
    def satisfied(self) -> bool:
        """Hài lòng or better."""
        return self.value >= self.scale - (1 if self.scale == 5 else 0)

    @property
    def score(self) -> float:
        """The rating on 0–100 (the lowest level 0, the highest 100)."""
        return (self.value - 1) / (self.scale - 1) * 100


@dataclass(frozen=True, slots=True)
class DossierIndices:
    """The TT 01/2018 Art. 13 indices a dossier's own data gives, each 0–2 (None: unknown).

    Attributes:
        total_time: (1) shorter than the limit 2, equal 1, longer 0.
        agency_time: (2) every step early 2, none late 1, a late step 0 (None: no steps).
        returns: (3) supplement requests: none 2, one 1, more 0.
        agencies: (4) agencies contacted: one (the desk) 2, two 1, more 0.
    """

    dossier_code: str
    total_time: int | None
    agency_time: int | None
    returns: int
    agencies: int

    @property
    def known(self) -> tuple[int, ...]:
        """The indices that could be scored."""
        return tuple(
            v
            for v in (self.total_time, self.agency_time, self.returns, self.agencies)
            if v is not None
        )


def evaluate(dossier: Dossier, *, at: datetime, agencies_contacted: int = 1) -> DossierIndices:
    """Score what the dossier itself shows (indices 1–4 of TT 01/2018 Art. 13).

    Args:
        dossier: The dossier.
        at: When to judge it.
        agencies_contacted: Agencies the applicant had to contact (1: only the one-stop
            desk, the point of the mechanism); a portal that records more passes it.

    Raises:
        ReportError: *agencies_contacted* is below 1.
        ArgumentTypeError: *dossier* is not a Dossier, or *agencies_contacted* not an int.
        NaiveDatetimeError: *at* has no time zone.
    """
    if not isinstance(dossier, Dossier):
        raise ArgumentTypeError("dossier", dossier, expected="a motcua.Dossier")
    require_aware(at, "at")
    if isinstance(agencies_contacted, bool) or not isinstance(agencies_contacted, int):
        raise ArgumentTypeError(
            "agencies_contacted", agencies_contacted, expected="an int count of agencies, from 1"
        )
    if agencies_contacted < 1:
        raise ReportError(
            f"agencies_contacted is at least 1 (the one-stop desk), got {agencies_contacted}"
        )
    timeliness = dossier.timeliness(at)
    total = {Timeliness.EARLY: 2, Timeliness.ON_TIME: 1, Timeliness.LATE: 0}.get(timeliness)
    finished_steps = [s for s in dossier.handling_steps if s.finished_at is not None]
    if finished_steps:
        results = [s.timeliness(at) for s in finished_steps]
        agency = (
            0
            if Timeliness.LATE in results
            else 2
            if all(r is Timeliness.EARLY for r in results)
            else 1
        )
    else:
        agency = None
    supplements = sum(1 for e in dossier.history if e.action == "request_supplement")
    returns = 2 if supplements == 0 else 1 if supplements == 1 else 0
    agencies = 2 if agencies_contacted <= 1 else 1 if agencies_contacted == 2 else 0
    return DossierIndices(dossier.code, total, agency, returns, agencies)


@dataclass(slots=True)
class SatisfactionRow:
    """Satisfaction of a group (a field, an officer) or of the whole centre."""

    group: str
    dossiers: int = 0
    index_points: int = 0
    index_max: int = 0
    ratings: int = 0
    satisfied: int = 0
    rating_score_sum: float = 0.0

    @property
    def index_share(self) -> float | None:
        """Points of the derivable indices over their maximum (0–1)."""
        return self.index_points / self.index_max if self.index_max else None

    @property
    def satisfied_share(self) -> float | None:
        """Ratings at Hài lòng or better (0–1)."""
        return self.satisfied / self.ratings if self.ratings else None

    @property
    def rating_score(self) -> float | None:
        """The average rating on 0–100."""
        return self.rating_score_sum / self.ratings if self.ratings else None


def satisfaction(
    dossiers: Iterable[Dossier],
    ratings: Iterable[Rating],
    *,
    at: datetime,
    by: Literal["field", "officer"] | None = "field",
) -> tuple[tuple[SatisfactionRow, ...], SatisfactionRow]:
    """Aggregate the derivable indices and the ratings per field or officer, and in total.

    The officer of a dossier is who accepted it (not the citizen who submitted it online);
    a rating names its own officer when the portal records one. Submissions never accepted
    score no indices.

    Raises:
        ReportError: An unknown grouping, or a rating for a dossier not given.
    """
    if by is not None and not (isinstance(by, str) and by in ("field", "officer")):
        raise ReportError(
            f"cannot group satisfaction by {_shown(by)}; use 'field', 'officer' or None"
        )
    require_aware(at, "at")
    dossiers = _items(dossiers, "dossiers", Dossier)
    ratings = _items(ratings, "ratings", Rating)
    rows: dict[str, SatisfactionRow] = {}
    total = SatisfactionRow(group="Tổng cộng")
    owner: dict[str, tuple[str, str]] = {}

    def targets(key: str) -> tuple[SatisfactionRow, ...]:
        if by is None:
            return (total,)
        return (rows.setdefault(key, SatisfactionRow(group=key)), total)

    for dossier in dossiers:
        officer = next((e.by for e in dossier.history if e.action in ("receive", "accept")), "")
        owner[dossier.code] = (dossier.field, officer)
        if dossier.accepted_at is None:
            continue
        indices = evaluate(dossier, at=at)
        for row in targets(dossier.field if by == "field" else officer):
            row.dossiers += 1
            row.index_points += sum(indices.known)
            row.index_max += 2 * len(indices.known)
    for rating in ratings:
        if rating.dossier_code not in owner:
            raise ReportError(
                f"rating for dossier {rating.dossier_code}, which is not among the dossiers "
                f"given; pass the rated dossiers too"
            )
        field, officer = owner[rating.dossier_code]
        key = field if by == "field" else (rating.officer or officer)
        for row in targets(key):
            row.ratings += 1
            row.satisfied += rating.satisfied
            row.rating_score_sum += rating.score
    return tuple(rows[k] for k in sorted(rows)), total


@dataclass(frozen=True, slots=True)
class Qd766Components:
    """The QĐ 766/QĐ-TTg components dossier data can support (points; None: unknown).

    Each computed component is the component's weight times a share measured on the
    dossiers — motcua's proportional reading; the decision's sub-criteria were not read.

    Attributes:
        timeliness: 20 × the on-time share of resolved dossiers.
        online_service: 22 × the share received online (only part of the component).
        satisfaction: 18 × the average rating on 0–1.
        publicity: Not derivable from dossier data (published procedures, notices).
        digitisation: Not derivable here (digitised documents and results are not recorded).
    """

    timeliness: float | None
    online_service: float | None
    satisfaction: float | None
    publicity: None = None
    digitisation: None = None


def qd766_components(
    dossiers: Iterable[Dossier], ratings: Iterable[Rating], *, at: datetime
) -> Qd766Components:
    """Score what QĐ 766 components the dossiers and ratings support (see the class).

    Raises:
        ArgumentTypeError: *dossiers* or *ratings* are not iterables of Dossier and Rating.
        NaiveDatetimeError: *at* has no time zone.
    """
    require_aware(at, "at")
    dossiers = _items(dossiers, "dossiers", Dossier)
    ratings = _items(ratings, "ratings", Rating)
    resolved = on_time = received = online = 0
    for dossier in dossiers:
        if dossier.accepted_at is not None:
            received += 1
            online += dossier.channel.value == "online"
        timeliness = dossier.timeliness(at)
        if timeliness in (Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE):
            resolved += 1
            on_time += timeliness is not Timeliness.LATE
    scores = [r.score for r in ratings]
    return Qd766Components(
        timeliness=round(20 * on_time / resolved, 2) if resolved else None,
        online_service=round(22 * online / received, 2) if received else None,
        satisfaction=round(18 * sum(scores) / len(scores) / 100, 2) if scores else None,
    )


def _items(values: Iterable[_T], name: str, kind: type[_T]) -> list[_T]:
    """*values* as a list of *kind*, or the error naming the first item that is not one."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ArgumentTypeError(name, values, expected=f"an iterable of {kind.__name__}")
    listed = list(values)
    for i, value in enumerate(listed):
        if not isinstance(value, kind):
            raise ArgumentTypeError(f"{name}[{i}]", value, expected=f"a {kind.__name__}")
    return listed
