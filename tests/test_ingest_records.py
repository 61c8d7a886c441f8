"""JSON and JSONL reports: one object, a list, or one a line; a bad record is one failure."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from marsad.ingest import InputFailure, read_inputs
from marsad.model import Report

TEXT = "Clashes broke out between local gunmen and regime forces in the eastern countryside."


def _read(path: Path, **options: object) -> list[Report | InputFailure]:
    return list(read_inputs([path], **options))  # type: ignore[arg-type]


def test_json_object_keeps_id_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    record = {"id": 4711, "text": TEXT, "title": "Clashes", "published": "2023-08-30",
              "source": "SOHR", "url": "https://example.org/4711", "language": "en"}
    path.write_text(json.dumps(record), encoding="utf-8")
    [report] = _read(path)
    assert isinstance(report, Report)
    assert (report.report_id, report.title, report.published, report.source, report.url) == (
        "4711", "Clashes", date(2023, 8, 30), "SOHR", "https://example.org/4711"
    )
    assert report.text == TEXT and report.origin == str(path)


def test_json_list_gives_one_report_per_object_and_fails_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    records = [{"text": TEXT}, {"title": "no text"}, "a string", {"text": TEXT + " Two."}]
    path.write_text(json.dumps(records), encoding="utf-8")
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["Report", "InputFailure", "InputFailure", "Report"]
    failure = items[1]
    assert isinstance(failure, InputFailure)
    assert str(failure) == f"{path}[1]: record has no 'text' string"


def test_jsonl_bad_line_is_one_failure_and_the_rest_go_on(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    lines = [
        json.dumps({"id": "a", "text": TEXT}),
        "{not json",
        "",
        json.dumps({"id": "b", "text": TEXT + " Again.", "published": "yesterday"}),
        json.dumps({"id": "c", "text": TEXT + " Third."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path, published=date(2023, 9, 1), source="SOHR")
    reports = [i for i in items if isinstance(i, Report)]
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert [r.report_id for r in reports] == ["a", "c"]
    assert all(r.published == date(2023, 9, 1) and r.source == "SOHR" for r in reports)
    assert [f.source for f in failures] == [f"{path}:2", f"{path}:4"]
    assert "malformed JSON" in str(failures[0])
    assert "published" in str(failures[1])
    assert reports[0].origin == f"{path}:1"


def test_jsonl_over_long_line_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"text": "x" * 500})
    path.write_text(long_line + "\n" + json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    items = _read(path, max_bytes=200)
    assert isinstance(items[0], InputFailure) and "longer than" in str(items[0])
    assert isinstance(items[1], Report) and items[1].text == TEXT


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.json", b'{"text": "unterminated', "malformed JSON"),
        ("empty.json", b"", "empty input"),
        ("empty-list.json", b"[]", "empty JSON list"),
        ("blank.jsonl", b"\n\n", "empty input"),
        ("binary.jsonl", b'{"text": "a"}\n\x00\x01\x02', "binary"),
        ("latin1.json", '{"text": "caf\u00e9"}'.encode("latin-1"), "not UTF-8"),
        ("number.json", b"42", "expected a JSON object"),
        ("typed.json", b'{"text": "x", "title": ["a"]}', "'title' must be a string"),
    ],
)
def test_bad_json_files_are_one_line_failures(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [failure] = _read(path)
    assert isinstance(failure, InputFailure)
    assert str(failure).startswith(str(path))
    assert reason in str(failure)
    assert "\n" not in str(failure)


def test_jsonl_streams_without_reading_ahead(tmp_path: Path) -> None:
    path = tmp_path / "stream.jsonl"
    path.write_text(
        "".join(json.dumps({"id": str(i), "text": f"{TEXT} {i}"}) + "\n" for i in range(1000)),
        encoding="utf-8",
    )
    items = read_inputs([path])
    first = next(items)
    assert isinstance(first, Report) and first.report_id == "0"
    assert sum(1 for _ in items) == 999
