"""Gazetteer commands: ``marsad places lookup NAME`` and ``marsad places in FILE``.

Each command's docstring is its ``--help``.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from marsad.errors import MarsadError
from marsad.model import Place

__all__ = ["register"]


class PlacesFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[
    PlacesFormat, typer.Option("--format", help="Output format: table or json.")
]
GazetteerOption = Annotated[
    Path | None,
    typer.Option("--gazetteer", help="A gazetteer SQLite file (default: the shipped one).",
                 show_default=False),
]


def _place_json(place: Place) -> dict[str, Any]:
    return {
        "id": place.id, "name": place.name, "name_ar": place.name_ar,
        "latitude": place.latitude, "longitude": place.longitude,
        "admin1": place.admin1, "admin2": place.admin2, "admin3": place.admin3,
        "country": place.country, "iso3": place.iso3, "feature": place.feature,
        "population": place.population,
    }


def _load(gazetteer: Path | None) -> Any:
    from marsad.resolve.gazetteer import load_gazetteer

    try:
        return load_gazetteer(gazetteer)
    except MarsadError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


def lookup(
    name: Annotated[str, typer.Argument(help="A place name in any spelling or script.")],
    format: FormatOption = PlacesFormat.table,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most candidates to show.")] = 10,
    gazetteer: GazetteerOption = None,
) -> None:
    """Candidates for a place name, best first (exact spellings, then close ones)."""
    gaz = _load(gazetteer)
    candidates = gaz.lookup(name, limit=limit)
    if format is PlacesFormat.json:
        rows = [{**_place_json(c.place), "score": c.score, "matched": c.matched}
                for c in candidates]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Places for {name!r}")
    for header in ("score", "id", "name", "feature", "admin1", "admin2", "country", "lat", "lon",
                   "matched"):
        table.add_column(header)
    for c in candidates:
        p = c.place
        table.add_row(f"{c.score:.3f}", p.id, p.name, p.feature, p.admin1 or "-", p.admin2 or "-",
                      p.country, f"{p.latitude:.5f}", f"{p.longitude:.5f}", c.matched)
    Console().print(table)
    if not candidates:
        typer.echo("no place of that name", err=True)


def places_in(
    file: Annotated[str, typer.Argument(help="A text file, or - for standard input.")],
    format: FormatOption = PlacesFormat.table,
    gazetteer: GazetteerOption = None,
) -> None:
    """Every place a text names: offsets, words, resolution and geo-precision."""
    from marsad.resolve.geocode import find_places

    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"{file}: cannot read: {exc}", err=True)
        raise typer.Exit(1) from exc
    mentions = find_places(text, _load(gazetteer))
    if format is PlacesFormat.json:
        rows = [{"start": m.span.start, "end": m.span.end, "surface": m.surface,
                 "geo_precision": m.geo_precision, "score": m.score, **_place_json(m.place),
                 "alternatives": [a.id for a in m.alternatives]} for m in mentions]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Places in {file}")
    for header in ("start", "end", "text", "place", "feature", "admin1", "precision", "score"):
        table.add_column(header)
    for m in mentions:
        table.add_row(str(m.span.start), str(m.span.end), m.surface,
                      f"{m.place.name} ({m.place.id})", m.place.feature, m.place.admin1 or "-",
                      str(m.geo_precision), f"{m.score:.2f}")
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add the ``places`` command group to ``app``."""
    group = typer.Typer(help="Look up places in the gazetteer and find them in text.",
                        no_args_is_help=True)
    group.command("lookup")(lookup)
    group.command("in")(places_in)
    app.add_typer(group, name="places")
