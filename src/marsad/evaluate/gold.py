"""Gold files: hand-coded reports in the format of ``gold_dev.jsonl`` (read by :func:`load_gold`).

One JSON object per line: ``id``, ``url``, ``published``, ``text``, ``events`` and an optional
``coder_note``; each event has ``event_type``, ``sub_event_type``, ``actor1``/``actor2`` (lists of
acceptable lowercase names, or null), ``place``, ``place_alt``, ``admin1``, ``geo_precision``,
``lat``/``lon`` (or null), ``event_date``, ``fatalities``, an optional ``situation``
(``{"kind", "day"}``), ``trigger`` and an optional ``coord_source``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from marsad.errors import DataFileError
from marsad.model import Report

__all__ = ["GoldEvent", "GoldReport", "GoldSituation", "load_gold", "parse_gold_line"]


@dataclass(frozen=True, slots=True)
class GoldSituation:
    """The ongoing state a gold event belongs to (``{"kind": "siege", "day": 13}``)."""

    kind: str
    day: int | None = None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One hand-coded event.  ``actor1``/``actor2`` are acceptable lowercase names, or None."""

    event_type: str
    sub_event_type: str
    place: str
    actor1: tuple[str, ...] | None = None
    actor2: tuple[str, ...] | None = None
    place_alt: tuple[str, ...] = ()
    admin1: str | None = None
    geo_precision: int | None = None
    lat: float | None = None
    lon: float | None = None
    event_date: date | None = None
    fatalities: int = 0
    situation: GoldSituation | None = None
    trigger: str = ""
    coord_source: str | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def place_names(self) -> tuple[str, ...]:
        """``place`` followed by every ``place_alt`` spelling."""
        return (self.place, *self.place_alt)


@dataclass(frozen=True, slots=True)
class GoldReport:
    """One hand-coded report: its text and the events a coder found in it."""

    id: str
    text: str
    events: tuple[GoldEvent, ...]
    url: str | None = None
    published: date | None = None
    coder_note: str | None = None

    def to_report(self) -> Report:
        """The :class:`~marsad.model.Report` an extractor reads (title = first non-empty line)."""
        title = next((line.strip() for line in self.text.splitlines() if line.strip()), None)
        return Report(
            report_id=self.id,
            text=self.text,
            title=title,
            url=self.url,
            published=self.published,
        )


class _FieldError(ValueError):
    """A field of one record is missing or has the wrong type (caught and given a line number)."""


def _require(record: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in record:
        raise _FieldError(f"missing field {key!r}")
    value = record[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _FieldError(f"field {key!r} has type {type(value).__name__}")
    return value


def _optional(record: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _FieldError(f"field {key!r} has type {type(value).__name__}")
    return value


def _date(record: Mapping[str, Any], key: str) -> date | None:
    value = _optional(record, key, str)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _FieldError(f"field {key!r} is not a YYYY-MM-DD date: {value!r}") from None


def _names(record: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _FieldError(f"field {key!r} must be a list of names or null")
    return tuple(v.strip().lower() for v in value)


def _event(record: Any, index: int) -> GoldEvent:
    if not isinstance(record, dict):
        raise _FieldError(f"event {index} is not an object")
    try:
        situation = None
        raw_situation = record.get("situation")
        if raw_situation is not None:
            if not isinstance(raw_situation, dict):
                raise _FieldError("field 'situation' must be an object")
            situation = GoldSituation(
                kind=_require(raw_situation, "kind", str),
                day=_optional(raw_situation, "day", int),
            )
        alt = record.get("place_alt") or []
        if not isinstance(alt, list) or not all(isinstance(a, str) for a in alt):
            raise _FieldError("field 'place_alt' must be a list of names")
        lat = _optional(record, "lat", (int, float))
        lon = _optional(record, "lon", (int, float))
        fatalities = _optional(record, "fatalities", int)
        return GoldEvent(
            event_type=_require(record, "event_type", str),
            sub_event_type=_require(record, "sub_event_type", str),
            place=_require(record, "place", str),
            actor1=_names(record, "actor1"),
            actor2=_names(record, "actor2"),
            place_alt=tuple(alt),
            admin1=_optional(record, "admin1", str),
            geo_precision=_optional(record, "geo_precision", int),
            lat=None if lat is None else float(lat),
            lon=None if lon is None else float(lon),
            event_date=_date(record, "event_date"),
            fatalities=0 if fatalities is None else fatalities,
            situation=situation,
            trigger=_optional(record, "trigger", str) or "",
            coord_source=_optional(record, "coord_source", str),
        )
    except _FieldError as exc:
        raise _FieldError(f"event {index}: {exc}") from None


def parse_gold_line(line: str) -> GoldReport:
    """Parse one JSONL line of a gold file; raises ``ValueError`` naming the bad field."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _FieldError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise _FieldError("a gold record must be a JSON object")
    raw_id = _require(record, "id", (int, str))
    events = _require(record, "events", list)
    return GoldReport(
        id=str(raw_id),
        text=_require(record, "text", str),
        events=tuple(_event(e, i) for i, e in enumerate(events)),
        url=_optional(record, "url", str),
        published=_date(record, "published"),
        coder_note=_optional(record, "coder_note", str),
    )


def load_gold(path: Path) -> list[GoldReport]:
    """Read a gold JSONL file.  Errors raise :class:`~marsad.errors.DataFileError` with the line.

    Blank lines are skipped; report ids must be unique.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), f"cannot read gold file: {exc}") from None
    reports: list[GoldReport] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            report = parse_gold_line(line)
        except ValueError as exc:
            raise DataFileError(str(path), str(exc), line=number) from None
        if report.id in seen:
            raise DataFileError(
                str(path),
                f"duplicate report id {report.id!r} (first on line {seen[report.id]})",
                line=number,
            )
        seen[report.id] = number
        reports.append(report)
    return reports
