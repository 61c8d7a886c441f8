"""Reading the store: reports as added, merged events with filters, and the summary counts.

Plain functions over an open connection; :class:`marsad.store.repository.Store` wraps them
(``Store.events``, ``Store.event``, ``Store.extraction``, ``Store.reports``, ``Store.summary``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from marsad.model import Event, Extraction, Report
from marsad.store.convert import contradiction_from_row, event_from_row, report_from_row
from marsad.store.schema import contradictions, events, linked_events, reports, situations

__all__ = [
    "StoreSummary",
    "StoredEvent",
    "find_event",
    "read_extraction",
    "read_report",
    "read_reports",
    "select_events",
    "summarize",
]


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored: merged across the reports that describe it.

    ``event.event_id`` is the merged event's id (the smallest id of its mentions) and its
    evidence points into ``report_id``; ``sources`` counts the distinct reports supporting it
    (UCDP's number_of_sources), listed in ``report_ids``; ``mentions`` are the event ids of
    each report's account.
    """

    event: Event
    report_id: str
    sources: int = 1
    situation_id: str | None = None
    report_ids: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoreSummary:
    reports: int
    events: int
    events_by_type: Mapping[str, int] = field(default_factory=dict)
    places: int = 0
    situations: int = 0


def read_report(conn: Connection, report_id: str) -> Report | None:
    row = conn.execute(
        select(reports).where(reports.c.report_id == report_id)
    ).mappings().first()
    return None if row is None else report_from_row(row)


def read_reports(conn: Connection, *, limit: int | None = None, offset: int = 0) -> list[Report]:
    """Stored reports, most recently published first (undated last)."""
    query = (
        select(reports)
        .order_by(reports.c.published.desc().nulls_last(), reports.c.report_id)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return [report_from_row(row) for row in conn.execute(query).mappings()]


def read_extraction(conn: Connection, report_id: str) -> Extraction | None:
    """The report with its events and contradictions, exactly as they were added."""
    report = read_report(conn, report_id)
    if report is None:
        return None
    event_rows = conn.execute(
        select(events).where(events.c.report_id == report_id).order_by(events.c.position)
    ).mappings()
    found_events = tuple(event_from_row(r) for r in event_rows)
    contradiction_rows = conn.execute(
        select(contradictions)
        .where(contradictions.c.report_id == report_id)
        .order_by(contradictions.c.position)
    ).mappings()
    found = tuple(contradiction_from_row(r) for r in contradiction_rows)
    return Extraction(report=report, events=found_events, contradictions=found)


def _stored(row: Mapping[Any, Any]) -> StoredEvent:
    return StoredEvent(
        event=event_from_row(row),
        report_id=row["report_id"],
        sources=row["sources"],
        situation_id=row["situation_id"],
        report_ids=tuple(row["report_ids"]),
        mentions=tuple(row["mentions"]),
    )


def _matches(value: str, *, ids: tuple[str, ...], names: tuple[str, ...]) -> ColumnElement[bool]:
    wanted = value.strip()
    return or_(
        *(func.lower(linked_events.c[name]) == wanted.lower() for name in ids),
        *(linked_events.c[name].icontains(wanted, autoescape=True) for name in names),
    )


def select_events(
    conn: Connection,
    *,
    since: date | None = None,
    until: date | None = None,
    event_type: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[StoredEvent]:
    """Merged events, newest first (undated last), filtered (see ``Store.events``)."""
    table = linked_events
    day = func.coalesce(table.c.event_date, table.c.date_start)
    conditions: list[ColumnElement[bool]] = []
    if since is not None:
        conditions.append(day >= since)
    if until is not None:
        conditions.append(day <= until)
    if event_type:
        wanted = event_type.strip().lower()
        conditions.append(
            or_(
                func.lower(table.c.event_type) == wanted,
                func.lower(table.c.sub_event_type) == wanted,
            )
        )
    if actor:
        conditions.append(_matches(actor, ids=("actor1_id", "actor2_id"),
                                   names=("actor1_name", "actor2_name")))
    if place:
        conditions.append(_matches(place, ids=("place_id",),
                                   names=("place_name", "admin1", "admin2")))
    query = (
        select(table)
        .where(*conditions)
        .order_by(day.desc().nulls_last(), table.c.group_id)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return [_stored(row) for row in conn.execute(query).mappings()]


def find_event(conn: Connection, event_id: str) -> StoredEvent | None:
    """The merged event ``event_id`` is, or is part of (a mention's id finds its event)."""
    group = conn.execute(
        select(events.c.group_id).where(events.c.event_id == event_id)
        .order_by(events.c.id).limit(1)
    ).scalar()
    for wanted in (event_id, group):
        row = conn.execute(
            select(linked_events).where(linked_events.c.group_id == wanted)
        ).mappings().first()
        if row is not None:
            return _stored(row)
    return None


def summarize(conn: Connection) -> StoreSummary:
    """How many reports, merged events (by type), distinct places and situations are stored."""
    n_reports = conn.execute(select(func.count()).select_from(reports)).scalar_one()
    by_type = {
        str(t): int(n) for t, n in conn.execute(
            select(linked_events.c.event_type, func.count())
            .group_by(linked_events.c.event_type)
            .order_by(linked_events.c.event_type)
        )
    }
    n_places = conn.execute(
        select(func.count(func.distinct(linked_events.c.place_id)))
    ).scalar_one()
    n_situations = conn.execute(select(func.count()).select_from(situations)).scalar_one()
    return StoreSummary(
        reports=int(n_reports),
        events=sum(by_type.values()),
        events_by_type=by_type,
        places=int(n_places),
        situations=int(n_situations),
    )
