"""Model records to table rows and back, losslessly (``row -> record -> row`` is the identity)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from marsad.model import (
    Actor,
    Contradiction,
    Event,
    Fatalities,
    Location,
    Place,
    Plover,
    Report,
    Situation,
    SituationRef,
    Span,
)

__all__ = [
    "actor_columns",
    "actor_from",
    "contradiction_from_row",
    "contradiction_row",
    "event_from_row",
    "event_row",
    "place_from_json",
    "place_json",
    "report_from_row",
    "report_row",
    "situation_from_row",
    "situation_row",
]

Row = Mapping[Any, Any]


def report_row(report: Report, *, content_hash: str, ingested_at: datetime) -> dict[str, Any]:
    return {
        "report_id": report.report_id,
        "content_hash": content_hash,
        "title": report.title,
        "source": report.source,
        "url": report.url,
        "published": report.published,
        "language": report.language,
        "origin": report.origin,
        "text": report.text,
        "ingested_at": ingested_at,
    }


def report_from_row(row: Row) -> Report:
    return Report(
        report_id=row["report_id"],
        text=row["text"],
        title=row["title"],
        source=row["source"],
        url=row["url"],
        published=row["published"],
        language=row["language"],
        origin=row["origin"],
    )


def actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    return {
        f"{prefix}_id": actor.id if actor else None,
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_inter": actor.inter if actor else None,
        f"{prefix}_parent": actor.parent if actor else None,
    }


def actor_from(row: Row, prefix: str) -> Actor | None:
    if row[f"{prefix}_id"] is None:
        return None
    return Actor(
        id=row[f"{prefix}_id"],
        name=row[f"{prefix}_name"],
        inter=row[f"{prefix}_inter"],
        parent=row[f"{prefix}_parent"],
    )


def _actor_json(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "inter": actor.inter, "parent": actor.parent}


def _actor_from_json(data: Mapping[str, Any]) -> Actor:
    return Actor(id=data["id"], name=data["name"], inter=data["inter"], parent=data["parent"])


_PLACE_FIELDS = (
    "id", "name", "latitude", "longitude", "feature", "admin1", "admin2", "admin3",
    "country", "iso3", "population", "name_ar",
)


def place_json(place: Place) -> dict[str, Any]:
    return {name: getattr(place, name) for name in _PLACE_FIELDS}


def place_from_json(data: Mapping[str, Any]) -> Place:
    return Place(**{name: data[name] for name in _PLACE_FIELDS})


def _place_columns(location: Location | None) -> dict[str, Any]:
    place = location.place if location else None
    columns = {
        ("place_id" if name == "id" else "place_name" if name == "name" else name): (
            getattr(place, name) if place else None
        )
        for name in _PLACE_FIELDS
    }
    columns["geo_precision"] = location.geo_precision if location else None
    return columns


def _location_from(row: Row) -> Location | None:
    if row["place_id"] is None:
        return None
    place = Place(
        id=row["place_id"],
        name=row["place_name"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        feature=row["feature"],
        admin1=row["admin1"],
        admin2=row["admin2"],
        admin3=row["admin3"],
        country=row["country"],
        iso3=row["iso3"],
        population=row["population"],
        name_ar=row["name_ar"],
    )
    return Location(place=place, geo_precision=row["geo_precision"])


def event_row(
    event: Event, *, report_id: str, position: int, situation_id: str | None
) -> dict[str, Any]:
    ref = event.situation
    return {
        "report_id": report_id,
        "position": position,
        "event_id": event.event_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "event_date": event.event_date,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "time_precision": event.time_precision,
        "plover_event_type": event.plover.event_type if event.plover else None,
        "plover_mode": event.plover.mode if event.plover else None,
        "cameo": event.cameo,
        **actor_columns("actor1", event.actor1),
        **actor_columns("actor2", event.actor2),
        "assoc_actors": [_actor_json(actor) for actor in event.assoc_actors],
        **_place_columns(event.location),
        "fatalities_low": event.fatalities.low,
        "fatalities_best": event.fatalities.best,
        "fatalities_high": event.fatalities.high,
        "injured": event.injured,
        "situation_kind": ref.kind if ref else None,
        "situation_day": ref.day if ref else None,
        "situation_start_date": ref.start_date if ref else None,
        "situation_ref_id": ref.id if ref else None,
        "situation_id": situation_id,
        "attribution": event.attribution,
        "background": event.background,
        "confidence": event.confidence,
        "summary": event.summary,
        "evidence": {name: span.as_list() for name, span in event.evidence.items()},
    }


def event_from_row(row: Row) -> Event:
    situation = None
    if row["situation_kind"] is not None:
        situation = SituationRef(
            kind=row["situation_kind"],
            day=row["situation_day"],
            start_date=row["situation_start_date"],
            id=row["situation_ref_id"],
        )
    plover = None
    if row["plover_event_type"] is not None:
        plover = Plover(event_type=row["plover_event_type"], mode=row["plover_mode"])
    return Event(
        event_id=row["event_id"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        evidence={name: Span(*span) for name, span in row["evidence"].items()},
        event_date=row["event_date"],
        date_start=row["date_start"],
        date_end=row["date_end"],
        time_precision=row["time_precision"],
        plover=plover,
        cameo=row["cameo"],
        actor1=actor_from(row, "actor1"),
        actor2=actor_from(row, "actor2"),
        assoc_actors=tuple(_actor_from_json(data) for data in row["assoc_actors"]),
        location=_location_from(row),
        fatalities=Fatalities(
            low=row["fatalities_low"], best=row["fatalities_best"], high=row["fatalities_high"]
        ),
        injured=row["injured"],
        situation=situation,
        attribution=row["attribution"],
        background=bool(row["background"]),
        confidence=row["confidence"],
        summary=row["summary"],
    )


def _value_json(value: str | int) -> dict[str, str | int]:
    # keep "3" and 3 apart through JSON
    return {"int": value} if isinstance(value, int) else {"str": value}


def contradiction_row(
    contradiction: Contradiction, *, report_id: str, position: int
) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "position": position,
        "field": contradiction.field,
        "subject": contradiction.subject,
        "values": [_value_json(value) for value in contradiction.values],
        "evidence": [span.as_list() for span in contradiction.evidence],
    }


def contradiction_from_row(row: Row) -> Contradiction:
    values: Sequence[Mapping[str, str | int]] = row["values"]
    return Contradiction(
        field=row["field"],
        values=tuple(next(iter(value.values())) for value in values),
        evidence=tuple(Span(*span) for span in row["evidence"]),
        subject=row["subject"],
    )


def situation_row(situation: Situation, *, key: str) -> dict[str, Any]:
    return {
        "id": situation.id,
        "key": key,
        "kind": situation.kind,
        "status": situation.status,
        "start_date": situation.start_date,
        "last_report_date": situation.last_report_date,
        "day": situation.day,
        **actor_columns("actor1", situation.actor1),
        **actor_columns("actor2", situation.actor2),
        "places": [place_json(place) for place in situation.places],
        "start_low": situation.start_low,
        "start_high": situation.start_high,
        "lifted_date": situation.lifted_date,
    }


def situation_from_row(
    row: Row,
    *,
    report_ids: tuple[str, ...] = (),
    contradictions: tuple[Contradiction, ...] = (),
) -> Situation:
    start: date | None = row["start_date"]
    return Situation(
        id=row["id"],
        kind=row["kind"],
        status=row["status"],
        start_date=start,
        last_report_date=row["last_report_date"],
        day=row["day"],
        actor1=actor_from(row, "actor1"),
        actor2=actor_from(row, "actor2"),
        places=tuple(place_from_json(data) for data in row["places"]),
        report_ids=report_ids,
        contradictions=contradictions,
        start_low=row.get("start_low"),
        start_high=row.get("start_high"),
        lifted_date=row.get("lifted_date"),
    )
