"""Linking commands: undo a merge, read the merge log, follow a situation report by report,
link the whole store again.

:func:`unmerge_command` is ``marsad events unmerge ID`` and :func:`situation_timeline_command`
is ``marsad situation ID``'s timeline; :func:`register` adds ``merges`` and ``relink``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli.common import DEFAULT_DB, fail, help_text, stdout_console, store_at

if TYPE_CHECKING:
    from marsad.link.situations import SituationTimeline

__all__ = [
    "merges_command",
    "register",
    "relink_command",
    "situation_timeline_command",
    "timeline_to_dict",
    "unmerge_command",
]

DbArg = Annotated[
    str | None,
    typer.Option("--db", envvar="MARSAD_DB", show_default=False,
                 help="Database URL (SQLAlchemy); default: env MARSAD_DB, else sqlite:///marsad.db."),
]


class TimelineFormat(StrEnum):
    table = "table"
    json = "json"


def unmerge_command(
    event_id: Annotated[str, typer.Argument(help="A mention's event id (see `marsad merges`).")],
    db: DbArg = None,
) -> None:
    """Undo a merge: the mention becomes its own event again, and stays apart from the mentions
    it was merged with when later reports arrive. The merge log keeps both steps."""
    from marsad.errors import StoreError

    with store_at(db or DEFAULT_DB) as store:
        try:
            groups = store.unmerge(event_id)
        except StoreError as exc:
            fail(str(exc))
    typer.echo(f"unmerged {event_id}; events now: {', '.join(groups)}")


def merges_command(
    event_id: Annotated[str | None, typer.Argument(help="Only this mention or event.")] = None,
    db: DbArg = None,
) -> None:
    """Show the merge log: which mention joined which event, by which rule, with which scores."""
    with store_at(db or DEFAULT_DB) as store:
        entries = store.merge_log(event_id)
    table = Table(title="Merge log")
    for header in ("at", "action", "mention", "event", "matched", "rule", "scores"):
        table.add_column(header)
    for e in entries:
        scores = " ".join(f"{k}={v:g}" for k, v in sorted(e.scores.items()))
        table.add_row(e.at.isoformat(timespec="seconds"), e.action, e.event_id, e.group_id,
                      e.other_event_id or "-", e.rule, scores or "-")
    stdout_console().print(table)


def timeline_to_dict(timeline: SituationTimeline) -> dict[str, Any]:
    """A situation timeline as JSON: the situation, its start range, and report by report."""
    from marsad.contract import situation_to_dict

    def iso(value: Any) -> str | None:
        return None if value is None else str(value.isoformat())

    return {
        "situation": situation_to_dict(timeline.situation),
        "start_range": [iso(timeline.start_low), iso(timeline.start_high)],
        "lifted_date": iso(timeline.lifted_date),
        "days_since_report": timeline.days_since_report,
        "timeline": [
            {"report_id": e.report_id, "report_date": iso(e.report_date),
             "date_is_ingest_date": not e.dated, "event_id": e.event_id, "place": e.place,
             "day": e.day, "implied_start": iso(e.implied_start), "lifts": e.lifts,
             "evidence": e.evidence.as_list(), "text": e.said}
            for e in timeline.entries
        ],
        "contradictions": [
            {"field": c.field, "values": list(c.values),
             "evidence": [{"report_id": r, "span": s.as_list()}
                          for r, s in zip(c.reports, c.evidence, strict=True)]}
            for c in timeline.contradictions
        ],
    }  # fmt: skip


def situation_timeline_command(
    situation_id: Annotated[str, typer.Argument(help="A situation id from `marsad situations`.")],
    db: DbArg = None,
    fmt: Annotated[TimelineFormat, typer.Option("--format", help="table or json.")] = (
        TimelineFormat.table
    ),
) -> None:
    """Show a situation's timeline: each report with its date, day count and evidence text,
    the start date with its range, and the reports whose counts contradict each other."""
    with store_at(db or DEFAULT_DB) as store:
        timeline = store.situation_timeline(situation_id)
    if timeline is None:
        fail(f"{situation_id}: no such situation; list them with `marsad situations`.")
    if str(fmt) == "json":
        typer.echo(json.dumps(timeline_to_dict(timeline), ensure_ascii=False, indent=2))
        return
    s = timeline.situation
    since = "?" if s.start_date is None else s.start_date.isoformat()
    if timeline.start_low is not None and timeline.start_low != timeline.start_high:
        since += f" (reports: {timeline.start_low} .. {timeline.start_high})"
    who = " on ".join(a.name for a in (s.actor1, s.actor2) if a is not None) or "unknown actors"
    status = s.status
    if status == "unknown" and timeline.days_since_report is not None:
        status = f"unknown since {timeline.days_since_report} days"
    table = Table(title=f"{s.kind} by {who} in {', '.join(p.name for p in s.places) or '?'}: "
                        f"{status}, day {s.day if s.day is not None else '?'}, since {since}")
    for header in ("date", "report", "place", "day", "starts", "evidence"):
        table.add_column(header)
    for e in timeline.entries:
        when = e.report_date.isoformat() + ("" if e.dated else " (ingested)")
        table.add_row(when, e.report_id, e.place or "-", "-" if e.day is None else str(e.day),
                      "-" if e.implied_start is None else e.implied_start.isoformat(),
                      ("[lifted] " if e.lifts else "") + (e.said or "-"))
    console = stdout_console()
    console.print(table)
    for c in timeline.contradictions:
        sides = " vs ".join(f"{v} ({r} {s.start}-{s.end})"
                            for v, r, s in zip(c.values, c.reports, c.evidence, strict=True))
        console.print(f"contradiction {c.field}: {sides}")


def relink_command(db: DbArg = None) -> None:
    """Link every stored report again with the current link rules and actor registry, as a
    fresh ingest of the same reports (in the order they were stored) would: after editing
    link_cues.yaml or the actors, or upgrading Marsad.

    Merged events, situations and the merge log's merges are rebuilt; mentions you unmerged
    stay apart. One transaction: interrupted or failed, nothing changes. Prints
    "relinked N reports: E events, S situations".
    """
    from marsad.errors import MarsadError

    with store_at(db or DEFAULT_DB) as store:
        try:
            with _relink_progress() as tick:
                relinked = store.relink(progress=tick)
        except MarsadError as exc:
            fail(f"{exc}; nothing was changed: fix it and run `marsad relink` again.")
        summary = store.summary()
    typer.echo(f"relinked {relinked} reports: {summary.events} events, "
               f"{summary.situations} situations")


@contextmanager
def _relink_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on standard error when it is a terminal (else no progress callback)."""
    err = Console(stderr=True)
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task("relinking", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield tick


def register(app: typer.Typer) -> None:
    """Add ``merges`` and ``relink`` to ``app``; ``events unmerge`` and ``situation`` are wired
    in ``core``."""
    app.command("merges")(merges_command)
    app.command("relink", help=help_text(relink_command.__doc__))(relink_command)
