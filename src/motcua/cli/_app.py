"""The ``motcua`` command (Click): the calendar, deadlines and procedures from any language.

Click, because it is the Pallets project's long-kept, dependency-free command library: a
tested runner for the suite, help pages from docstrings, and no code of its own in
``import motcua``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from motcua._text import one_line
from motcua._vn import Lang
from motcua.cli import _ops, _stdio
from motcua.cli._export import calendar_csv, calendar_ics, calendar_json, day_dict
from motcua.cli._files import (
    AUDIT_LINE_BYTES,
    FileRefused,
    bounded_lines,
    column_map,
    opened,
    write_answer,
)
from motcua.cli._request import MAX_REQUEST_BYTES
from motcua.errors import (
    MotcuaError,
    ProcedureNotFoundError,
)
from motcua.procedures import Catalog, Procedure

__all__ = ["EXIT_CODES", "main"]

EXIT_CODES = {
    0: "done: the answer is on standard output",
    1: "motcua itself failed (a bug: please report it with the command line)",
    2: "the command line is wrong (an unknown option, a missing argument, a file that cannot "
    "be read or written)",
    3: "the input was refused: a date outside the calendar, a naive time, an impossible limit",
    4: "not found: no procedure has this code",
}
"""What each exit status of ``motcua`` means."""

F = TypeVar("F", bound=Callable[..., Any])


def _common(command: F) -> F:
    """``--json`` and ``--lang`` on every command, where people put them (after the name)."""
    command = click.option("--json", "as_json", is_flag=True, help="Answer as one JSON document.")(
        command
    )
    return click.option(
        "--lang",
        type=click.Choice(["vi", "en"]),
        default="vi",
        show_default=True,
        help="Language of the answer.",
    )(command)


def _calendar_options(command: F) -> F:
    return click.option(
        "--office-hours",
        metavar="SESSIONS",
        help='The centre\'s sessions, e.g. "07:30-11:30, 13:30-17:00" (default 08:00-12:00, '
        "13:00-17:00).",
    )(command)


def _day_off_option(command: F) -> F:
    return click.option(
        "--day-off",
        "days_off",
        multiple=True,
        metavar="DATE[=NAME]",
        help='A local day off of the province or agency, "2026-03-10=Lễ hội"; repeatable.',
    )(command)


def _emit(data: Any, text: str, *, as_json: bool) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json else text)


def _fail(error: MotcuaError, *, as_json: bool) -> NoReturn:
    status = 4 if isinstance(error, ProcedureNotFoundError) else 3
    if as_json:  # the document on standard output, the line for a person on stderr too
        click.echo(
            json.dumps(
                {"error": {"type": type(error).__name__, "message": str(error), "exit": status}},
                ensure_ascii=False,
            )
        )
    click.echo(f"motcua: {one_line(str(error))}", err=True)
    sys.exit(status)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Exit status: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items()),
)
@click.version_option(package_name="motcua")
def cli() -> None:
    """motcua: Vietnam's working calendar, deadlines and procedures, for any language."""


@cli.command()
@click.argument("day", type=click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"]))
@_calendar_options
@_day_off_option
@_common
def day(
    day: datetime, office_hours: str | None, days_off: tuple[str, ...], as_json: bool, lang: Lang
) -> None:
    """Whether DAY (2026-01-02 or 02/01/2026) is a working day, why, and the document."""
    try:
        calendar = _ops.request_calendar({"office_hours": office_hours, "days_off": list(days_off)})
        info = calendar.day(day.date())
    except MotcuaError as error:
        _fail(error, as_json=as_json)
    _emit(day_dict(info, calendar, lang=lang), info.describe(lang=lang), as_json=as_json)


@cli.command(name="calendar")
@click.option("--from", "first", type=int, required=True, help="The first year.")
@click.option("--to", "last", type=int, required=True, help="The last year.")
@click.option(
    "--format",
    "form",
    type=click.Choice(["ics", "csv", "json"]),
    default="json",
    show_default=True,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="A file.")
@_calendar_options
@_day_off_option
@_common
def calendar_command(  # noqa: PLR0917 - Click passes each option by position
    first: int,
    last: int,
    form: str,
    output: Path | None,
    office_hours: str | None,
    days_off: tuple[str, ...],
    as_json: bool,
    lang: Lang,
) -> None:
    """Every holiday, day off and make-up Saturday of the years, with its document."""
    try:
        calendar = _ops.request_calendar({"office_hours": office_hours, "days_off": list(days_off)})
        _ops.check_years(calendar, first, last)
        write = {"ics": calendar_ics, "csv": calendar_csv, "json": calendar_json}[form]
        text = write(calendar, first, last, lang=lang)
    except MotcuaError as error:
        _fail(error, as_json=as_json or form == "json")
    if output is None:
        click.echo(text, nl=False)
    else:
        write_answer(output, text)
        click.echo(f"{output}", err=True)


@cli.command()
@click.option("--start", required=True, help="When the clock starts: 2025-12-31T15:40+07:00.")
@click.option("--limit", "limit_text", required=True, help='"3 working days", "8 giờ"…')
@_calendar_options
@_day_off_option
@_common
def due(  # noqa: PLR0917 - Click passes each option by position
    start: str,
    limit_text: str,
    office_hours: str | None,
    days_off: tuple[str, ...],
    as_json: bool,
    lang: Lang,
) -> None:
    """The due time of LIMIT counted from START, and how it was found."""
    request = {
        "start": start,
        "limit": limit_text,
        "office_hours": office_hours,
        "days_off": list(days_off),
        "lang": lang,
    }
    try:
        data = _ops.due(request)
    except MotcuaError as error:
        _fail(error, as_json=as_json)
    _emit(data, data["explanation"], as_json=as_json)


@cli.command()
@click.argument("query")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 50))
@_common
def search(query: str, limit: int, as_json: bool, lang: Lang) -> None:
    """Find procedures the way people type them ("xac nhan tinh trang hon nhan")."""
    try:
        data = _ops.search({"query": query, "limit": limit, "lang": lang})["hits"]
    except MotcuaError as error:
        _fail(error, as_json=as_json)
    text = "\n".join(f"{h['code']}  {h['name']}" for h in data) or "—"
    _emit(data, text, as_json=as_json)


@cli.command()
@click.argument("code")
@_common
def procedure(code: str, as_json: bool, lang: Lang) -> None:
    """One procedure by its national code (1.004873): limits, fees, documents, sources."""
    try:
        found = Catalog.builtin().get(code)
    except MotcuaError as error:
        _fail(error, as_json=as_json)
    _emit(found.model_dump(mode="json"), _describe(found, lang), as_json=as_json)


def _describe(found: Procedure, lang: Lang) -> str:
    vi = lang == "vi"
    lines = [f"{found.code}  {found.name}", f"{'Lĩnh vực' if vi else 'Field'}: {found.field}"]
    lines += [f"- {o.channel.label}: {o.time_limit.describe(lang=lang)}" for o in found.channels]
    lines += [f"  {basis.cite()}" for basis in found.legal_basis]
    return "\n".join(lines)


@cli.command(name="audit")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "form",
    type=click.Choice(["csv", "json", "html"]),
    default="csv",
    show_default=True,
)
@_calendar_options
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="A file.")
@click.option(
    "--columns",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='A CSV export: a JSON file mapping its columns to sync fields {"ma_ho_so": "MaHoSo"}.',
)
@click.option(
    "--restart-on-supplement",
    is_flag=True,
    help="The centre restarts the whole limit when a supplement arrives.",
)
@click.option(
    "--payment-wait-counts",
    is_flag=True,
    help="The centre counts the wait for the applicant's payment as processing time.",
)
@click.option(
    "--max-line-bytes",
    default=AUDIT_LINE_BYTES,
    show_default=True,
    type=click.IntRange(1, 1 << 30),
    help="A longer line (a CSV row) is a malformed finding, not read.",
)
def audit_command(
    export: Path,
    form: str,
    *,
    office_hours: str | None,
    output: Path | None,
    columns: Path | None,
    restart_on_supplement: bool,
    payment_wait_counts: bool,
    max_line_bytes: int,
) -> None:
    """Audit EXPORT — sync records as JSON lines, or a .csv — findings only, with why."""
    from motcua.audit import FindingKind, audit_csv, audit_lines, summary  # noqa: PLC0415
    from motcua.dossiers import ClockPolicy  # noqa: PLC0415 - this command only

    policy = ClockPolicy(
        restart_on_supplement=restart_on_supplement, payment_wait_counts=payment_wait_counts
    )
    options: dict[str, Any] = {
        "office_hours": office_hours,
        "policy": policy,
        "max_line_bytes": max_line_bytes,
    }
    is_csv = export.suffix.lower() == ".csv" or columns is not None
    mapping = column_map(columns) if is_csv else None
    try:
        with opened(export) as source:
            if is_csv:
                text = source.read().decode("utf-8-sig", "replace")
                found = list(audit_csv(text, columns=mapping, **options))
            elif sys.stderr.isatty():  # a progress bar for a person watching, never in a pipe
                with click.progressbar(
                    bounded_lines(source, max_line_bytes), label="audit", file=sys.stderr
                ) as rows:
                    found = list(audit_lines(rows, **options))
            else:
                found = list(audit_lines(bounded_lines(source, max_line_bytes), **options))
        text = summary(found, form=form)
    except OSError as exc:
        raise FileRefused(str(export), hint=exc.strerror or str(exc)) from None
    except MotcuaError as error:
        _fail(error, as_json=form == "json")
    if output is None:
        click.echo(text, nl=False)
    else:
        write_answer(output, text)
    if not office_hours:
        click.echo(
            "motcua audit: counted on the national office hours 08:00-12:00, 13:00-17:00; "
            "pass --office-hours for the centre's own",
            err=True,
        )
    other = sum(f.kind is FindingKind.POLICY_DIFFERS for f in found)
    if other and policy == ClockPolicy():
        click.echo(
            f"motcua audit: counted on motcua's default clock policy (the clock pauses during "
            f"a supplement or a payment wait and resumes); {other} record(s) follow another "
            f"one (see policy_differs): pass --restart-on-supplement or --payment-wait-counts "
            f"if that is the centre's",
            err=True,
        )


@cli.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="JSON lines on standard input and output, for test suites that spawn a process.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Where to listen (HTTP).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--max-request-bytes",
    default=MAX_REQUEST_BYTES,
    show_default=True,
    type=click.IntRange(1, 1 << 30),
    help="The largest request read: a JSON line (--stdio), an HTTP body.",
)
def serve(stdio: bool, host: str, port: int, max_request_bytes: int) -> None:
    """Answer requests over HTTP (OpenAPI at /docs), or as JSON lines with --stdio.

    Each request names its operation — {"op": "due", "start": "2025-12-31T15:40:00+07:00",
    "limit": "3 working days"} — with the fields of docs/interop.md: day, due, calendar,
    search, procedure, transition, classify. HTTP listens on 127.0.0.1 unless told
    otherwise and needs the extra motcua[server].
    """
    if stdio:
        _stdio.serve(sys.stdin.buffer, sys.stdout, max_line_bytes=max_request_bytes)
        return
    try:
        import uvicorn  # noqa: PLC0415 - an optional extra

        from motcua.cli._http import create_app  # noqa: PLC0415

        app = create_app(max_body_bytes=max_request_bytes)
    except (ImportError, MotcuaError) as error:
        raise click.UsageError(
            f"the HTTP service needs FastAPI and uvicorn: pip install 'motcua[server]' ({error})"
        ) from None
    uvicorn.run(app, host=host, port=port, log_level="warning")


def main(argv: list[str] | None = None) -> None:
    """Run the command (the console script ``motcua`` and ``python -m motcua``)."""
    try:
        cli.main(args=argv, prog_name="motcua", standalone_mode=True)
    except MotcuaError as error:  # pragma: no cover - every command catches its own
        _fail(error, as_json=False)
