"""Rich tables for the ``marsad`` commands: extractions, events, situations, store summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.table import Table

from marsad.model import Event, Extraction, Situation

__all__ = [
    "event_table",
    "extraction_table",
    "situation_detail",
    "situations_table",
    "summary_tables",
]


def _date(ev: Event) -> str:
    if ev.event_date is not None:
        return ev.event_date.isoformat()
    if ev.date_start is not None and ev.date_end is not None:
        return f"{ev.date_start.isoformat()}..{ev.date_end.isoformat()}"
    return "-"


def _fatalities(ev: Event) -> str:
    f = ev.fatalities
    return str(f.best) if f.low == f.high else f"{f.best} ({f.low}-{f.high})"


def _event_cells(ev: Event) -> list[str]:
    situation = ""
    if ev.situation is not None:
        situation = ev.situation.kind
        if ev.situation.day is not None:
            situation += f" day {ev.situation.day}"
    return [
        _date(ev),
        ev.event_type,
        ev.sub_event_type,
        ev.actor1.name if ev.actor1 else "-",
        ev.actor2.name if ev.actor2 else "-",
        ev.location.place.name if ev.location else "-",
        _fatalities(ev),
        situation or "-",
    ]


_EVENT_HEADERS = ("date", "type", "sub-type", "actor 1", "actor 2", "place", "killed", "situation")


def extraction_table(extractions: Iterable[Extraction]) -> Table:
    """One row per extracted event, grouped by report."""
    table = Table(title="Extracted events", show_lines=False)
    table.add_column("report")
    for header in _EVENT_HEADERS:
        table.add_column(header)
    for ex in extractions:
        if not ex.events:
            table.add_row(ex.report.report_id, *(["-"] * len(_EVENT_HEADERS)))
        for ev in ex.events:
            table.add_row(ex.report.report_id, *_event_cells(ev))
    return table


def event_table(rows: Iterable[tuple[Event, str]]) -> Table:
    """Stored events: ``(event, report_id)`` pairs."""
    table = Table(title="Events")
    table.add_column("event id")
    for header in _EVENT_HEADERS:
        table.add_column(header)
    for ev, _report_id in rows:
        table.add_row(ev.event_id, *_event_cells(ev))
    return table


def _opt(value: Any) -> str:
    if value is None:
        return "-"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _since(s: Situation) -> str:
    """The start date, with the range the reports imply when it spans more than one day."""
    low, high = s.start_low, s.start_high
    if low is None or high is None or (high - low).days < 1:
        return _opt(s.start_date)
    return f"{_opt(s.start_date)} ({low.isoformat()}..{high.isoformat()})"


def situations_table(situations: Iterable[Situation]) -> Table:
    """One row per tracked situation."""
    table = Table(title="Situations")
    for header in ("id", "kind", "status", "since", "day", "last report", "by", "on", "places"):
        table.add_column(header)
    for s in situations:
        table.add_row(
            s.id,
            s.kind,
            s.status,
            _since(s),
            _opt(s.day),
            _opt(s.last_report_date),
            s.actor1.name if s.actor1 else "-",
            s.actor2.name if s.actor2 else "-",
            ", ".join(p.name for p in s.places) or "-",
        )
    return table


def situation_detail(s: Situation) -> Table:
    """A two-column field/value table for one situation, contradictions included."""
    table = Table(title=f"Situation {s.id}", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    table.add_row("kind", s.kind)
    table.add_row("status", s.status)
    table.add_row("since", _since(s))
    table.add_row("day", _opt(s.day))
    table.add_row("last report", _opt(s.last_report_date))
    if s.lifted_date is not None:
        table.add_row("lifted", s.lifted_date.isoformat())
    table.add_row("imposed by", s.actor1.name if s.actor1 else "-")
    table.add_row("imposed on", s.actor2.name if s.actor2 else "-")
    table.add_row("places", ", ".join(p.name for p in s.places) or "-")
    table.add_row("reports", ", ".join(s.report_ids) or "-")
    for c in s.contradictions:
        values = " vs ".join(
            f"{v} ({r})" for v, r in zip(c.values, c.report_ids, strict=True)
        ) if len(c.report_ids) == len(c.values) else " vs ".join(str(v) for v in c.values)
        table.add_row(f"contradiction ({c.field})", values)
    return table


def summary_tables(
    *, reports: int, events: int, events_by_type: Mapping[str, int], places: int, situations: int
) -> tuple[Table, Table]:
    """The store's totals, and its events broken down by event type."""
    totals = Table(title="Marsad store")
    totals.add_column("what")
    totals.add_column("count", justify="right")
    for name, count in (
        ("reports", reports),
        ("events", events),
        ("places", places),
        ("situations", situations),
    ):
        totals.add_row(name, str(count))
    by_type = Table(title="Events by type")
    by_type.add_column("event type")
    by_type.add_column("events", justify="right")
    for name, count in sorted(events_by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        by_type.add_row(name, str(count))
    return totals, by_type
