"""Situations (sieges, blockades, curfews ...) followed across reports.

For now an event that carries a :class:`~marsad.model.SituationRef` joins the situation of the
same kind, at the same place, imposed by the same actor (:func:`situation_key`).  Real
cross-report linking (aliases, nearby places, actor hierarchies) will replace the key; the update
rule (:func:`update_situation`) is a pure function so that it can be tested and swapped alone.

>>> from datetime import date
>>> from marsad.model import Event, SituationRef, Span
>>> event = Event("e1", "Strategic developments", "Other", {"event": Span(0, 5)},
...               situation=SituationRef("siege", day=13))
>>> situation_key(event)
'siege|-|-'
>>> update_situation(None, event, report_id="r1", report_date=date(2021, 1, 24)).day
13
"""

from __future__ import annotations

import hashlib
from datetime import date

from marsad.model import Event, Situation

__all__ = ["situation_id", "situation_key", "update_situation"]


def situation_key(event: Event) -> str:
    """``kind|place id|actor1 id`` (``-`` for what is unknown); raises if no situation."""
    if event.situation is None:
        raise ValueError(f"event {event.event_id} belongs to no situation")
    place = event.location.place.id if event.location is not None else "-"
    actor = event.actor1.id if event.actor1 is not None else "-"
    return f"{event.situation.kind.strip().lower()}|{place}|{actor}"


def situation_id(key: str) -> str:
    """A stable id for a situation key: ``"s"`` + 16 hex of its SHA-256."""
    return "s" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _start(event: Event) -> date | None:
    ref = event.situation
    if ref is not None and ref.start_date is not None:
        return ref.start_date
    return event.date_start or event.event_date


def _earliest(a: date | None, b: date | None) -> date | None:
    if a is None or b is None:
        return a or b
    return min(a, b)


def update_situation(
    current: Situation | None, event: Event, *, report_id: str, report_date: date
) -> Situation:
    """The situation after ``event`` (read in a report dated ``report_date``) is added to it.

    ``start_date`` is the earliest start seen; ``day`` the day count of the latest report
    (the larger one when two reports share a date, an earlier report only fills a gap);
    ``last_report_date`` the latest report date; the status stays ``ongoing``.
    """
    ref = event.situation
    if ref is None:
        raise ValueError(f"event {event.event_id} belongs to no situation")
    place = (event.location.place,) if event.location is not None else ()
    if current is None:
        key = situation_key(event)
        return Situation(
            id=situation_id(key),
            kind=ref.kind.strip().lower(),
            status="ongoing",
            start_date=_start(event),
            last_report_date=report_date,
            day=ref.day,
            actor1=event.actor1,
            actor2=event.actor2,
            places=place,
            report_ids=(report_id,),
        )
    last = current.last_report_date
    day = current.day
    if ref.day is not None:
        if last is None or report_date > last or day is None:
            day = ref.day
        elif report_date == last:
            day = max(day, ref.day)
    places = current.places + tuple(p for p in place if p not in current.places)
    reports = current.report_ids
    if report_id not in reports:
        reports = (*reports, report_id)
    return Situation(
        id=current.id,
        kind=current.kind,
        status=current.status,
        start_date=_earliest(current.start_date, _start(event)),
        last_report_date=report_date if last is None else max(last, report_date),
        day=day,
        actor1=current.actor1 or event.actor1,
        actor2=current.actor2 or event.actor2,
        places=places,
        report_ids=reports,
        contradictions=current.contradictions,
    )
