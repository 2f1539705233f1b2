"""`motcua serve` over real HTTP on 127.0.0.1: the same answers, 4xx for bad input."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from motcua.cli._http import create_app


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the HTTP service did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_the_operations_answer_over_http(base: str) -> None:
    with httpx.Client(base_url=base) as client:
        due = client.get(
            "/v1/due", params={"start": "2025-12-31T15:40:00+07:00", "limit": "3 working days"}
        )
        assert due.status_code == 200
        assert due.json()["due_at"] == "2026-01-07T15:40:00+07:00"
        assert client.get("/v1/day", params={"date": "2026-01-02"}).json()["kind"] == "swapped"
        local = client.get(
            "/v1/due",
            params={
                "start": "2026-03-09T09:00:00+07:00",
                "limit": "3 working days",
                "days_off": ["2026-03-10=Lễ hội", "2026-03-11"],
            },
        )
        assert local.json()["due_at"] == "2026-03-16T09:00:00+07:00"
        days = client.get("/v1/calendar", params={"from": "2026", "to": "2026"}).json()["days"]
        assert any(d["date"] == "2026-02-17" for d in days)
        legal = client.get(
            "/v1/transition", params={"status": "received", "action": "start_processing"}
        ).json()
        assert legal["to_status"] == "processing"
        late = {
            "op": "classify",
            "finished_at": "2026-01-07T16:00:00+07:00",
            "due_at": "2026-01-07T15:40:00+07:00",
        }
        posted = client.post("/v1", json=late)
        assert posted.json()["timeliness"] == "late"
        assert client.get("/v1/procedure/1.004873").json()["code"] == "1.004873"
        spec = client.get("/openapi.json").json()
        assert {
            "/v1/day",
            "/v1/due",
            "/v1/calendar",
            "/v1/search",
            "/v1/transition",
            "/v1/classify",
            "/v1",
        } <= set(spec["paths"])


@pytest.mark.parametrize(
    ("path", "params", "status", "said"),
    [
        ("/v1/due", {"start": "2026-03-02T09:00", "limit": "3 working days"}, 422, "naive"),
        ("/v1/due", {"start": "2026-03-02T09:00+07:00", "limit": "soon"}, 422, "cannot read"),
        ("/v1/day", {"date": "2017-05-01"}, 422, "2018"),
        ("/v1/calendar", {"from": "x", "to": "2026"}, 422, "from must be an integer"),
        ("/v1/procedure/9.999999", {}, 404, "no procedure"),
        ("/v1/transition", {"status": "lost", "action": "stop"}, 422, "one of"),
    ],
)
def test_bad_requests_get_4xx_with_the_motcua_message(
    base: str, path: str, params: dict[str, str], status: int, said: str
) -> None:
    response = httpx.get(base + path, params=params)
    assert response.status_code == status
    assert said in response.json()["error"]["message"]


def test_a_body_that_is_not_json_is_a_400(base: str) -> None:
    response = httpx.post(base + "/v1", content=b"{not json")
    assert response.status_code == 400
    assert response.json()["ok"] is False


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/calendar", {"from": "--2025", "to": "2026"}),
        ("/v1/calendar", {"from": "²", "to": "2026"}),
        ("/v1/calendar", {"from": "9" * 5000, "to": "2026"}),
        ("/v1/search", {"query": "a", "limit": "--1"}),
        (
            "/v1/classify",
            {"finished_at": "0001-01-01T00:00:00+07:00", "due_at": "9999-12-31T23:59:59-12:00"},
        ),
        ("/v1/day", {}),
        (
            "/v1/due",
            {"start": "2026-03-02T09:00+07:00", "limit": "3 working days", "explain": "maybe"},
        ),
    ],
)
def test_odd_parameters_are_422_with_the_motcua_shape(
    base: str, path: str, params: dict[str, str]
) -> None:
    response = httpx.get(base + path, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["ok"] is False
    assert response.json()["error"]["type"] == "ArgumentTypeError"


def test_deeply_nested_json_is_a_400(base: str) -> None:
    response = httpx.post(base + "/v1", content=b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 400


def test_one_record_is_audited_over_http(base: str) -> None:
    record = {
        "MaHoSo": "000.00.20.H12-251231-0002",
        "MaTTHC": "1.004873",
        "TrangThaiHoSo": 2,
        "KenhThucHien": 1,
        "NgayTiepNhan": "20251231154000",
        "NgayHenTra": "20260105154000",
    }
    with httpx.Client(base_url=base) as client:
        found = client.post("/v1/audit", json=record).json()
        assert found["ok"] is True
        assert found["clean"] is False
        (finding,) = found["findings"]
        assert finding["kind"] == "due_at_differs"
        assert finding["ours"] == "20260107154000"
        assert "02/01/2026" in finding["why"]
        clean = client.post("/v1/audit", json={**record, "NgayHenTra": "20260107154000"})
        assert clean.json() == {"ok": True, "clean": True, "findings": []}
        refused = client.post("/v1/audit", content=b"[1, 2")
        assert refused.status_code == 400
        assert "sync record" in refused.json()["error"]["message"]
        listed = client.post("/v1/audit", json=[record])
        assert listed.status_code == 422
        assert "record must be a sync record object" in listed.json()["error"]["message"]
        flag = client.post("/v1/audit", params={"payment_wait_counts": "maybe"}, json=record)
        assert flag.status_code == 422
        assert "/v1/audit" in client.get("/openapi.json").json()["paths"]
