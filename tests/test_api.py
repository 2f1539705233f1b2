"""The API view, its shipped JSON Schema, and the HTTP status of every motcua error."""

from __future__ import annotations

import json

import pytest

import motcua.errors as e
from helpers import vn
from motcua.api import DossierView, dossier_view_schema, http_status, problem
from motcua.api._schema import SCHEMA_PATH, text
from store_support import received


def test_the_shipped_schema_is_the_models_own() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == text(), (
        "dossier-view.schema.json is stale: run `python -m motcua.api._schema`"
    )
    assert dossier_view_schema()["title"] == "DossierView"


def test_a_view_says_what_a_screen_shows() -> None:
    dossier = received()
    dossier.request_supplement(
        at=vn(2026, 3, 2, 14), by="tuphap", reason="Thiếu tờ khai", items=["Tờ khai"]
    )
    view = DossierView.of(dossier, at=vn(2026, 3, 10, 9))
    assert view.status.label == "Yêu cầu bổ sung giấy tờ"
    assert view.status.national_code == dossier.status.national_code
    assert view.channel.national_code == 1
    assert view.timeliness.value == "paused"
    assert view.remaining == "còn 2 ngày 4 giờ"  # the clock stopped at 14:00 on 2/3
    assert [a.action for a in view.allowed_actions] == [a.value for a in dossier.allowed_actions()]
    assert view.history[-1].label == "Yêu cầu bổ sung, hoàn thiện hồ sơ"
    assert view.history[-1].items == ("Tờ khai",)
    data = json.loads(view.model_dump_json())
    assert data["due_at"] is None or data["due_at"].endswith("+07:00")
    assert data["history"][0]["at"] == "2026-03-02T09:00:00+07:00"
    assert DossierView.model_validate_json(view.model_dump_json()) == view
    assert set(data) == set(dossier_view_schema()["properties"])


def test_a_view_refuses_what_is_not_a_dossier() -> None:
    with pytest.raises(e.ArgumentTypeError, match="dossier"):
        DossierView.of("000.00.20.H12-260302-0001", at=vn(2026, 3, 2))  # type: ignore[arg-type]
    with pytest.raises(e.NaiveDatetimeError):
        DossierView.of(received(), at=vn(2026, 3, 2).replace(tzinfo=None))


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (e.DossierNotFoundError(code="X"), 404),
        (e.ProcedureNotFoundError("9.999999", suggestions=()), 404),
        (e.StaleDossierError(code="X", expected=1, actual=2), 409),
        (e.DuplicateDossierError(code="X"), 409),
        (e.NaiveDatetimeError("at", vn(2026, 3, 2).replace(tzinfo=None)), 422),
        (e.ArgumentTypeError("limit", "3", expected="an int"), 422),
        (e.ReportError("cannot group by 'ward'"), 422),
        (e.StoreUnavailableError(operation="save", code="X", reason="database is locked"), 503),
        (e.SchemaVersionError(found=None, expected=1), 500),
        (e.StoredDossierError(code="X", where="history[1]", problem="forged"), 500),
        (RuntimeError("boom"), 500),
    ],
)
def test_each_error_has_its_http_status(error: BaseException, status: int) -> None:
    assert http_status(error) == status
    body = problem(error)
    assert body["status"] == status
    if status == 500:
        assert "forged" not in body["detail"]
        assert "boom" not in body["detail"]
    else:
        assert body["detail"] == str(error)
        assert body["title"] == type(error).__name__
