"""Building and rendering a receipt, against building the Jinja environment per call.

Run: ``python benchmarks/bench_slips.py``. The receipt is 1.001193 (khai sinh) at Lê Chân,
built from its dossier, then rendered with and without the QR code of its lookup
address. The alternative is what motcua did before (and what a portal writing its own
renderer often does): a new ``jinja2.Environment`` for each slip, then the same template.
"""

from __future__ import annotations

import timeit
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from motcua import Applicant, Catalog, Channel, Dossier, Office, Receipt, WorkingCalendar
from motcua.slips import render_html, render_text
from motcua.slips._render import FILTERS

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NUMBER = 300
PROCEDURE = Catalog.builtin().get("1.001193")


def _dossier() -> Dossier:
    return Dossier.receive(
        PROCEDURE,
        accepted_at=datetime(2026, 3, 2, 9, tzinfo=VN),
        channel=Channel.COUNTER,
        applicant=Applicant(name="Nguyễn Văn An"),
        calendar=WorkingCalendar.vietnam(),
        by="Lê Thị Hoa",
        code="000.00.20.H12-260302-0001",
    )


def _receipt(lookup: bool, dossier: Dossier | None = None) -> Receipt:
    office = Office(
        name="Ủy ban nhân dân phường Lê Chân",
        unit="Trung tâm Phục vụ hành chính công phường Lê Chân",
        place="Hải Phòng",
        address="Số 1 Lê Chân",
        head_title="Chủ tịch",
        lookup_url="https://dichvucong.haiphong.gov.vn/tra-cuu/{code}" if lookup else None,
    )
    return Receipt.from_dossier(dossier or _dossier(), procedure=PROCEDURE, office=office)


def _fresh_environment(slip: Receipt) -> str:
    env = Environment(
        loader=ChoiceLoader([PackageLoader("motcua.slips", "templates")]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)  # the templates write the slip's dates and amounts
    text = env.get_template("receipt.html.j2").render(slip=slip, qr=None)
    return unicodedata.normalize("NFC", text)


def _per_call(call: object) -> float:
    return min(timeit.repeat(call, number=NUMBER, repeat=5)) / NUMBER  # type: ignore[arg-type]


def main() -> None:
    plain, with_qr = _receipt(lookup=False), _receipt(lookup=True)
    dossier = _dossier()
    rows = [
        ("`Receipt.from_dossier(...)`: building it", _per_call(lambda: _receipt(False, dossier))),
        ("`render_text(receipt)`", _per_call(lambda: render_text(plain))),
        ("`render_html(receipt)`, no QR", _per_call(lambda: render_html(plain))),
        ("`render_html(receipt)`, with the QR code", _per_call(lambda: render_html(with_qr))),
        (
            "a new Jinja `Environment` per receipt, no QR",
            _per_call(lambda: _fresh_environment(plain)),
        ),
    ]
    html = rows[2][1]
    print("| one receipt | per call | / motcua HTML |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1e3:.3f} ms | {seconds / html:.1f}× |")


if __name__ == "__main__":
    main()
