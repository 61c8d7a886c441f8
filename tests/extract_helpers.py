"""Shared helpers for the extraction tests: run the real extractor on an invented report."""

from __future__ import annotations

from datetime import date

from marsad.extraction import extract_report
from marsad.model import Event, Report
from marsad.resources import load_resources

DEFAULT_PUBLISHED = date(2024, 1, 10)


def live_events(text: str, *, published: date | None = DEFAULT_PUBLISHED) -> list[Event]:
    """The events ``text`` yields that are not background (retold) events."""
    report = Report(report_id="t1", text=text, published=published)
    return [e for e in extract_report(report, resources=load_resources()).events
            if not e.background]


def coded(text: str, events: list[Event]) -> list[tuple[str, str, str]]:
    """(event type, sub-event type, the report's words for the place) of each placed event."""
    return [
        (e.event_type, e.sub_event_type, e.evidence["location"].text(text))
        for e in events
        if "location" in e.evidence
    ]
