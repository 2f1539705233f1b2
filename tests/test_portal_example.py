"""examples/portal: a FastAPI portal on motcua.store, driven through its test client."""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from helpers import vn
from motcua.store import sqlite_engine

APP = Path(__file__).resolve().parent.parent / "examples" / "portal" / "app.py"
NOW = [vn(2026, 3, 2, 9)]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    module: dict[str, Any] = runpy.run_path(str(APP))
    engine = sqlite_engine(tmp_path / "portal.db")
    app = module["create_app"](engine, clock=lambda: NOW[0])
    with TestClient(app) as test_client:
        yield test_client
    engine.dispose()


def _at(moment: datetime) -> str:
    return moment.isoformat()


def test_a_dossier_goes_from_counter_to_result_through_the_api(client: TestClient) -> None:
    NOW[0] = vn(2026, 3, 2, 9)
    made = client.post(
        "/dossiers",
        json={"procedure": "1.004873", "applicant": {"name": "Trần Thị Bình"}},
    )
    assert made.status_code == 201, made.text
    dossier = made.json()
    code = dossier["code"]
    assert code == "000.00.20.H12-260302-0001"
    assert dossier["due_at"] == "2026-03-05T09:00:00+07:00"
    assert dossier["status"]["label"] == "Được tiếp nhận"

    receipt = client.get(f"/dossiers/{code}/receipt")
    assert receipt.status_code == 200
    assert code in receipt.text
    assert "09 giờ 00 phút, ngày 05 tháng 3 năm 2026" in receipt.text

    started = client.post(
        f"/dossiers/{code}/start_processing",
        json={"expected_version": 1, "by": "tuphap", "at": _at(vn(2026, 3, 2, 10))},
    )
    assert started.status_code == 200, started.text
    assert started.json()["version"] == 2

    stale = client.post(
        f"/dossiers/{code}/mark_result_ready",
        json={"expected_version": 1, "by": "tuphap", "at": _at(vn(2026, 3, 2, 11))},
    )
    assert stale.status_code == 409
    assert stale.json()["title"] == "StaleDossierError"
    assert "at version 2, not 1" in stale.json()["detail"]

    NOW[0] = vn(2026, 3, 6, 9)  # past the due time, not finished: overdue
    board = client.get("/overdue").json()
    assert [row["code"] for row in board] == [code]
    april = client.get("/reports/2026/3").json()
    assert april["total"]["in_progress_overdue"] == 1


def test_bad_requests_get_the_motcua_error_and_its_status(client: TestClient) -> None:
    assert client.get("/dossiers/000.00.20.H12-260302-0099").status_code == 404
    unknown = client.post("/dossiers", json={"procedure": "9.999999", "applicant": {"name": "A"}})
    assert unknown.status_code == 404
    assert "no procedure with code '9.999999'" in unknown.json()["detail"]
    made = client.post("/dossiers", json={"procedure": "1.004873", "applicant": {"name": "B"}})
    code = made.json()["code"]
    not_now = client.post(
        f"/dossiers/{code}/return_result", json={"expected_version": 1, "by": "cb"}
    )
    assert not_now.status_code == 409
    assert "allowed now" in not_now.json()["detail"]
    naive = client.post(
        f"/dossiers/{code}/start_processing",
        json={"expected_version": 1, "by": "cb", "at": "2026-03-02T10:00:00"},
    )
    assert naive.status_code == 422
    assert "naive" in naive.json()["detail"]


def test_online_dossiers_are_numbered_from_the_same_serials(client: TestClient) -> None:
    NOW[0] = vn(2026, 3, 2, 9)
    first = client.post("/dossiers", json={"procedure": "1.004873", "applicant": {"name": "C"}})
    online = client.post(
        "/dossiers/online", json={"procedure": "1.004873", "applicant": {"name": "D"}}
    )
    assert online.status_code == 201, online.text
    assert first.json()["code"].endswith("-0001")
    assert online.json()["code"].endswith("-0002")
    assert online.json()["status"]["value"] == "submitted"
