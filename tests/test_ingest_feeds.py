"""RSS and Atom feeds: one report per item; DTDs and entities refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.ingest import InputFailure, read_inputs
from marsad.model import Report

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Monitor</title>
<item>
  <title>Protest in the city square of Busra</title>
  <link>https://example.org/en/1/</link>
  <pubDate>Fri, 01 Mar 2024 10:00:00 +0000</pubDate>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>Dozens of residents gathered in the main square
  to demand the release of detainees.</p><p>No arrests were reported.</p>]]></content:encoded>
</item>
<item>
  <title>Shelling on the outskirts of Maarat Misrin</title>
  <link>https://example.org/en/2/</link>
  <description>&lt;p&gt;Artillery shells fell near the school.&lt;/p&gt;</description>
</item>
<item><link>https://example.org/en/3/</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom Monitor</title>
  <entry>
    <title>Arrests in the Tabqa countryside</title>
    <link rel="alternate" href="https://example.org/atom/7"/>
    <id>urn:example:7</id>
    <updated>2024-03-03T12:00:00Z</updated>
    <summary type="html">&lt;p&gt;Security forces arrested four young men
      at a checkpoint.&lt;/p&gt;</summary>
  </entry>
</feed>"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rss_items_become_reports_and_an_empty_item_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, "feed.rss", RSS)
    items = list(read_inputs([path], published=date(2024, 3, 5)))
    first, second, third = items
    assert isinstance(first, Report) and isinstance(second, Report)
    assert first.title == "Protest in the city square of Busra"
    assert first.text.startswith(first.title + "\n\n")
    assert "demand the release of detainees" in first.text and "teaser" not in first.text
    assert first.published == date(2024, 3, 1)
    assert first.url == "https://example.org/en/1/"
    assert first.source == "Example Monitor"
    assert first.origin == f"{path}#1"
    assert "Artillery shells fell near the school." in second.text
    assert second.published == date(2024, 3, 5)  # the default fills the gap
    assert isinstance(third, InputFailure) and third.source == f"{path}#3"


def test_atom_entries_become_reports(tmp_path: Path) -> None:
    [report] = read_inputs([_write(tmp_path, "feed.atom", ATOM)])
    assert isinstance(report, Report)
    assert report.url == "https://example.org/atom/7"
    assert report.published == date(2024, 3, 3)
    assert report.source == "Example Atom Monitor"
    assert "arrested four young men" in report.text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
            "<rss><channel><item><title>&lol;</title></item></channel></rss>",
            "DTD or entities",
        ),
        ("<rss><channel><item><title>unclosed</channel></rss>", "malformed feed XML"),
        ("<html><body>not a feed</body></html>", "not an RSS or Atom feed"),
        ("<rss><channel><title>nothing</title></channel></rss>", "no items"),
    ],
)
def test_bad_feeds_are_one_line_failures(tmp_path: Path, text: str, reason: str) -> None:
    path = _write(tmp_path, "bad.xml", text)
    [failure] = read_inputs([path])
    assert isinstance(failure, InputFailure)
    assert str(failure).startswith(f"{path}: ")
    assert reason in str(failure)
