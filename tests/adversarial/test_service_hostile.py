"""Hostile requests to ``motcua serve``, over real HTTP on 127.0.0.1 and as JSON lines.

Issue 15 for the service: wrong types in every field of every operation, bools where
counts are meant, huge and deeply nested bodies, invalid UTF-8, a wrong content type,
unknown fields. The answer is a 4xx with the motcua error shape naming the field — never
a 500, never a traceback in the body — and the service goes on answering.
"""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from hypothesis import given
from hypothesis import strategies as st

from hostile import HOSTILE_TEXT, hostile_settings
from motcua.cli._http import create_app
from motcua.cli._request import FIELDS, MAX_REQUEST_BYTES
from motcua.cli._stdio import serve
from motcua.errors import ArgumentTypeError

VALID: dict[str, dict[str, Any]] = {
    "day": {"date": "2026-01-02", "office_hours": "07:30-11:30, 13:30-17:00", "lang": "en"},
    "due": {
        "start": "2025-12-31T15:40:00+07:00",
        "limit": "3 working days",
        "explain": False,
        "days_off": ["2026-01-05=Lễ"],
    },
    "calendar": {"from": 2026, "to": 2026},
    "search": {"query": "ket hon", "limit": 3, "lang": "vi"},
    "procedure": {"code": "1.004873"},
    "transition": {"status": "received", "action": "start_processing"},
    "classify": {"finished_at": "2026-01-07T16:00:00+07:00", "due_at": "2026-01-07T15:40:00+07:00"},
    "audit": {
        "record": {
            "MaHoSo": "000.00.20.H12-251231-0002",
            "MaTTHC": "1.004873",
            "TrangThaiHoSo": 2,
            "KenhThucHien": 1,
            "NgayTiepNhan": "20251231154000",
            "NgayHenTra": "20260107154000",
        },
        "restart_on_supplement": False,
    },
}

JSON_HOSTILE = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            False,
            0,
            -1,
            10**30,
            -(10**30),
            1.5,
            "",
            "   ",
            "\x00",
            "\ud800",
            "＝1+1",
            "2026-01-02\n",
            "9999-12-31T23:59:59-12:00",
            "0001-01-01T00:00:00+14:00",
            [],
            [None],
            {},
            {"a": [1, {"b": None}]},
            "x" * 10_000,
        ]
    ),
    st.integers(),
    HOSTILE_TEXT,
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=4),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
        max_leaves=6,
    ),
)
"""What a JSON body can hold in a field: every JSON type, bools, huge numbers, odd text."""


def _start(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the HTTP service did not start"
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    server, thread, base = _start(create_app())
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def small() -> Iterator[httpx.Client]:
    server, thread, base = _start(create_app(max_body_bytes=200))
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client
    server.should_exit = True
    thread.join(timeout=10)


def refused(response: httpx.Response, status: int) -> str:
    """The message of a motcua-shaped refusal with *status*; fails on anything else."""
    assert response.status_code == status, response.text[:300]
    assert "Traceback" not in response.text
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["status"] == status
    assert body["error"]["type"]
    message: str = body["error"]["message"]
    assert 0 < len(message) < 5000
    return message


def post(client: httpx.Client, payload: object, path: str = "/v1") -> httpx.Response:
    return client.post(
        path, content=json.dumps(payload), headers={"content-type": "application/json"}
    )


# -- the body -------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413_and_names_the_limit(client: httpx.Client) -> None:
    huge = b'{"op": "day", "date": "' + b"x" * (MAX_REQUEST_BYTES + 10) + b'"}'
    message = refused(client.post("/v1", content=huge), 413)
    assert "1,048,576 bytes" in message
    assert "--max-request-bytes" in message
    assert client.get("/v1/day", params={"date": "2026-01-02"}).status_code == 200


def test_a_body_without_its_length_is_read_no_further_than_the_limit(
    small: httpx.Client,
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"op": "day", "date": "'
        for _ in range(1000):
            yield b"x" * 1000

    message = refused(small.post("/v1", content=chunks()), 413)
    assert "limit of 200 bytes" in message


def test_the_body_limit_is_configurable(small: httpx.Client) -> None:
    assert post(small, {"op": "day", "date": "2026-01-02"}).status_code == 200
    refused(post(small, {"op": "audit", **VALID["audit"]}, "/v1"), 413)


@pytest.mark.parametrize("limit", [0, -1, True, 1.5, "1024", None])
def test_the_body_limit_must_be_a_count(limit: object) -> None:
    with pytest.raises(ArgumentTypeError, match="max_body_bytes"):
        create_app(max_body_bytes=limit)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kind",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
)
def test_a_body_that_says_it_is_not_json_is_415(client: httpx.Client, kind: str) -> None:
    # A web page may POST text/plain or a form to 127.0.0.1 without asking (no CORS
    # preflight); the service answers none of them.
    body = json.dumps({"op": "day", "date": "2026-01-02"})
    message = refused(client.post("/v1", content=body, headers={"content-type": kind}), 415)
    assert "application/json" in message
    refused(client.post("/v1/audit", content="{}", headers={"content-type": kind}), 415)


def test_json_content_types_are_accepted(client: httpx.Client) -> None:
    body = json.dumps({"op": "day", "date": "2026-01-02"})
    for kind in ("application/json; charset=utf-8", "application/problem+json"):
        assert client.post("/v1", content=body, headers={"content-type": kind}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [b"\xff\xfe{}", b'{"op": "day", "date": "\xc3"}', b"", b"   ", b"[" * 10_000, b"\x00"],
    ids=["bom-utf16", "cut-utf8", "empty", "blank", "deep", "nul"],
)
def test_a_body_that_is_not_json_text_is_400(client: httpx.Client, body: bytes) -> None:
    message = refused(client.post("/v1", content=body), 400)
    assert "body must be" in message


def test_unknown_paths_and_methods_answer_in_the_motcua_shape(client: httpx.Client) -> None:
    assert "/v1/nothing" in refused(client.get("/v1/nothing"), 404)
    assert "GET /v1" in refused(client.get("/v1"), 405)
    refused(client.delete("/v1/day"), 405)


# -- the fields -----------------------------------------------------------------------------


@pytest.mark.parametrize("op", sorted(VALID))
def test_every_operation_answers_its_valid_request(client: httpx.Client, op: str) -> None:
    response = post(client, {"op": op, **VALID[op]})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("op", sorted(VALID))
def test_an_unknown_field_is_refused_by_name(client: httpx.Client, op: str) -> None:
    message = refused(post(client, {"op": op, **VALID[op], "ofice_hours": "07:00-11:00"}), 422)
    assert message.startswith("ofice_hours must be a field of")
    assert ", ".join(sorted(FIELDS[op])) in message


@pytest.mark.parametrize(
    ("op", "field"),
    [("calendar", "from"), ("calendar", "to"), ("search", "limit")],
)
@pytest.mark.parametrize("value", [True, False, 2026.0, "2026"])
def test_bools_and_floats_are_not_counts(
    client: httpx.Client, op: str, field: str, value: object
) -> None:
    message = refused(post(client, {"op": op, **VALID[op], field: value}), 422)
    assert message.startswith(f"{field} must be")


@pytest.mark.parametrize("value", ["yes", 1, 0, "", None, [], {}])
def test_explain_and_policy_flags_must_be_booleans(client: httpx.Client, value: object) -> None:
    due = {"op": "due", **VALID["due"], "explain": value}
    if value is None:  # null is no value: the default
        assert post(client, due).status_code == 200
    else:
        assert refused(post(client, due), 422).startswith("explain must be true or false")
    flag = {"op": "audit", **VALID["audit"], "payment_wait_counts": value}
    if value is not None:
        assert "payment_wait_counts" in refused(post(client, flag), 422)


@pytest.mark.parametrize("ident", [True, [1], {"a": 1}, 1.5, "x" * 201])
def test_an_id_that_cannot_be_echoed_is_refused(client: httpx.Client, ident: object) -> None:
    response = post(client, {"op": "day", "date": "2026-01-02", "id": ident})
    assert refused(response, 422).startswith("id must be")
    assert "id" not in response.json()


@given(op=st.sampled_from(sorted(VALID)), data=st.data())
@hostile_settings(60)
def test_a_hostile_field_over_http_is_a_4xx_naming_it(
    client: httpx.Client, op: str, data: st.DataObject
) -> None:
    field = data.draw(st.sampled_from(sorted(FIELDS[op] | {"op", "id"})))
    value = data.draw(JSON_HOSTILE)
    response = post(client, {"op": op, **VALID[op], field: value})
    assert response.status_code < 500, response.text[:300]
    assert "Traceback" not in response.text
    if response.status_code != 200:
        message = refused(response, response.status_code)
        if not isinstance(value, str) and value is not None and field not in ("record", "op"):
            assert field in message, (field, value, message)


@given(record=st.dictionaries(st.sampled_from(sorted(VALID["audit"]["record"])), JSON_HOSTILE))
@hostile_settings(30)
def test_a_hostile_record_to_audit_is_answered(
    client: httpx.Client, record: dict[str, Any]
) -> None:
    response = post(client, VALID["audit"]["record"] | record, "/v1/audit")
    # 400: a lone surrogate escape ("\ud800"), which the JSON parser refuses.
    assert response.status_code in (200, 400, 422), response.text[:300]
    if response.status_code != 200:
        refused(response, response.status_code)


@given(
    params=st.dictionaries(
        st.sampled_from(["date", "office_hours", "days_off", "lang"]), HOSTILE_TEXT
    )
)
@hostile_settings(30)
def test_hostile_query_parameters_are_a_4xx(client: httpx.Client, params: dict[str, str]) -> None:
    response = client.get("/v1/day", params=params)
    assert response.status_code < 500, response.text[:300]
    assert "Traceback" not in response.text


# -- JSON lines -----------------------------------------------------------------------------


def _answers(lines: bytes, **options: Any) -> list[dict[str, Any]]:
    out = io.StringIO()
    serve(io.BytesIO(lines), out, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@given(op=st.sampled_from(sorted(VALID)), data=st.data())
@hostile_settings(60)
def test_a_hostile_field_as_a_json_line_is_refused_and_the_next_answered(
    op: str, data: st.DataObject
) -> None:
    field = data.draw(st.sampled_from(sorted(FIELDS[op] | {"op", "id"})))
    value = data.draw(JSON_HOSTILE)
    line = json.dumps({"op": op, **VALID[op], field: value}).encode()
    first, second = _answers(line + b"\n" + b'{"op": "day", "date": "2026-01-02"}\n')
    assert first["ok"] or 400 <= first["error"]["status"] < 500, first
    assert second["ok"] is True


@pytest.mark.parametrize("breaker", ["\x85", "\u2028", "\u2029"])
def test_an_answer_echoing_a_unicode_line_break_is_still_one_line(breaker: str) -> None:
    out = io.StringIO()
    serve(io.BytesIO(json.dumps({"op": "day", "date": "2026-01-02", "id": breaker}).encode()), out)
    (line,) = out.getvalue().splitlines()
    assert json.loads(line)["id"] == breaker


def test_the_line_limit_is_configurable_and_checked() -> None:
    first, second = _answers(b'{"op": "day", "date": "2026-01-02"}\n' * 2, max_line_bytes=20)
    assert "at most 20 bytes" in first["error"]["message"]
    assert second["ok"] is False
    with pytest.raises(ArgumentTypeError, match="max_line_bytes"):
        serve(io.BytesIO(b""), io.StringIO(), max_line_bytes=True)


def test_invalid_utf8_and_nul_lines_are_refused_one_by_one() -> None:
    answers = _answers(b'\xff{"op": "day"}\n\x00\n{"op": "day", "date": "2026-01-02"}\n')
    assert [a["ok"] for a in answers] == [False, False, True]
    assert answers[0]["error"]["message"].startswith("line 1 must be one JSON object")


def test_the_stdio_process_survives_hostile_lines_and_the_limit_option() -> None:
    lines = b"".join(
        [
            b"[" * 5000 + b"\n",
            b'{"op": "due", "start": true, "limit": 3}\n',
            b'{"op": "calendar", "from": true, "to": 2026}\n',
            b"x" * 300 + b"\n",
            b'{"op": "day", "date": "2026-01-02", "id": 9}\n',
        ]
    )
    done = subprocess.run(
        [sys.executable, "-m", "motcua", "serve", "--stdio", "--max-request-bytes", "200"],
        input=lines,
        capture_output=True,
        timeout=120,
        check=True,
    )
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["ok"] for a in answers] == [False, False, False, False, True]
    assert answers[1]["error"]["message"].startswith("start must be a string")
    assert answers[2]["error"]["message"].startswith("from must be an integer")
    assert "at most 200 bytes" in answers[3]["error"]["message"]
    assert answers[4]["id"] == 9
    assert b"Traceback" not in done.stderr
