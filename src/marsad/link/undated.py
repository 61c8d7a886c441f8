"""What linking does with reports that carry no date at all.

Linking compares reports by date.  A report with no publication date is dated by the day it
was ingested, which glues together the reports of an undated archive ingested on one day,
whatever years they were written in.  The ``undated`` policy chooses:

``ingest-date`` (default)
    date such a report by its ingest date and link it like any other;
``skip-linking``
    store its events, but merge none with other reports' events and put none into a
    situation that spans reports (the situation inside the report is still tracked).

A report counts as undated when it has no publication date and the extractor found no
absolute date in its text (without a publication date only absolute dates are resolved).

>>> from marsad.model import Extraction, Report
>>> is_undated(Extraction(report=Report(report_id="r1", text="Clashes."), events=()))
True
>>> undated_policy("skip-linking")
'skip-linking'
"""

from __future__ import annotations

from typing import Literal

from marsad.errors import ConfigError
from marsad.model import Extraction

__all__ = ["UNDATED_POLICIES", "Undated", "is_undated", "undated_policy"]

Undated = Literal["ingest-date", "skip-linking"]

#: The policies, the default first.
UNDATED_POLICIES: tuple[Undated, ...] = ("ingest-date", "skip-linking")


def undated_policy(value: str) -> Undated:
    """``value`` as a policy; :class:`~marsad.errors.ConfigError` when it is none of them."""
    if value not in UNDATED_POLICIES:
        choices = ", ".join(UNDATED_POLICIES)
        raise ConfigError(f"undated: {value!r} is not one of {choices}")
    return value


def is_undated(extraction: Extraction) -> bool:
    """Whether neither the report nor any of its events gives a date."""
    if extraction.report.published is not None:
        return False
    for ev in extraction.events:
        if ev.event_date is not None or ev.date_start is not None or ev.date_end is not None:
            return False
        if ev.situation is not None and ev.situation.start_date is not None:
            return False
    return True
