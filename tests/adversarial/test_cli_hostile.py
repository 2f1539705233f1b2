"""Hostile command lines and files for ``motcua``: an exit status and one line, no traceback.

Issue 15 for the command: bad files (missing, a directory, a device, not UTF-8, huge,
nested), bad options and hostile text in every option. The command exits with a status
other than 0 and says on standard error, in one line, what was wrong, where and what
would be valid — or answers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from hostile import HOSTILE_TEXT, hostile_settings
from motcua.audit import DEFAULT_MAX_LINE_BYTES
from motcua.cli import cli
from motcua.cli._files import AUDIT_LINE_BYTES
from motcua.cli._ops import TEXT_LIMIT

RECORD = {
    "MaHoSo": "000.00.20.H12-251231-0002",
    "MaTTHC": "1.004873",
    "TrangThaiHoSo": 2,
    "KenhThucHien": 1,
    "NgayTiepNhan": "20251231154000",
    "NgayHenTra": "20260105154000",  # motcua's is 07/01: one finding
}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def refused(result: Result, *said: str) -> str:
    """The one line on stderr of a refusal; fails on a traceback or a crash."""
    assert result.exit_code not in (0, 1), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message
    for text in said:
        assert text in message, message
    return message


def test_the_audit_line_default_is_the_audit_s() -> None:
    assert AUDIT_LINE_BYTES == DEFAULT_MAX_LINE_BYTES


# -- bad files ------------------------------------------------------------------------------


def test_a_missing_export_names_it(tmp_path: Path) -> None:
    refused(run("audit", str(tmp_path / "gone.jsonl")), "gone.jsonl", "does not exist")


def test_a_directory_is_not_an_export(tmp_path: Path) -> None:
    refused(run("audit", str(tmp_path)), "is a directory")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_not_read_forever() -> None:
    refused(run("audit", "/dev/zero"), "/dev/zero", "a device")


def test_an_export_that_is_not_utf8_is_audited_line_by_line(tmp_path: Path) -> None:
    export = tmp_path / "x.jsonl"
    export.write_bytes(b"\xff\xfe\x00{\n" + json.dumps(RECORD).encode() + b"\n")
    result = run("audit", str(export), "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)["findings"]
    assert found[0]["line"] == 1
    assert found[0]["kind"] == "malformed"


def test_a_huge_line_is_one_finding_and_the_next_line_is_read(tmp_path: Path) -> None:
    export = tmp_path / "x.jsonl"
    with export.open("wb") as out:
        out.write(b'{"MaHoSo": "' + b"x" * (3 * DEFAULT_MAX_LINE_BYTES) + b'"}\n')
        out.write(json.dumps(RECORD).encode() + b"\n")
    result = run("audit", str(export), "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)["findings"]
    assert [f["line"] for f in found] == [1, 2]
    assert "longer than the limit of 1,048,576 bytes" in found[0]["why"]
    assert "--max-line-bytes" in found[0]["why"]
    assert len(found[0]["theirs"]) <= 200


def test_the_line_limit_is_an_option(tmp_path: Path) -> None:
    export = tmp_path / "x.jsonl"
    export.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    result = run("audit", str(export), "--format", "json", "--max-line-bytes", "50")
    assert "limit of 50 bytes" in json.loads(result.stdout)["findings"][0]["why"]
    for bad in ("0", "-5", "1e3", "true", "99999999999999999999"):
        refused(run("audit", str(export), "--max-line-bytes", bad), "--max-line-bytes")


def test_a_csv_export_with_a_huge_cell_is_audited(tmp_path: Path) -> None:
    export = tmp_path / "x.csv"
    export.write_text("MaHoSo,MaTTHC\n" + "a," + "b" * 300_000 + "\nc,1.004873\n")
    result = run("audit", str(export), "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["findings"]
    assert found[0]["line"] == 2
    assert found[0]["kind"] == "malformed"


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "--columns"),
        (b"{not json", "not JSON"),
        (b'["MaHoSo"]', "must hold a JSON object"),
        (b'{"a": 1}', "columns must be a mapping"),
        (b" " * ((1 << 20) + 1), "larger than the limit"),
    ],
    ids=["utf16", "nested", "not-json", "list", "not-names", "huge"],
)
def test_a_bad_columns_file_is_one_line_naming_it(
    tmp_path: Path, content: bytes, said: str
) -> None:
    columns = tmp_path / "columns.json"
    columns.write_bytes(content)
    export = tmp_path / "x.csv"
    export.write_text("MaHoSo\nx\n")
    message = refused(run("audit", str(export), "--columns", str(columns)), said)
    assert "Traceback" not in message


def test_an_output_that_is_a_directory_is_refused(tmp_path: Path) -> None:
    export = tmp_path / "x.jsonl"
    export.write_text(json.dumps(RECORD) + "\n")
    refused(run("audit", str(export), "-o", str(tmp_path)), "is a directory")
    refused(run("calendar", "--from", "2026", "--to", "2026", "-o", str(tmp_path)))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_an_unreadable_export_names_the_reason(tmp_path: Path) -> None:
    export = tmp_path / "x.jsonl"
    export.write_text("{}\n")
    export.chmod(0)
    try:
        refused(run("audit", str(export)), "x.jsonl")
    finally:
        export.chmod(0o600)


# -- bad options ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["day", "2026-13-01"], "does not match the formats"),
        (["day", "2017-05-01"], "2018"),
        (["calendar", "--from", "true", "--to", "2026"], "--from"),
        (["calendar", "--from", "2026", "--to", "10" * 30], "to year"),
        (["calendar", "--from", "2027", "--to", "2026"], "to must be"),
        (["due", "--start", "2026-03-02T09:00", "--limit", "3 working days"], "naive"),
        (["due", "--start", "9999-12-31T23:59:59-12:00", "--limit", "3 working days"], "start"),
        (["due", "--start", "2026-03-02T09:00+07:00", "--limit", "x" * 5000], "at most 1,000"),
        (["day", "2026-01-02", "--office-hours", "7-8," * 1000], "at most 1,000"),
        (["day", "2026-01-02", "--day-off", "x" * 5000], "days_off[0]"),
        (["day", "2026-01-02", "--day-off", "2026-02-30"], "days_off"),
        (["search", "a", "--limit", "0"], "--limit"),
        (["search", "a" * 500], "at most 200"),
        (["procedure", "\x00"], "no procedure"),
        (["serve", "--max-request-bytes", "0"], "--max-request-bytes"),
        (["serve", "--port", "70000"], "--port"),
    ],
)
def test_bad_options_exit_non_zero_with_one_line(args: list[str], said: str) -> None:
    message = refused(run(*args), said)
    assert len(message) < 2000


@given(
    args=st.sampled_from(
        [
            ["day", "{}"],
            ["day", "2026-01-02", "--office-hours", "{}"],
            ["day", "2026-01-02", "--day-off", "{}"],
            ["due", "--start", "{}", "--limit", "3 working days"],
            ["due", "--start", "2026-03-02T09:00+07:00", "--limit", "{}"],
            ["search", "{}"],
            ["procedure", "{}"],
            ["calendar", "--from", "{}", "--to", "2026"],
        ]
    ),
    value=HOSTILE_TEXT.filter(lambda t: "\x00" not in t),
)
@hostile_settings(60)
def test_hostile_text_in_any_option_is_an_answer_or_a_refusal(args: list[str], value: str) -> None:
    result = run(*[a.replace("{}", value) for a in args])
    if result.exit_code != 0:
        refused(result)


def test_the_real_command_prints_no_traceback(tmp_path: Path) -> None:
    columns = tmp_path / "c.json"
    columns.write_bytes(b"[" * 100_000)
    export = tmp_path / "x.csv"
    export.write_text("MaHoSo\nx\n")
    for args in (
        ["audit", str(export), "--columns", str(columns)],
        ["due", "--start", "x", "--limit", "y"],
        ["calendar", "--from", "1", "--to", "2", "--format", "csv"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "motcua", *args],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode in (2, 3), done
        assert b"Traceback" not in done.stderr
        assert done.stderr.strip()
        lines = done.stderr.decode().strip().splitlines()
        assert len(lines) <= 4  # Click's usage, a blank line, and the one line that says
        assert lines[-1].startswith(("Error:", "motcua:"))


def test_text_limit_is_what_the_messages_say() -> None:
    assert TEXT_LIMIT == 1000
