"""Commands that read the store: events, situations, situation, export, summary.

Each command's docstring is its ``--help``; :func:`marsad.cli.core.register` adds them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from marsad.cli.common import (
    DEFAULT_DB,
    DbOption,
    ListFormat,
    open_output,
    parse_date,
    source_lookup,
    stdout_console,
    store_at,
)

if TYPE_CHECKING:
    from marsad.store.repository import Store, StoredEvent

__all__ = ["COMMANDS", "events", "export", "situations", "summary"]


TABLE_LIMIT = 50


class EventsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    jsonl = "jsonl"


def events(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="Only events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before YYYY-MM-DD.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="ACLED event type, e.g. Battles.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or name (either side).")] = None,
    place: Annotated[str | None, typer.Option(help="Place id or name.")] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            min=1, help=f"At most this many events (table default {TABLE_LIMIT}, else all)."
        ),
    ] = None,
    fmt: Annotated[
        EventsFormat, typer.Option("--format", help="table, json or csv (ACLED columns).")
    ] = EventsFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List stored events, newest first, filtered by date, type, actor or place.

    `marsad events unmerge ID` undoes a merge of reports into one event.
    """
    if ctx.invoked_subcommand is not None:
        return
    start = parse_date(since, "--since")
    end = parse_date(until, "--until")
    with store_at(db) as store:
        rows = store.events(
            since=start,
            until=end,
            event_type=event_type,
            actor=actor,
            place=place,
            limit=limit if limit is not None or fmt is not EventsFormat.table else TABLE_LIMIT + 1,
        )
        if fmt is EventsFormat.csv:
            from marsad.export import write_acled_csv

            write_acled_csv(rows, sys.stdout, source_of=source_lookup(store))
        elif fmt is EventsFormat.json:
            from marsad.contract import stored_event_to_dict

            records = [
                stored_event_to_dict(
                    r.event, report_id=r.report_id, sources=r.sources, situation_id=r.situation_id
                )
                for r in rows
            ]
            typer.echo(json.dumps({"events": records}, ensure_ascii=False, indent=2))
        else:
            from marsad.cli.render import event_table

            shown = rows if limit is not None else rows[:TABLE_LIMIT]
            console = stdout_console()
            console.print(event_table((r.event, r.report_id) for r in shown))
            if len(rows) > len(shown):
                console.print(f"(the {TABLE_LIMIT} newest shown; use --limit or --format json)")


def situations(
    kind: Annotated[str | None, typer.Option(help="siege, blockade, curfew ...")] = None,
    status: Annotated[str | None, typer.Option(help="ongoing, lifted or unknown.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table or json.")] = ListFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List tracked situations (sieges, blockades, curfews ...) with their day count."""
    with store_at(db) as store:
        found = store.situations(kind=kind, status=status)
    if fmt is ListFormat.json:
        from marsad.contract import situation_to_dict

        doc = {"situations": [situation_to_dict(s) for s in found]}
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        from marsad.cli.render import situations_table

        stdout_console().print(situations_table(found))


def _paged_events(store: Store, *, page: int = 1000) -> Iterator[StoredEvent]:
    """Every stored event, fetched a page at a time so that exports run in bounded memory."""
    offset = 0
    while True:
        rows = store.events(limit=page, offset=offset)
        yield from rows
        if len(rows) < page:
            return
        offset += page


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="acled-csv, geojson or jsonl.")],
    output: Annotated[str, typer.Option("--output", "-o", help="File to write; - = stdout.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export every stored event as ACLED CSV, GeoJSON or JSON Lines."""
    from marsad import export as exporters

    with store_at(db) as store:
        rows = _paged_events(store)
        with open_output(output) as fh:
            if fmt is ExportFormat.acled_csv:
                count = exporters.write_acled_csv(rows, fh, source_of=source_lookup(store))
            elif fmt is ExportFormat.geojson:
                count = exporters.write_geojson(rows, fh)
            else:
                count = exporters.write_jsonl(rows, fh)
    if output != "-":
        typer.echo(f"wrote {count} events to {output}")


def summary(db: DbOption = DEFAULT_DB) -> None:
    """Print what the store holds: reports, events by type, places and situations."""
    from marsad.cli.render import summary_tables

    with store_at(db) as store:
        s = store.summary()
    console = stdout_console()
    for table in summary_tables(
        reports=s.reports,
        events=s.events,
        events_by_type=s.events_by_type,
        places=s.places,
        situations=s.situations,
    ):
        console.print(table)


COMMANDS = (situations, export, summary)
