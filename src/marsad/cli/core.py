"""Core commands: extract, ingest, serve, schema; :func:`register` adds them and the store queries.

Each command's docstring is its ``--help``.  Heavy modules (the extractor, the store, uvicorn) are
imported inside the commands so that ``marsad --help`` stays fast.  Errors are one line on standard
error naming the input and what to do, and the exit status is 1.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console

from marsad.cli.common import (
    DEFAULT_DB,
    DbOption,
    fail,
    help_text,
    parse_date,
    stdout_console,
    store_at,
)
from marsad.errors import MarsadError

if TYPE_CHECKING:
    from marsad.model import Extraction, Report

__all__ = ["load_extractor", "register"]


class UndatedChoice(StrEnum):
    """``marsad ingest --undated``: see :mod:`marsad.link.undated`."""

    ingest_date = "ingest-date"
    skip_linking = "skip-linking"


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def load_extractor() -> Callable[[Report], Extraction]:
    """The real extractor with the shipped data loaded once (the seam tests replace)."""
    from marsad.extraction import extract_report
    from marsad.resources import load_resources

    return functools.partial(extract_report, resources=load_resources())


def _extractor() -> Callable[[Report], Extraction]:
    try:
        return load_extractor()
    except MarsadError as exc:
        fail(f"{exc}; reinstall marsad or fix the data file.")


PublishedOption = Annotated[
    str | None, typer.Option(help="Publication date YYYY-MM-DD for reports that give none.")
]
SourceOption = Annotated[
    str | None, typer.Option(help="Source name (e.g. SOHR) for reports that give none.")
]


def extract(
    paths: Annotated[
        list[str],
        typer.Argument(help="Report files or folders (.txt .json .jsonl .html); - is stdin."),
    ],
    published: PublishedOption = None,
    source: SourceOption = None,
    fmt: Annotated[
        ExtractFormat,
        typer.Option("--format", help="json (the contract), jsonl (streaming) or table."),
    ] = ExtractFormat.json,
) -> None:
    """Extract events from reports and print them; nothing is stored.

    json prints {"reports": [...]} (see `marsad schema`); jsonl prints one report object per line as
    each report is done; table prints a readable table. Unreadable inputs are reported one per line
    on standard error, the others go on, and the exit status is 1.
    """
    from marsad.contract import extraction_to_dict
    from marsad.ingest import InputFailure, read_inputs
    from marsad.pipeline import extract_all

    when = parse_date(published, "--published")
    extractor = _extractor()
    failed = 0
    results = extract_all(read_inputs(paths, published=when, source=source), extractor=extractor)
    out: TextIO = sys.stdout
    done: list[Extraction] = []
    first = True
    if fmt is ExtractFormat.json:
        out.write('{"reports": [')
    for item in results:
        if isinstance(item, InputFailure):
            failed += 1
            typer.echo(str(item), err=True)
            continue
        if fmt is ExtractFormat.table:
            done.append(item)
            continue
        record = extraction_to_dict(item)
        if fmt is ExtractFormat.jsonl:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        else:
            out.write("\n" if first else ",\n")
            out.write(json.dumps(record, ensure_ascii=False, indent=2))
        first = False
    if fmt is ExtractFormat.json:
        out.write("\n]}\n")
    elif fmt is ExtractFormat.table:
        from marsad.cli.render import extraction_table

        stdout_console().print(extraction_table(done))
    if failed:
        fail(f"{failed} input(s) failed; fix or remove them and run again.")


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Report files or folders; - = stdin.")],
    db: DbOption = DEFAULT_DB,
    published: PublishedOption = None,
    source: SourceOption = None,
    undated: Annotated[
        UndatedChoice,
        typer.Option(help="Reports with no publication date and no date in the text: date "
                     "them by the ingest date, or store them without linking them to other "
                     "reports (for undated archives)."),
    ] = UndatedChoice.ingest_date,
) -> None:
    """Extract and store reports, their events and situations; idempotent.

    A report already stored (same text) is counted as a duplicate and left alone. Prints
    "added N, duplicate M, failed K"; each failed input is one line "path: reason" on standard
    error, and the exit status is 1 if any input failed.
    """
    from marsad.link.undated import undated_policy
    from marsad.pipeline import ingest as run_ingest

    when = parse_date(published, "--published")
    extractor = _extractor()
    err = Console(stderr=True)
    with store_at(db, create=True) as store:
        if err.is_terminal:
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            with Progress(
                SpinnerColumn(),
                BarColumn(),
                TextColumn("{task.completed} reports"),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            ) as bar:
                task = bar.add_task("", total=None)

                def tick(label: str) -> None:
                    bar.update(task, advance=1, description=label[-60:])

                summary = run_ingest(
                    paths,
                    store=store,
                    extractor=extractor,
                    published=when,
                    source=source,
                    progress=tick,
                    undated=undated_policy(undated.value),
                )
        else:
            summary = run_ingest(
                paths, store=store, extractor=extractor, published=when, source=source,
                undated=undated_policy(undated.value),
            )
    for failure in summary.failures:
        typer.echo(str(failure), err=True)
    typer.echo(
        f"added {summary.added}, duplicate {summary.duplicates}, failed {len(summary.failures)}"
        f" ({summary.events} events)"
    )
    if summary.failures:
        raise typer.Exit(1)


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the JSON API (and its docs at /docs) over HTTP with uvicorn."""
    import uvicorn

    from marsad.serve.app import create_app

    with store_at(db) as store:
        typer.echo(f"serving {db} on http://{host}:{port} (API docs: /docs)")
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")


def schema() -> None:
    """Print the JSON Schema of the extraction contract (`marsad extract --format json`)."""
    from marsad.contract import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


def register(app: typer.Typer) -> None:
    """Add the core and store commands to ``app``; each command's docstring is its help."""
    from marsad.cli import linking, query

    commands: tuple[Callable[..., None], ...] = (extract, ingest, *query.COMMANDS, serve, schema)
    for command in commands:
        app.command(help=help_text(command.__doc__))(command)
    # `marsad events [filters]` lists; `marsad events unmerge ID` undoes a merge.
    events_app = typer.Typer(
        invoke_without_command=True, no_args_is_help=False, rich_markup_mode=None
    )
    events_app.callback(help=help_text(query.events.__doc__))(query.events)
    events_app.command("unmerge", help=help_text(linking.unmerge_command.__doc__))(
        linking.unmerge_command
    )
    app.add_typer(events_app, name="events")
    app.command("situation", help=help_text(linking.situation_timeline_command.__doc__))(
        linking.situation_timeline_command
    )
