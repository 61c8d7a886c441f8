"""The public JSON contract: what ``marsad extract --format json`` prints and the HTTP API serves.

The pydantic models below mirror issue 2's contract field for field; their names are stable.
:func:`extraction_to_dict` and :func:`event_to_dict` turn the internal frozen dataclasses of
:mod:`marsad.model` into plain JSON-ready dicts (dates as ``YYYY-MM-DD``, evidence spans as
``[start, end]`` lists of character offsets into the report text), and :func:`json_schema` gives
the JSON Schema that ``marsad schema`` prints.

>>> from marsad.model import Event, Extraction, Report, Span
>>> report = Report(report_id="r1", text="Clashes in Daraa.")
>>> event = Event(event_id="r1:0", event_type="Battles", sub_event_type="Armed clash",
...               evidence={"event": Span(0, 7)})
>>> doc = extraction_to_dict(Extraction(report=report, events=(event,)))
>>> doc["events"][0]["evidence"]
{'event': [0, 7]}
>>> ReportOut.model_validate(doc).report_id
'r1'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from marsad.model import (
    Actor,
    Contradiction,
    Event,
    Extraction,
    Location,
    Place,
    Situation,
    SituationRef,
    Span,
)

__all__ = [
    "ActorOut",
    "ContradictionOut",
    "Document",
    "EventOut",
    "FatalitiesOut",
    "LocationOut",
    "PloverOut",
    "ReportOut",
    "SituationOut",
    "SituationRefOut",
    "actor_to_dict",
    "contradiction_to_dict",
    "document_to_dict",
    "event_to_dict",
    "extraction_to_dict",
    "json_schema",
    "place_to_dict",
    "situation_to_dict",
    "stored_event_to_dict",
]

SpanList = list[int]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PloverOut(_Model):
    """The event's PLOVER category and mode."""

    event_type: str
    mode: str | None


class ActorOut(_Model):
    """A canonical actor from the registry; ``inter`` is ACLED's actor-type code (1-8)."""

    id: str
    name: str
    inter: int


class LocationOut(_Model):
    """Where the event happened: a gazetteer place and ACLED's geo-precision (1 exact, 3 region)."""

    id: str
    name: str
    latitude: float
    longitude: float
    admin1: str | None
    admin2: str | None
    admin3: str | None
    country: str
    iso3: str
    geo_precision: Literal[1, 2, 3]


class FatalitiesOut(_Model):
    """Reported deaths: ``low <= best <= high`` (equal unless the report gives a range)."""

    low: int = Field(ge=0)
    best: int = Field(ge=0)
    high: int = Field(ge=0)


class SituationRefOut(_Model):
    """The ongoing state (siege, blockade, curfew ...) the event belongs to, and its day count."""

    id: str | None
    kind: str
    day: int | None
    start_date: date | None


class EventOut(_Model):
    """One ACLED-style event: one event type, one place, one day (or interval)."""

    event_id: str
    event_date: date | None
    date_start: date | None
    date_end: date | None
    time_precision: Literal[1, 2, 3]
    event_type: str
    sub_event_type: str
    plover: PloverOut | None
    cameo: str | None
    actor1: ActorOut | None
    actor2: ActorOut | None
    assoc_actors: list[ActorOut]
    location: LocationOut | None
    fatalities: FatalitiesOut
    injured: int | None
    situation: SituationRefOut | None
    attribution: str | None
    background: bool
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: dict[str, SpanList] = Field(
        description="Field name -> [start, end) character offsets into the report text; "
        "always has 'event'."
    )
    summary: str


class ContradictionOut(_Model):
    """Two or more values the report gives for one thing, each with its evidence span."""

    field: str
    values: list[str | int]
    evidence: list[SpanList]
    report_ids: list[str] = Field(
        default_factory=list,
        description="The report each evidence span is in, in the same order; empty when all "
        "are in the report at hand.",
    )


class ReportOut(_Model):
    """One report and the events extracted from it."""

    report_id: str
    title: str | None
    source: str | None
    url: str | None
    published: date | None
    language: str
    events: list[EventOut]
    contradictions: list[ContradictionOut]


class Document(_Model):
    """The whole output of ``marsad extract --format json``."""

    reports: list[ReportOut]


class SituationOut(_Model):
    """An ongoing state tracked across reports (served by the API and ``marsad situations``)."""

    id: str
    kind: str
    status: str
    start_date: date | None
    last_report_date: date | None
    day: int | None
    actor1: ActorOut | None
    actor2: ActorOut | None
    places: list[LocationOut]
    report_ids: list[str]
    contradictions: list[ContradictionOut]
    start_low: date | None = Field(
        default=None, description="The earliest start date the reports' day counts imply."
    )
    start_high: date | None = Field(
        default=None, description="The latest start date the reports' day counts imply."
    )
    lifted_date: date | None = Field(
        default=None, description="The date of the report that says it ended (if lifted)."
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _span(span: Span) -> list[int]:
    return [span.start, span.end]


def actor_to_dict(actor: Actor | None) -> dict[str, Any] | None:
    """``{"id", "name", "inter"}`` or ``None``."""
    if actor is None:
        return None
    return {"id": actor.id, "name": actor.name, "inter": actor.inter}


def place_to_dict(place: Place, *, geo_precision: int) -> dict[str, Any]:
    """The contract's ``location`` object for ``place``."""
    return {
        "id": place.id,
        "name": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": place.admin3,
        "country": place.country,
        "iso3": place.iso3,
        "geo_precision": geo_precision,
    }


def _location(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return place_to_dict(location.place, geo_precision=location.geo_precision)


def _situation_ref(ref: SituationRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"id": ref.id, "kind": ref.kind, "day": ref.day, "start_date": _iso(ref.start_date)}


def event_to_dict(ev: Event) -> dict[str, Any]:
    """One event as the contract's JSON object (keys in the issue's order)."""
    return {
        "event_id": ev.event_id,
        "event_date": _iso(ev.event_date),
        "date_start": _iso(ev.date_start),
        "date_end": _iso(ev.date_end),
        "time_precision": ev.time_precision,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "plover": (
            {"event_type": ev.plover.event_type, "mode": ev.plover.mode}
            if ev.plover is not None
            else None
        ),
        "cameo": ev.cameo,
        "actor1": actor_to_dict(ev.actor1),
        "actor2": actor_to_dict(ev.actor2),
        "assoc_actors": [actor_to_dict(a) for a in ev.assoc_actors],
        "location": _location(ev.location),
        "fatalities": {
            "low": ev.fatalities.low,
            "best": ev.fatalities.best,
            "high": ev.fatalities.high,
        },
        "injured": ev.injured,
        "situation": _situation_ref(ev.situation),
        "attribution": ev.attribution,
        "background": ev.background,
        "confidence": ev.confidence,
        "evidence": {name: _span(span) for name, span in ev.evidence.items()},
        "summary": ev.summary,
    }


def stored_event_to_dict(
    ev: Event, *, report_id: str, sources: int | None = None, situation_id: str | None = None
) -> dict[str, Any]:
    """A stored event: the contract's object plus ``report_id`` (and ``sources`` when given).

    ``situation_id`` (the tracked situation the store linked the event to) fills
    ``situation.id`` when the event itself carries none.
    """
    record = event_to_dict(ev)
    ref = record["situation"]
    if situation_id is not None and ref is not None and ref["id"] is None:
        ref["id"] = situation_id
    record["report_id"] = report_id
    if sources is not None:
        record["sources"] = sources
    return record


def contradiction_to_dict(c: Contradiction) -> dict[str, Any]:
    """``{"field", "values", "evidence", "report_ids"}`` with evidence as ``[start, end]`` lists.

    ``report_ids`` names the report of each evidence span (empty: the report at hand).
    """
    return {
        "field": c.field,
        "values": list(c.values),
        "evidence": [_span(s) for s in c.evidence],
        "report_ids": list(c.report_ids),
    }


def extraction_to_dict(ex: Extraction) -> dict[str, Any]:
    """One report object of the contract's ``reports`` list."""
    report = ex.report
    return {
        "report_id": report.report_id,
        "title": report.title,
        "source": report.source,
        "url": report.url,
        "published": _iso(report.published),
        "language": report.language,
        "events": [event_to_dict(ev) for ev in ex.events],
        "contradictions": [contradiction_to_dict(c) for c in ex.contradictions],
    }


def document_to_dict(extractions: Iterable[Extraction]) -> dict[str, Any]:
    """The whole contract document: ``{"reports": [...]}``."""
    return {"reports": [extraction_to_dict(ex) for ex in extractions]}


def situation_to_dict(s: Situation) -> dict[str, Any]:
    """A tracked situation as JSON (the shape of :class:`SituationOut`).

    Places carry ``geo_precision`` 1 for towns and smaller, 2 for districts, 3 for governorates.
    """
    return {
        "id": s.id,
        "kind": s.kind,
        "status": s.status,
        "start_date": _iso(s.start_date),
        "last_report_date": _iso(s.last_report_date),
        "day": s.day,
        "actor1": actor_to_dict(s.actor1),
        "actor2": actor_to_dict(s.actor2),
        "places": [place_to_dict(p, geo_precision=_precision_of(p)) for p in s.places],
        "report_ids": list(s.report_ids),
        "contradictions": [contradiction_to_dict(c) for c in s.contradictions],
        "start_low": _iso(s.start_low),
        "start_high": _iso(s.start_high),
        "lifted_date": _iso(s.lifted_date),
    }


def _precision_of(place: Place) -> int:
    if place.feature == "governorate":
        return 3
    if place.feature in {"district", "subdistrict"}:
        return 2
    return 1


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the contract document ``{"reports": [...]}``."""
    schema = Document.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Marsad extraction"
    return schema
