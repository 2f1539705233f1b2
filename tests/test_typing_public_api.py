"""The public API as a type checker sees it: mypy --strict checks this file (make test).

The functions below are never called; each `assert_type` states what a user's code gets
back from a public call, so a change that widens a return type to `Any`, renames a
parameter or drops an annotation fails the type check before it reaches an integrator.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import assert_type

import motcua
from motcua import (
    Catalog,
    Certainty,
    Channel,
    Deadline,
    Dossier,
    DossierRecord,
    DossierStatus,
    FieldSource,
    Lang,
    Office,
    Procedure,
    ProcessingTime,
    Receipt,
    SearchHit,
    WorkingCalendar,
)
from motcua.queue import Queue
from motcua.reports import Period, Report, report
from motcua.slips import Slip, render_text


def _calendar(cal: WorkingCalendar, at: datetime) -> None:
    assert_type(WorkingCalendar.vietnam(), WorkingCalendar)
    assert_type(cal.add_working_days(date(2026, 3, 2), 3), date)
    assert_type(cal.count_working_days(date(2026, 3, 2), date(2026, 3, 9)), int)
    assert_type(cal.is_working_day(date(2026, 3, 2)), bool)
    deadline = cal.due_at(at, ProcessingTime.working_days(3))
    assert_type(deadline, Deadline)
    assert_type(deadline.at, datetime)
    lang: Lang = "vi"
    assert_type(deadline.describe(lang=lang), str)


def _procedures(catalog: Catalog) -> None:
    assert_type(Catalog.builtin(), Catalog)
    p = catalog.get("1.004873")
    assert_type(p, Procedure)
    assert_type(p.time_limit_for(Channel.COUNTER), ProcessingTime)
    assert_type(p.provenance.source_of("channels.counter.fee"), FieldSource | None)
    assert_type(p.provenance.certainty_of("documents"), Certainty)
    assert_type(p.unsourced(), tuple[str, ...])
    assert_type(catalog.search("khai sinh"), list[SearchHit])


def _dossiers(dossier: Dossier, at: datetime) -> None:
    assert_type(dossier.status, DossierStatus)
    assert_type(dossier.legal_due_at, datetime | None)
    assert_type(dossier.record(), DossierRecord)
    assert_type(Dossier.from_json(dossier.to_json(), calendar=WorkingCalendar.vietnam()), Dossier)


def _edges(
    dossier: Dossier,
    procedure: Procedure,
    office: Office,
    records: list[DossierRecord],
    at: datetime,
) -> None:
    receipt = Receipt.from_dossier(dossier, procedure=procedure, office=office)
    assert_type(receipt, Receipt)
    slip: Slip = receipt
    assert_type(render_text(slip), str)
    assert_type(report(records, Period.month(2026, 3), at=at), Report)
    assert_type(Queue, type[Queue])
    assert_type(motcua.__version__, str)


def test_this_file_is_type_checked_not_run() -> None:
    # The checks above run under mypy --strict; at run time they only have to import.
    assert callable(_calendar)
    assert callable(_edges)
