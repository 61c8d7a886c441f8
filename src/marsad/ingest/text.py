"""Plain-text reports: optional leading ``key: value`` header lines, then the report.

::

    published: 2024-03-02
    source: SOHR
    url: https://example.org/report/1

    For the fifth day in a row, ...

Recognised keys are ``published``, ``date``, ``source``, ``url``, ``title`` and ``language``;
the header ends at the first line that is not one of them.  The report text kept is
everything after the header (verbatim); the title is the ``title:`` header when given, else the
first non-empty line of the text.
"""

from __future__ import annotations

import re
from datetime import date

from marsad.ingest.base import make_report, parse_published
from marsad.model import Report

__all__ = ["parse_text_report", "split_header"]

_HEADER_KEYS = frozenset({"published", "date", "source", "url", "title", "language"})
_HEADER_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:\s?(.*?)\s*$")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split leading ``key: value`` lines off ``text``; return them and the body verbatim."""
    header: dict[str, str] = {}
    offset = 0
    while offset < len(text):
        end = text.find("\n", offset)
        line_end = len(text) if end == -1 else end + 1
        line = text[offset:line_end]
        match = _HEADER_LINE.match(line.rstrip("\r\n"))
        if match is None or match.group(1).lower() not in _HEADER_KEYS:
            break
        header[match.group(1).lower()] = match.group(2)
        offset = line_end
    if not header:
        return {}, text
    body = text[offset:]
    stripped = body.lstrip("\r\n")
    return header, stripped


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def parse_text_report(
    text: str,
    *,
    origin: str,
    published: date | None = None,
    source: str | None = None,
) -> Report:
    """One report from decoded text; header values win over the defaults."""
    header, body = split_header(text)
    raw_date = header.get("published") or header.get("date")
    return make_report(
        body,
        origin=origin,
        title=header.get("title") or _first_line(body),
        source=header.get("source") or source,
        url=header.get("url"),
        published=parse_published(raw_date, origin) or published,
        language=header.get("language"),
    )
