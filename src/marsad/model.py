"""The records Marsad passes between stages: frozen, typed, and each value traceable to text.

A :class:`Report` goes in; an :class:`Extraction` (the report, its :class:`Event` list and the
:class:`Contradiction` list found inside it) comes out.  Every extracted field keeps the
:class:`Span` of the report text it came from in :attr:`Event.evidence`.

Offsets are Python ``str`` indices (code points) into :attr:`Report.text` exactly as stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

__all__ = [
    "Actor",
    "Contradiction",
    "Event",
    "Extraction",
    "Fatalities",
    "Location",
    "Place",
    "Plover",
    "Report",
    "Situation",
    "SituationRef",
    "Span",
]


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` in a report's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def text(self, source: str) -> str:
        """The words this span covers in ``source``."""
        return source[self.start : self.end]

    def as_list(self) -> list[int]:
        return [self.start, self.end]

    def cover(self, other: Span) -> Span:
        """The smallest span covering both."""
        return Span(min(self.start, other.start), max(self.end, other.end))


@dataclass(frozen=True, slots=True)
class Report:
    """One field report as ingested.  ``text`` is kept verbatim; offsets point into it."""

    report_id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    language: str = "en"
    origin: str | None = None  # file path or "-" the report was read from


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor from the registry (``data/actors.yaml``)."""

    id: str
    name: str
    inter: int  # ACLED inter code: 1 state forces ... 8 external/other forces
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    id: str
    name: str
    latitude: float
    longitude: float
    feature: str  # governorate, district, subdistrict, town, neighbourhood, camp, airbase, ...
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    country: str = "Syria"
    iso3: str = "SYR"
    population: int | None = None
    name_ar: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened: a place and ACLED's geo-precision (1 exact ... 3 region)."""

    place: Place
    geo_precision: int


@dataclass(frozen=True, slots=True)
class Fatalities:
    low: int = 0
    best: int = 0
    high: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.best <= self.high:
            raise ValueError(f"fatalities must satisfy 0 <= low <= best <= high: {self}")


@dataclass(frozen=True, slots=True)
class Plover:
    event_type: str
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class SituationRef:
    """An ongoing state (siege, blockade, curfew ...) an event belongs to."""

    kind: str
    day: int | None = None
    start_date: date | None = None
    id: str | None = None


def _frozen_mapping(value: Mapping[str, Span]) -> Mapping[str, Span]:
    return MappingProxyType(dict(value))


@dataclass(frozen=True, slots=True)
class Event:
    """One ACLED-style event: one type, one place, one day (or interval)."""

    event_id: str
    event_type: str
    sub_event_type: str
    evidence: Mapping[str, Span]
    event_date: date | None = None
    date_start: date | None = None
    date_end: date | None = None
    time_precision: int = 3
    plover: Plover | None = None
    cameo: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actors: tuple[Actor, ...] = ()
    location: Location | None = None
    fatalities: Fatalities = field(default_factory=Fatalities)
    injured: int | None = None
    situation: SituationRef | None = None
    attribution: str | None = None
    background: bool = False
    confidence: float = 0.5
    summary: str = ""

    def __post_init__(self) -> None:
        if "event" not in self.evidence:
            raise ValueError(f"event {self.event_id} has no 'event' evidence span")
        object.__setattr__(self, "evidence", _frozen_mapping(self.evidence))


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two or more values a report (or several) gives for one thing, with each one's evidence."""

    field: str
    values: tuple[str | int, ...]
    evidence: tuple[Span, ...]
    subject: str | None = None  # what the values disagree about, e.g. a situation id
    #: ``report_ids[i]`` is the report ``evidence[i]`` is in; empty: all in the report at hand.
    report_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Situation:
    """An ongoing state tracked across reports: who imposes it on whom, where, since when."""

    id: str
    kind: str  # siege, blockade, curfew, occupation, displacement
    status: str  # ongoing, lifted, unknown
    start_date: date | None
    last_report_date: date | None
    day: int | None
    actor1: Actor | None = None  # who imposes it
    actor2: Actor | None = None  # on whom
    places: tuple[Place, ...] = ()
    report_ids: tuple[str, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    start_low: date | None = None  # the earliest start date the reports imply
    start_high: date | None = None  # the latest start date the reports imply
    lifted_date: date | None = None  # the date of the report that says it ended


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction yields for one report."""

    report: Report
    events: tuple[Event, ...]
    contradictions: tuple[Contradiction, ...] = ()
