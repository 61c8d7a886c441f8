"""Plain-text reports with optional ``key: value`` header lines."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.errors import MalformedInputError
from marsad.ingest import parse_text_report
from marsad.ingest.text import split_header

REPORT = (
    "Shelling resumes on villages south of Maarat Misrin\n"
    "\n"
    "Monitors reported that regime artillery shelled the outskirts of the village at dawn.\n"
)


def test_title_is_first_non_empty_line_and_text_is_verbatim() -> None:
    report = parse_text_report("\n\n" + REPORT, origin="a.txt")
    assert report.title == "Shelling resumes on villages south of Maarat Misrin"
    assert report.text == "\n\n" + REPORT
    assert report.origin == "a.txt"
    assert report.report_id.startswith("r")
    assert report.published is None and report.source is None


def test_header_lines_are_read_and_removed() -> None:
    text = (
        "published: 2024-03-02\nsource: SOHR\nurl: https://example.org/r/1\n"
        "title: Shelling near Maarat Misrin\n\n" + REPORT
    )
    report = parse_text_report(text, origin="a.txt")
    assert report.published == date(2024, 3, 2)
    assert report.source == "SOHR"
    assert report.url == "https://example.org/r/1"
    assert report.title == "Shelling near Maarat Misrin"
    assert report.text == REPORT


@pytest.mark.parametrize(
    ("given", "header", "expected"),
    [
        (date(2020, 1, 1), "", date(2020, 1, 1)),  # the default fills a gap
        (date(2020, 1, 1), "date: 2024-03-02\n", date(2024, 3, 2)),  # the file wins
        (None, "Published: 2024-03-02\n", date(2024, 3, 2)),  # keys ignore case
    ],
)
def test_published_default_and_header(
    given: date | None, header: str, expected: date
) -> None:
    report = parse_text_report(header + REPORT, origin="a.txt", published=given)
    assert report.published == expected


def test_source_default_applies_when_header_has_none() -> None:
    assert parse_text_report(REPORT, origin="a.txt", source="SOHR").source == "SOHR"


def test_a_colon_in_the_first_sentence_is_not_a_header() -> None:
    text = "Aleppo Province: clashes renewed near the town.\n"
    header, body = split_header(text)
    assert header == {} and body == text


def test_bad_header_date_is_an_input_error() -> None:
    with pytest.raises(MalformedInputError, match=r"a\.txt: published"):
        parse_text_report("published: soon\n\n" + REPORT, origin="a.txt")


def test_crlf_text_keeps_its_line_endings() -> None:
    crlf = REPORT.replace("\n", "\r\n")
    report = parse_text_report("source: SOHR\r\n\r\n" + crlf, origin="a.txt")
    assert report.text == crlf
    assert report.source == "SOHR"
