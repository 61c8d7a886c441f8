"""HTML pages: main text via trafilatura, title and metadata from the head."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.errors import MalformedInputError
from marsad.ingest import InputFailure, read_inputs
from marsad.ingest.html import html_to_text, page_meta, parse_html_report
from marsad.model import Report

BODY = (
    "<p>Monitors reported that a drone struck a vehicle on the road between Tabqa and the "
    "nearby dam on Tuesday morning, killing two members of a local militia and wounding a "
    "third. The vehicle burned out completely, according to sources on the ground.</p>"
    "<p>Later in the day, residents of the western neighbourhoods of the town said that "
    "reinforcements had arrived at the checkpoints around the entrance to the city and that "
    "movement between the villages had been restricted until further notice.</p>"
)
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Drone strike near Tabqa | Monitor</title>
<meta property="og:title" content="Drone strike near Tabqa kills two militiamen">
<meta property="article:published_time" content="2024-02-13T08:00:00+00:00">
<meta property="og:site_name" content="Example Monitor">
<link rel="canonical" href="https://example.org/en/1234/">
</head><body>
<nav><a href="/">Home</a> <a href="/en/">Reports</a></nav>
<article><h1>Drone strike near Tabqa kills two militiamen</h1>{BODY}</article>
<footer>Copyright notice and menus</footer>
<script>var tracking = 1;</script>
</body></html>"""


def test_page_meta_reads_title_date_url_and_site() -> None:
    meta = page_meta(PAGE)
    assert meta.og_title == "Drone strike near Tabqa kills two militiamen"
    assert meta.title == "Drone strike near Tabqa | Monitor"
    assert meta.published == "2024-02-13T08:00:00+00:00"
    assert meta.url == "https://example.org/en/1234/"
    assert meta.site_name == "Example Monitor"
    assert meta.language == "en"


def test_html_report_has_main_text_without_boilerplate() -> None:
    report = parse_html_report(PAGE, origin="page.html")
    assert report.title == "Drone strike near Tabqa kills two militiamen"
    assert report.text.startswith(report.title)
    assert "a drone struck a vehicle" in report.text
    assert "movement between the villages" in report.text
    assert "tracking" not in report.text and "Copyright" not in report.text
    assert report.published == date(2024, 2, 13)
    assert report.url == "https://example.org/en/1234/"
    assert report.source == "Example Monitor"


def test_small_fragment_falls_back_to_visible_text() -> None:
    html = "<html><body><p>Clashes near Busra.</p><script>x()</script></body></html>"
    report = parse_html_report(html, origin="tiny.html", published=date(2024, 1, 1))
    assert "Clashes near Busra." in report.text
    assert "x()" not in report.text
    assert report.published == date(2024, 1, 1)


@pytest.mark.parametrize(
    "html",
    ["just words, no markup at all", "<html><head><title>t</title></head><body> </body></html>"],
)
def test_not_html_or_no_text_is_malformed(html: str) -> None:
    with pytest.raises(MalformedInputError):
        parse_html_report(html, origin="bad.html")


def test_html_file_failure_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("plain words only", encoding="utf-8")
    [failure] = read_inputs([path])
    assert isinstance(failure, InputFailure)
    assert str(failure).startswith(f"{path}: not HTML")


def test_html_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    [report] = read_inputs([path])
    assert isinstance(report, Report) and report.origin == str(path)


def test_html_to_text_keeps_paragraphs_apart() -> None:
    assert html_to_text("<p>One &amp; two</p><p>Three</p>") == "One & two\n\nThree"
