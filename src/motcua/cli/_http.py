"""``motcua serve``: the same operations over HTTP (FastAPI on uvicorn, ``motcua[server]``).

Every operation is a ``GET /v1/<op>`` with query parameters — documented in the OpenAPI
page (``/docs``, ``/openapi.json``) — and ``POST /v1`` takes the very objects of
``serve --stdio`` (``{"op": "due", …}``). Answers are those of the JSON-lines mode; a
refused request gets its motcua error with a 4xx status, never a 500.
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

from motcua._vn import Lang
from motcua.cli._ops import answer

__all__ = ["create_app"]

_INTEGER = re.compile(r"-?[0-9]{1,9}")
_DAYS_OFF = Query(
    None,
    description="Local days off, repeated: `days_off=2026-03-10=Lễ hội&days_off=2026-04-20`",
)


def create_app() -> FastAPI:
    """The FastAPI application (this module needs the extra ``motcua[server]``)."""
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
        record = await _body(request, 'one sync record object {"MaHoSo": …}')
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
        payload = await _body(request, 'one JSON object {"op": …}')
        if isinstance(payload, Response):
            return payload
        return _json(answer(payload))

    return app


async def _body(request: Request, expected: str) -> Any:
    """The request's JSON body, or the 400 answer saying what it must be."""
    try:
        return pydantic_core.from_json(await request.body(), allow_inf_nan=False)
    except (ValueError, RecursionError):
        return JSONResponse(
            {
                "ok": False,
                "error": {
                    "type": "ArgumentTypeError",
                    "message": f"the body must be {expected}",
                    "status": 400,
                },
            },
            status_code=400,
        )


def _json(body: dict[str, Any]) -> Response:
    """The answer as JSON text (pydantic-core writes it), with its status."""
    status = 200 if body["ok"] else int(body["error"]["status"])
    try:
        content = pydantic_core.to_json(body)
    except pydantic_core.PydanticSerializationError:  # a lone surrogate echoed back
        content = json.dumps(body, ensure_ascii=False).encode("utf-8", "backslashreplace")
    return Response(content=content, status_code=status, media_type="application/json")
