"""The receipt prints on one A5 page in a real browser (headless Chromium).

Skipped locally when Chromium is absent; never in CI, where .ci/run installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import vn
from motcua import (
    Applicant,
    Catalog,
    Dossier,
    DossierNumbering,
    Receipt,
    WorkingCalendar,
    render_html,
)
from motcua.slips import ReceiptDocument
from test_slips import LE_CHAN

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
A5_POINTS = (419.5, 595.3)


def _print_to_pdf(html: str, folder: Path) -> bytes:
    page = folder / "slip.html"
    page.write_text(html, encoding="utf-8")
    pdf = folder / "slip.pdf"
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={folder / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf.read_bytes()


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (apt-get install chromium); CI always runs this",
)
@pytest.mark.parametrize("code", ["1.001193", "2.000815"], ids=["birth", "certified-copy"])
def test_the_receipt_fits_one_a5_page(tmp_path: Path, code: str) -> None:
    procedure = Catalog.builtin().get(code)
    dossier = Dossier.receive(
        procedure,
        accepted_at=vn(2025, 5, 6, 14, 40),
        channel=procedure.channels[0].channel,
        applicant=Applicant(
            name="Nguyễn Văn An", address="Số 5 Trần Nguyên Hãn", phone="0912 345 678"
        ),
        calendar=WorkingCalendar.vietnam(),
        by="Lê Thị Hoa",
        numbering=DossierNumbering("000.00.20.H12"),
    )
    receipt = Receipt.from_dossier(dossier, procedure=procedure, office=LE_CHAN, number="01/TN")
    pdf = _print_to_pdf(render_html(receipt), tmp_path)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == 1
    width, height = (float(v) for v in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)[0].split()[2:])
    assert abs(width - A5_POINTS[0]) < 2
    assert abs(height - A5_POINTS[1]) < 2


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (apt-get install chromium); CI always runs this",
)
def test_a_receipt_with_ten_documents_still_fits_one_a5_page(tmp_path: Path) -> None:
    procedure = Catalog.builtin().get("1.013831")  # land transfer
    dossier = Dossier.receive(
        procedure,
        accepted_at=vn(2026, 3, 2, 9),
        channel=procedure.channels[0].channel,
        applicant=Applicant(
            name="Trần Thị Bình",
            address="Số 12 Lạch Tray, Ngô Quyền, Hải Phòng",
            phone="0903 111 222",
            email="binh@example.vn",
        ),
        calendar=WorkingCalendar.vietnam(),
        by="Lê Thị Hoa",
        numbering=DossierNumbering("000.00.20.H12"),
    )
    handed = [
        ReceiptDocument(
            name=f"Giấy tờ số {i}: hợp đồng chuyển nhượng quyền sử dụng đất có công chứng",
            originals=1,
            copies=2,
        )
        for i in range(1, 11)
    ]
    receipt = Receipt.from_dossier(dossier, procedure=procedure, office=LE_CHAN, documents=handed)
    pdf = _print_to_pdf(render_html(receipt), tmp_path)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
