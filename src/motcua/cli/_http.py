"""``motcua serve``: the same operations over HTTP (FastAPI on uvicorn, ``motcua[server]``).

Every operation is a ``GET /v1/<op>`` with query parameters — documented in the OpenAPI
page (``/docs``, ``/openapi.json``) — and ``POST /v1`` takes the very objects of
``serve --stdio`` (``{"op": "due", …}``). Answers are those of the JSON-lines mode; a
refused request gets its motcua error with a 4xx status, never a 500: 400 a body that
is not JSON, 404 an unknown path, 405 a wrong method, 413 a body over the limit, 415 a
body that says it is not JSON, 422 a field motcua refuses (``docs/security.md``).
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from typing import Any

import pydantic_core
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from motcua._vn import Lang
from motcua.cli._ops import answer
from motcua.cli._request import MAX_REQUEST_BYTES
from motcua.errors import ArgumentTypeError

__all__ = ["create_app"]

_INTEGER = re.compile(r"-?[0-9]{1,9}")
_DAYS_OFF = Query(
    None,
    description="Local days off, repeated: `days_off=2026-03-10=Lễ hội&days_off=2026-04-20`",
)


def create_app(*, max_body_bytes: int = MAX_REQUEST_BYTES) -> FastAPI:
    """The FastAPI application (this module needs the extra ``motcua[server]``).

    Args:
        max_body_bytes: The largest request body read (1 MiB); a larger one is refused
            with 413 before it is read whole.

    Raises:
        ArgumentTypeError: *max_body_bytes* is not a whole number of bytes from 1.
    """
    if (
        isinstance(max_body_bytes, bool)
        or not isinstance(max_body_bytes, int)
        or max_body_bytes < 1
    ):
        raise ArgumentTypeError(
            "max_body_bytes", max_body_bytes, expected="a whole number of bytes, at least 1"
        )
    app = FastAPI(
        title="motcua",
        version=version("motcua"),
        description="Vietnam's working calendar, deadlines and procedures as a JSON service. "
        "Every answer has `ok`; a refusal has `error` with `type`, `message` and `status`.",
    )

    def reply(request: dict[str, Any]) -> Response:
        return _json(answer({k: v for k, v in request.items() if v is not None}))

    def number(text: str | None) -> Any:
        """An integer parameter as an int when it is one; else as given, for ops to refuse."""
        return int(text) if text is not None and _INTEGER.fullmatch(text) else text

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        del request
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}"
            for e in error.errors()
        )
        return _json(
            {
                "ok": False,
                "error": {
                    "type": "ArgumentTypeError",
                    "message": f"the request's parameters are not valid: {problems}",
                    "status": 422,
                },
            }
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        where = f"{request.method} {request.url.path}"[:200]
        what = {404: "a path of the service (see /docs)", 405: "a method this path answers"}
        return _refused(
            error.status_code,
            f"{where}: {error.detail}; expected {what.get(error.status_code, 'a valid request')}",
        )

    @app.get("/v1/day", summary="Whether a day is a working day, why, and the document")
    async def day(
        date: str = Query(examples=["2026-01-02"]),
        office_hours: str | None = None,
        days_off: list[str] | None = _DAYS_OFF,
        lang: Lang = "vi",
    ) -> Response:
        return reply(
            {
                "op": "day",
                "date": date,
                "office_hours": office_hours,
                "days_off": days_off,
                "lang": lang,
            }
        )

    @app.get("/v1/due", summary="The due time of a limit, and how it was found")
    async def due(  # noqa: PLR0917 - FastAPI passes each query parameter
        start: str = Query(examples=["2025-12-31T15:40:00+07:00"]),
        limit: str = Query(examples=["3 working days"]),
        office_hours: str | None = None,
        days_off: list[str] | None = _DAYS_OFF,
        explain: bool = True,
        lang: Lang = "vi",
    ) -> Response:
        return reply(
            {
                "op": "due",
                "start": start,
                "limit": limit,
                "office_hours": office_hours,
                "days_off": days_off,
                "explain": explain,
                "lang": lang,
            }
        )

    @app.get("/v1/calendar", summary="Every holiday, day off and make-up Saturday of years")
    async def calendar(
        first: str = Query(alias="from", examples=["2025"]),
        last: str = Query(alias="to", examples=["2027"]),
        office_hours: str | None = None,
        days_off: list[str] | None = _DAYS_OFF,
        lang: Lang = "vi",
    ) -> Response:
        return reply(
            {
                "op": "calendar",
                "from": number(first),
                "to": number(last),
                "office_hours": office_hours,
                "days_off": days_off,
                "lang": lang,
            }
        )

    @app.get("/v1/search", summary="Find procedures the way people type them")
    async def search(query: str, limit: str | None = None) -> Response:
        return reply({"op": "search", "query": query, "limit": number(limit)})

    @app.get("/v1/procedure/{code}", summary="One procedure by its national code")
    async def procedure(code: str) -> Response:
        return reply({"op": "procedure", "code": code})

    @app.get("/v1/transition", summary="Whether an action is legal from a status")
    async def transition(status: str, action: str) -> Response:
        return reply({"op": "transition", "status": status, "action": action})

    @app.get("/v1/classify", summary="Early, on time or late (TT 01/2018 Art. 13)")
    async def classify(finished_at: str, due_at: str) -> Response:
        return reply({"op": "classify", "finished_at": finished_at, "due_at": due_at})

    @app.post("/v1/audit", summary="Audit one sync record: its findings, each with why")
    async def audit(
        request: Request,
        office_hours: str | None = None,
        restart_on_supplement: bool = False,
        payment_wait_counts: bool = False,
    ) -> Response:
        record = await _body(request, 'one sync record object {"MaHoSo": …}', max_body_bytes)
        if isinstance(record, Response):
            return record
        return reply(
            {
                "op": "audit",
                "record": record,
                "office_hours": office_hours,
                "restart_on_supplement": restart_on_supplement,
                "payment_wait_counts": payment_wait_counts,
            }
        )

    @app.post("/v1", summary="Any operation, as the JSON-lines mode takes it")
    async def any_operation(request: Request) -> Response:
        payload = await _body(request, 'one JSON object {"op": …}', max_body_bytes)
        if isinstance(payload, Response):
            return payload
        return _json(answer(payload))

    return app


async def _body(request: Request, expected: str, limit: int) -> Any:
    """The request's JSON body, or the 4xx answer saying what it must be.

    The body is refused unread when its declared type is not JSON (415) or its length is
    over *limit* (413), and read no further than *limit* when it does not say its length.
    """
    kind = request.headers.get("content-type")
    if kind is not None and not _is_json(kind):
        return _refused(
            415,
            f"the body is {kind[:80]!r}; send it as application/json (or no Content-Type): "
            f"{expected}",
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return _too_large(limit, int(declared))
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            return _too_large(limit, len(data))
    try:
        return pydantic_core.from_json(bytes(data), allow_inf_nan=False)
    except (ValueError, RecursionError) as exc:
        reason = " ".join(str(exc).split())[:120]
        return _refused(400, f"the body must be {expected} ({reason})")


def _is_json(kind: str) -> bool:
    media = kind.partition(";")[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _too_large(limit: int, size: int) -> Response:
    return _refused(
        413,
        f"the body is {size:,}+ bytes, over the limit of {limit:,} bytes "
        f"(motcua serve --max-request-bytes raises it)",
    )


def _refused(status: int, message: str) -> Response:
    """A motcua-shaped refusal of the request itself (the body, the path, the method)."""
    return JSONResponse(
        {
            "ok": False,
            "error": {"type": "ArgumentTypeError", "message": message, "status": status},
        },
        status_code=status,
    )


def _json(body: dict[str, Any]) -> Response:
    """The answer as JSON text (pydantic-core writes it), with its status."""
    status = 200 if body["ok"] else int(body["error"]["status"])
    try:
        content = pydantic_core.to_json(body)
    except pydantic_core.PydanticSerializationError:  # a lone surrogate echoed back
        content = json.dumps(body, ensure_ascii=False).encode("utf-8", "backslashreplace")
    return Response(content=content, status_code=status, media_type="application/json")
