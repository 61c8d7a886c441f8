"""Write events as ACLED CSV, GeoJSON or JSON Lines, streaming (constant memory).

Each writer takes events (:class:`marsad.model.Event`, or stored events that carry ``.event`` and
``.report_id``) and an open text file, and returns how many events it wrote.

>>> import io
>>> from marsad.model import Event, Span
>>> ev = Event(event_id="r1:0", event_type="Battles", sub_event_type="Armed clash",
...            evidence={"event": Span(0, 7)})
>>> buf = io.StringIO()
>>> write_jsonl([ev], buf)
1
>>> buf.getvalue().startswith('{"event_id": "r1:0"')
True
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TextIO

from marsad.contract import event_to_dict, stored_event_to_dict
from marsad.model import Event

__all__ = [
    "ACLED_COLUMNS",
    "StoredLike",
    "acled_row",
    "write_acled_csv",
    "write_geojson",
    "write_jsonl",
]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# ACLED's disorder type of each event type (since 2023, mob violence counts as political violence).
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_MOB_VIOLENCE = "Mob violence"
# ISO 3166-1 numeric code and ACLED region of the countries Syrian monitors report on.
_COUNTRY = {
    "SYR": (760, "Middle East"),
    "IRQ": (368, "Middle East"),
    "LBN": (422, "Middle East"),
    "JOR": (400, "Middle East"),
    "ISR": (376, "Middle East"),
    "TUR": (792, "Middle East"),
}
_CIVILIANS_INTER = 7


class StoredLike(Protocol):
    """A stored event: the event and the report it came from (``marsad.store`` ``StoredEvent``)."""

    @property
    def event(self) -> Event: ...

    @property
    def report_id(self) -> str: ...

    @property
    def situation_id(self) -> str | None: ...


Exportable = Event | StoredLike
SourceLookup = Callable[[str], str | None]


def _unwrap(item: Exportable) -> tuple[Event, str | None]:
    if isinstance(item, Event):
        return item, None
    return item.event, item.report_id


def _interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: the two inter codes, smaller first (``17``); one actor: ``10``."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return ""
    if len(codes) == 1:
        return str(codes[0] * 10)
    return f"{codes[0]}{codes[1]}"


def _tags(ev: Event) -> str:
    tags: list[str] = []
    if ev.situation is not None:
        tag = ev.situation.kind
        if ev.situation.day is not None:
            tag += f" day={ev.situation.day}"
        tags.append(tag)
    if ev.attribution:
        tags.append(f"attribution={ev.attribution}")
    if ev.background:
        tags.append("background")
    if ev.fatalities.low != ev.fatalities.high:
        tags.append(f"fatalities={ev.fatalities.low}-{ev.fatalities.high}")
    if ev.injured is not None:
        tags.append(f"injured={ev.injured}")
    return "; ".join(tags)


def acled_row(
    ev: Event, *, source: str | None = None, timestamp: int | None = None
) -> dict[str, str | int | float]:
    """One event as an ACLED row (keys are :data:`ACLED_COLUMNS`, empty string when unknown)."""
    inter1 = ev.actor1.inter if ev.actor1 else None
    inter2 = ev.actor2.inter if ev.actor2 else None
    disorder = _DISORDER.get(ev.event_type, "")
    if ev.sub_event_type == _MOB_VIOLENCE:
        disorder = "Political violence"
    place = ev.location.place if ev.location else None
    iso, region = _COUNTRY.get(place.iso3, ("", "")) if place else ("", "")
    targeting = "Civilian targeting" if inter2 == _CIVILIANS_INTER else ""
    return {
        "event_id_cnty": ev.event_id,
        "event_date": ev.event_date.isoformat() if ev.event_date else "",
        "year": ev.event_date.year if ev.event_date else "",
        "time_precision": ev.time_precision,
        "disorder_type": disorder,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1.name if ev.actor1 else "",
        "assoc_actor_1": "; ".join(a.name for a in ev.assoc_actors),
        "inter1": inter1 if inter1 is not None else "",
        "actor2": ev.actor2.name if ev.actor2 else "",
        "assoc_actor_2": "",
        "inter2": inter2 if inter2 is not None else "",
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": targeting,
        "iso": iso,
        "region": region,
        "country": place.country if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (place.admin2 or "") if place else "",
        "admin3": (place.admin3 or "") if place else "",
        "location": place.name if place else "",
        "latitude": place.latitude if place else "",
        "longitude": place.longitude if place else "",
        "geo_precision": ev.location.geo_precision if ev.location else "",
        "source": source or "",
        "source_scale": "",
        "notes": ev.summary,
        "fatalities": ev.fatalities.best,
        "tags": _tags(ev),
        "timestamp": timestamp if timestamp is not None else int(time.time()),
    }


def write_acled_csv(
    events: Iterable[Exportable],
    fh: TextIO,
    *,
    source_of: SourceLookup | None = None,
    timestamp: int | None = None,
) -> int:
    """Write ACLED-format CSV (header + one row per event); return the number of rows.

    ``source_of(report_id)`` fills the ``source`` column for stored events; ``timestamp`` (Unix
    seconds, default now) fills ``timestamp``, ACLED's upload time.
    """
    stamp = timestamp if timestamp is not None else int(time.time())
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for item in events:
        ev, report_id = _unwrap(item)
        source = source_of(report_id) if source_of is not None and report_id else None
        writer.writerow(acled_row(ev, source=source, timestamp=stamp))
        count += 1
    return count


def _record(item: Exportable) -> dict[str, Any]:
    if isinstance(item, Event):
        return event_to_dict(item)
    return stored_event_to_dict(
        item.event, report_id=item.report_id, situation_id=item.situation_id
    )


def write_geojson(events: Iterable[Exportable], fh: TextIO) -> int:
    """Write a GeoJSON FeatureCollection, one Point feature per event; return the count.

    Properties are the contract's event object (plus ``report_id`` for stored events); an event
    with no location gets ``"geometry": null``, as RFC 7946 allows.
    """
    fh.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for item in events:
        record = _record(item)
        loc = record["location"]
        geometry = (
            {"type": "Point", "coordinates": [loc["longitude"], loc["latitude"]]}
            if loc is not None
            else None
        )
        feature = {
            "type": "Feature",
            "id": record["event_id"],
            "geometry": geometry,
            "properties": record,
        }
        fh.write(",\n" if count else "\n")
        fh.write(json.dumps(feature, ensure_ascii=False))
        count += 1
    fh.write("\n]}\n")
    return count


def write_jsonl(events: Iterable[Exportable], fh: TextIO) -> int:
    """Write one contract event object per line (plus ``report_id`` for stored events)."""
    count = 0
    for item in events:
        fh.write(json.dumps(_record(item), ensure_ascii=False))
        fh.write("\n")
        count += 1
    return count
