"""Hashing, ids, decoding and dates: the rules every reader shares."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.errors import BinaryInputError, DecodeError, EmptyInputError, MalformedInputError
from marsad.ingest import content_hash, report_id_for
from marsad.ingest.base import decode, guess_language, make_report, parse_published, read_file_text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("line one\r\nline two", "line one\nline two"),
        ("old mac\rline", "old mac\nline"),
        ("cafe\u0301", "caf\u00e9"),  # NFD and NFC hash the same
    ],
)
def test_content_hash_ignores_line_endings_and_normal_form(a: str, b: str) -> None:
    assert content_hash(a) == content_hash(b)
    assert len(content_hash(a)) == 64


def test_content_hash_tells_different_texts_apart() -> None:
    assert content_hash("day 12 of the siege") != content_hash("day 13 of the siege")


@pytest.mark.parametrize(
    ("own_id", "expected"),
    [(201871, "201871"), ("ar001", "ar001"), (None, None), ("  ", None)],
)
def test_report_id_is_own_id_or_hash_prefix(own_id: object, expected: str | None) -> None:
    text = "Clashes renewed on the outskirts of the town."
    got = report_id_for(text, own_id)
    assert got == (expected if expected is not None else "r" + content_hash(text)[:16])


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"  \n\t\n", EmptyInputError),
        (b"\xef\xbb\xbf \n", EmptyInputError),
        (b"text\x00with nul", BinaryInputError),
        (b"caf\xe9 latin-1", DecodeError),
        ("UTF-16 report".encode("utf-16"), DecodeError),
    ],
)
def test_decode_refuses_bad_bytes(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        decode(data, "some/report.txt")
    assert str(info.value).startswith("some/report.txt: ")
    assert "\n" not in str(info.value)


def test_decode_strips_a_byte_order_mark() -> None:
    assert decode("\ufeffReport".encode(), "x") == "Report"


def test_read_file_text_refuses_large_files(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 101)
    with pytest.raises(MalformedInputError, match="too large"):
        read_file_text(path, str(path), max_bytes=100)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-01-24", date(2021, 1, 24)),
        ("2021-01-24T09:30:00Z", date(2021, 1, 24)),
        ("2021-01-24T23:30:00+02:00", date(2021, 1, 24)),
        ("Sun, 24 Jan 2021 09:30:00 +0000", date(2021, 1, 24)),
        ("", None),
        (None, None),
        (date(2020, 5, 1), date(2020, 5, 1)),
    ],
)
def test_parse_published(value: object, expected: date | None) -> None:
    assert parse_published(value, "x") == expected


@pytest.mark.parametrize("value", ["last Tuesday", "24/13/2021", 20210124])
def test_parse_published_refuses_non_dates(value: object) -> None:
    with pytest.raises(MalformedInputError, match="published"):
        parse_published(value, "x.json")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Regime forces shelled the western countryside.", "en"),
        ("قصفت قوات النظام الريف الغربي لمدينة إدلب", "ar"),
    ],
)
def test_guess_language(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_make_report_refuses_blank_text() -> None:
    with pytest.raises(EmptyInputError):
        make_report("  \n", origin="x.json[0]")
