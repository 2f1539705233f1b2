"""`motcua serve --stdio` over a real pipe: one JSON answer per line, errors as answers."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from motcua.cli._ops import OPERATIONS, answer
from motcua.cli._stdio import LINE_LIMIT, serve


def test_a_spawned_service_answers_each_line_in_order() -> None:
    requests = [
        {"op": "due", "start": "2025-12-31T15:40:00+07:00", "limit": "3 working days", "id": 1},
        {"op": "day", "date": "2026-01-02", "id": 2},
        {"op": "transition", "status": "processing", "action": "mark_result_ready", "id": 3},
        {
            "op": "classify",
            "finished_at": "2026-01-07T16:00:00+07:00",
            "due_at": "2026-01-07T15:40:00+07:00",
            "id": 4,
        },
        {"op": "search", "query": "lam giay khai sinh", "id": 5},
    ]
    lines = "\n".join(json.dumps(r) for r in requests) + "\nnot json\n\n"
    done = subprocess.run(
        [sys.executable, "-m", "motcua", "serve", "--stdio"],
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a.get("id") for a in answers] == [1, 2, 3, 4, 5, None]
    assert answers[0]["due_at"] == "2026-01-07T15:40:00+07:00"
    assert answers[1]["kind"] == "swapped"
    assert answers[2] == {
        "ok": True,
        "allowed": True,
        "to_status": "result_ready",
        "allowed_actions": answers[2]["allowed_actions"],
        "id": 3,
    }
    assert answers[3]["timeliness"] == "late"
    assert answers[4]["hits"][0]["name"].startswith("Thủ tục đăng ký khai sinh")
    assert answers[5]["ok"] is False
    assert "line 6" in answers[5]["error"]["message"]


@pytest.mark.parametrize(
    ("request_", "status", "said"),
    [
        ({"op": "fly"}, 422, "op must be one of day, due"),
        ([1, 2], 422, "request must be a JSON object"),
        ({"op": "due", "start": "2026-03-02T09:00", "limit": "3 working days"}, 422, "naive"),
        ({"op": "due", "start": 5, "limit": "3 working days"}, 422, "start must be a string"),
        ({"op": "procedure", "code": "9.999999"}, 404, "no procedure"),
        ({"op": "transition", "status": "lost", "action": "withdraw"}, 422, "one of submitted"),
        ({"op": "calendar", "from": 2027, "to": 2025}, 422, "to must be a year from 2027"),
        ({"op": "day", "date": "2016-01-01"}, 422, "2018"),
        ({"op": {"x": 1}}, 422, "op must be one of"),
        ({"op": "calendar", "from": 0, "to": 1}, 422, "from year 0"),
        ({"op": "calendar", "from": 2025, "to": 10**24}, 422, "to year"),
        ({"op": "day", "date": "2026-01-02", "lang": "fr"}, 422, 'lang must be "vi" or "en"'),
        ({"op": "search", "query": "a" * 100_000}, 422, "at most 200 characters"),
        ({"op": "search", "query": "khai sinh", "limit": 0}, 422, "from 1 to 50"),
    ],
)
def test_bad_requests_are_answered_with_the_motcua_error(
    request_: object, status: int, said: str
) -> None:
    body = answer(request_)
    assert body["ok"] is False
    assert body["error"]["status"] == status
    assert said in body["error"]["message"]


def test_a_huge_line_is_refused_and_the_next_one_answered() -> None:
    stdin = io.BytesIO(b"x" * (LINE_LIMIT + 10) + b"\n" + b'{"op": "day", "date": "2026-01-01"}\n')
    stdout = io.StringIO()
    assert serve(stdin, stdout) == 2
    first, second = (json.loads(line) for line in stdout.getvalue().splitlines())
    assert "at most 1,048,576 bytes" in first["error"]["message"]
    assert second["kind"] == "holiday"


def test_non_finite_numbers_are_not_json() -> None:
    stdout = io.StringIO()
    serve(io.BytesIO(b'{"op": "day", "date": "2026-01-02", "id": NaN}\n'), stdout)
    body = json.loads(stdout.getvalue())  # strict JSON out
    assert body["ok"] is False
    assert "line 1" in body["error"]["message"]


def test_one_record_is_audited_down_the_pipe() -> None:
    record = {
        "MaHoSo": "000.00.20.H12-251231-0002",
        "MaTTHC": "1.004873",
        "TrangThaiHoSo": 2,
        "KenhThucHien": 1,
        "NgayTiepNhan": "20251231154000",
        "NgayHenTra": "20260105154000",
    }
    out = io.StringIO()
    requests = [
        {"op": "audit", "record": record, "id": 1},
        {"op": "audit", "record": record, "payment_wait_counts": "yes", "id": 2},
        {"op": "audit", "record": "MaHoSo", "id": 3},
    ]
    serve(io.BytesIO("\n".join(json.dumps(r) for r in requests).encode()), out)
    first, flag, text = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["findings"][0]["kind"] == "due_at_differs"
    assert "12729/VPCP-KGVX" in first["findings"][0]["why"]
    assert flag["error"]["message"].startswith("payment_wait_counts")
    assert "true or false" in flag["error"]["message"]
    assert text["error"]["status"] == 422


def test_local_days_off_are_part_of_the_request() -> None:
    asked = {"op": "due", "start": "2026-03-09T09:00:00+07:00", "limit": "3 working days"}
    assert answer({**asked, "days_off": ["2026-03-10=Lễ hội"]})["due_at"] == (
        "2026-03-13T09:00:00+07:00"
    )
    refused = answer({**asked, "days_off": "2026-03-10"})
    assert refused["error"]["message"].startswith("days_off must be a list of dates")
    assert answer({**asked, "days_off": ["10/03/2026"]})["error"]["status"] == 422


def test_every_operation_is_documented() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "interop.md").read_text("utf-8")
    for name in OPERATIONS:
        assert f'"op": "{name}"' in text, name
