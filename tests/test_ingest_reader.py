"""``read_inputs``: files, folders (recursive, sorted), standard input; failures never raise."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from marsad.ingest import InputFailure, read_inputs
from marsad.model import Report

REPORT = "Regime forces shelled the village of Kafr Nabl at dawn; no casualties were reported.\n"


def _names(items: list[Report | InputFailure]) -> list[str]:
    return [i.origin or "" if isinstance(i, Report) else f"FAIL {i.source}" for i in items]


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two. " + REPORT, encoding="utf-8")
    (tmp_path / "a" / "deep" / "1.txt").write_text("One. " + REPORT, encoding="utf-8")
    (tmp_path / "a" / "0.json").write_text(json.dumps({"text": "Zero. " + REPORT}), "utf-8")
    (tmp_path / "a" / "notes.pdf").write_bytes(b"%PDF-1.4\x00")
    (tmp_path / ".hidden" / "x.txt").write_text(REPORT, encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert _names(items) == [
        str(tmp_path / "a" / "0.json"),
        str(tmp_path / "a" / "deep" / "1.txt"),
        str(tmp_path / "b" / "2.txt"),
    ]


def test_the_same_folder_reads_the_same_twice(tmp_path: Path) -> None:
    for name in ["c.txt", "a.txt", "b.txt"]:
        (tmp_path / name).write_text(name + " " + REPORT, encoding="utf-8")
    first = [r.report_id for r in read_inputs([tmp_path]) if isinstance(r, Report)]
    assert first == [r.report_id for r in read_inputs([tmp_path]) if isinstance(r, Report)]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty input"),
        ("blank.txt", b"\n   \n", "empty input"),
        ("binary.txt", b"GIF89a\x00\x01\x02", "binary data"),
        ("latin1.txt", "Caf\u00e9 shelled".encode("latin-1"), "not UTF-8"),
        ("header-only.txt", b"source: SOHR\npublished: 2024-01-01\n", "no report text"),
    ],
)
def test_bad_files_fail_with_one_line_naming_the_file(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [failure] = read_inputs([path])
    assert isinstance(failure, InputFailure)
    assert failure.source == str(path)
    assert str(failure).startswith(f"{path}: ") and reason in str(failure)
    assert "\n" not in str(failure)


def test_missing_file_and_empty_folder_fail_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "readme.pdf").write_bytes(b"%PDF")
    items = list(read_inputs([tmp_path / "missing.txt", empty, good]))
    assert _names(items) == [
        f"FAIL {tmp_path / 'missing.txt'}",
        f"FAIL {empty}",
        str(good),
    ]
    assert "no such file" in str(items[0])
    assert "folder has no reports" in str(items[1])


def test_files_over_the_size_limit_fail(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Shelling. " * (1024 * 1024 + 1))  # just over 10 MB
    [failure] = read_inputs([path])
    assert isinstance(failure, InputFailure) and "too large" in str(failure)


def test_unknown_suffix_named_explicitly_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "report.log"
    path.write_text(REPORT, encoding="utf-8")
    [report] = read_inputs([path])
    assert isinstance(report, Report) and report.text == REPORT


def test_dash_reads_one_report_from_stdin() -> None:
    stdin = io.BytesIO(("source: SOHR\n\n" + REPORT).encode())
    [report] = read_inputs(["-"], stdin=stdin)
    assert isinstance(report, Report)
    assert report.origin == "-" and report.source == "SOHR" and report.text == REPORT


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), (b"\xc3\x28 bad", "not UTF-8")])
def test_bad_stdin_is_a_failure(data: bytes, reason: str) -> None:
    [failure] = read_inputs(["-"], stdin=io.BytesIO(data))
    assert isinstance(failure, InputFailure) and failure.source == "-"
    assert reason in str(failure)


def test_real_samples_read_without_failures() -> None:
    samples = Path(__file__).resolve().parents[1] / ".." / "shared" / "samples"
    if not samples.is_dir():
        pytest.skip("../shared/samples is not present")
    items = list(read_inputs([samples]))
    assert items and not [i for i in items if isinstance(i, InputFailure)]
    assert len({i.report_id for i in items if isinstance(i, Report)}) > 100
