"""Relinking a whole store: every report's mentions linked again, as a fresh ingest would.

Used by migration ``0003`` (stores written before leader grouping hold connected-component
labels in ``events.component`` and ``events.situation_component``) and by anyone who changes
the link rules.  :func:`relink_store` clears what linking derived (the link labels, groups,
attachments and situation ids of every mention, the merged events, the situations, the
cross-report contradictions, the merge entries of the merge log) and links the reports again
one at a time, in the order they were stored, each with the time it was ingested, through
:func:`marsad.store.linking.link_report_events` and
:func:`marsad.store.situations.link_report_situations`: the very code a fresh ingest runs, so
the result is the one a fresh ingest of the same reports gives.  What users did is kept:
pairs separated with ``unmerge`` (``link_splits``), and the whole merge log of every mention a
user unmerged (its merge, its unmerge, what followed), which relinking cannot replay: the pair
is kept apart from the start.

Each report's mentions get their linking columns again from ``link.rules`` when their turn
comes (:func:`marsad.store.linking.mention_columns`: link interval, span class, grid cell,
lifting cue, situation kind), so edited rules take effect.  Until then they are hidden from
the candidate lookups (no grid ``cell``, no situation label), so each report sees only the
reports stored before it, as it did at ingest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, func, select, update

from marsad.store.convert import event_from_row
from marsad.store.linking import Linking, link_report_events, mention_columns
from marsad.store.schema import (
    events,
    link_contradictions,
    linked_events,
    merge_log,
    reports,
    situation_reports,
    situations,
)
from marsad.store.situations import link_report_situations

__all__ = ["Progress", "relink_store", "stored_reports"]

Progress = Callable[[int, int], None]
"""Called with (reports relinked so far, reports to relink) after each report."""


def stored_reports(conn: Connection) -> list[tuple[str, datetime, bool]]:
    """The reports that have mentions, in the order they were stored (their first event row):
    each with its ingest time and whether it was linked alone (``--undated skip-linking``).

    A report was linked alone when it gives no date at all (no publication date, no date on any
    of its events) and none of its placed mentions has a grid cell.  A report with no placed
    mention cannot tell; it is relinked as the default policy links it.
    """
    dated = func.max(func.coalesce(events.c.event_date, events.c.date_start, events.c.date_end,
                                   events.c.situation_start_date))
    query = (
        select(reports.c.report_id, reports.c.ingested_at, reports.c.published,
               func.min(events.c.id).label("first"), dated.label("dated"),
               func.count(events.c.place_id).label("placed"),
               func.count(events.c.cell).label("celled"))
        .join(events, events.c.report_id == reports.c.report_id)
        .group_by(reports.c.report_id, reports.c.ingested_at, reports.c.published)
        .order_by("first")
    )
    return [
        (str(r.report_id), r.ingested_at,
         r.published is None and r.dated is None and r.placed > 0 and r.celled == 0)
        for r in conn.execute(query)
    ]


def _unmerged(conn: Connection) -> list[str]:
    """The mentions a user unmerged (their merge log is history to keep)."""
    query = select(merge_log.c.event_id).distinct().where(merge_log.c.action == "unmerge")
    return sorted(str(e) for e in conn.execute(query).scalars())


def _clear(conn: Connection, unmerged: list[str]) -> None:
    """Forget what linking derived, and hide every mention from the candidate lookups."""
    conn.execute(update(events).values(
        cell=None, component=None, group_id=None, attach_to=None, situation_component=None,
        situation_id=None))
    conn.execute(delete(linked_events))
    conn.execute(delete(link_contradictions))
    conn.execute(delete(situation_reports))
    conn.execute(delete(situations))
    conn.execute(delete(merge_log).where(merge_log.c.action == "merge",
                                         merge_log.c.event_id.not_in(unmerged)))


_COLUMNS = ("report_date", "link_start", "link_end", "span_class", "cell", "lifts", "link_kind")


def _remention(conn: Connection, report_id: str, link: Linking, *, alone: bool) -> None:
    """Give a report's mentions their linking columns again, under ``link.rules``."""
    report = conn.execute(
        select(reports.c.text, reports.c.published, reports.c.ingested_at)
        .where(reports.c.report_id == report_id)
    ).one()
    rows = list(conn.execute(select(events).where(events.c.report_id == report_id)).mappings())
    fallback = report.published or report.ingested_at.date()
    values = []
    for row in rows:
        columns = mention_columns(event_from_row(row), report_date=row["report_date"] or fallback,
                                  text=report.text, rules=link.rules, alone=alone)
        values.append({"row_id": row["id"], **{f"new_{c}": columns[c] for c in _COLUMNS}})
    if values:
        conn.execute(
            update(events).where(events.c.id == bindparam("row_id"))
            .values({c: bindparam(f"new_{c}") for c in _COLUMNS}),
            values,
        )


def relink_store(conn: Connection, link: Linking, *, progress: Progress | None = None) -> int:
    """Link every stored report again (caller's transaction); the number of reports relinked.

    ``progress(done, total)`` is called after each report.

    ``link.now`` is not used: each report is linked at the time it was ingested, so that the
    merge log reads as it would after a fresh ingest.
    """
    order = stored_reports(conn)
    if not order:
        return 0
    unmerged = _unmerged(conn)
    _clear(conn, unmerged)
    kept = select(merge_log.c.id).where(merge_log.c.event_id.in_(unmerged))
    history = [int(i) for i in conn.execute(kept).scalars()]
    for done, (report_id, ingested_at, alone) in enumerate(order, start=1):
        _remention(conn, report_id, link, alone=alone)
        at = replace(link, now=ingested_at)
        link_report_events(conn, report_id, at)
        link_report_situations(conn, report_id, at, alone=alone)
        if progress is not None:
            progress(done, len(order))
    conn.execute(delete(merge_log).where(merge_log.c.event_id.in_(unmerged),
                                         merge_log.c.id.not_in(history)))
    return len(order)
