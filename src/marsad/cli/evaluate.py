"""``marsad eval``: score the extractor against a gold file."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

__all__ = ["register"]


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


def eval_command(
    gold: Path = typer.Argument(..., help="Gold JSONL file (the format of gold_dev.jsonl)."),
    output_format: EvalFormat = typer.Option(
        EvalFormat.table, "--format", "-f", help="table (rich) or json."
    ),
) -> None:
    """Score event extraction against a hand-coded gold file.

    Prints events found (precision, recall, F1) and the headline event type found;
    on matched events, the accuracy of sub-event type, actors, date and fatalities;
    the share of gold places found; a confusion table of sub-event types;
    and the ten worst reports.  Each figure is defined in docs/evaluation.md.
    """
    from rich.console import Console

    from marsad.errors import MarsadError
    from marsad.evaluate import evaluate, format_table, load_gold, to_json

    try:
        reports = load_gold(gold)
        from marsad.extraction import extract_report
        from marsad.resources import load_resources

        resources = load_resources()
    except MarsadError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    result = evaluate(reports, lambda report: extract_report(report, resources=resources))
    if output_format is EvalFormat.json:
        typer.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        Console().print(format_table(result))
    by_error: dict[str, list[str]] = {}
    for failure in result.failures:
        by_error.setdefault(failure.error or "", []).append(failure.report_id)
    for error, ids in by_error.items():
        shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
        typer.echo(f"{gold}: extraction failed on {shown}: {error}", err=True)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command to ``app``."""
    app.command("eval")(eval_command)
