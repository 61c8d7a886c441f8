"""What the ``marsad`` commands share: the --db option, one-line errors, the store, outputs."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer
from rich.console import Console

from marsad.errors import MarsadError

if TYPE_CHECKING:
    from marsad.store.repository import Store

__all__ = [
    "DEFAULT_DB",
    "DbOption",
    "ListFormat",
    "fail",
    "help_text",
    "open_output",
    "parse_date",
    "source_lookup",
    "stdout_console",
    "store_at",
]

DEFAULT_DB = "sqlite:///marsad.db"

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="MARSAD_DB",
        help="Database URL (SQLAlchemy); default: env MARSAD_DB, else sqlite:///marsad.db.",
        show_default=False,
    ),
]


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def fail(message: str, *, code: int = 1) -> NoReturn:
    """Print one line on standard error and exit with ``code``."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def parse_date(value: str | None, option: str) -> date | None:
    """``YYYY-MM-DD`` to a date; anything else is a one-line usage error (exit 2)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date; write it as YYYY-MM-DD.", code=2)


def _missing_sqlite_file(db: str) -> Path | None:
    """The SQLite file ``db`` names, when it names one that does not exist."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(db)
    except ArgumentError:
        return None  # open_store reports it
    database = url.database or ""
    if not url.drivername.startswith("sqlite") or database in {"", ":memory:"}:
        return None
    path = Path(database).expanduser()
    return None if path.exists() else path


@contextmanager
def store_at(db: str, *, create: bool = False) -> Iterator[Store]:
    """The store at ``db``; unless ``create``, a missing SQLite file is an error, not a new file."""
    from marsad.store.repository import open_store

    missing = None if create else _missing_sqlite_file(db)
    if missing is not None:
        fail(f"{db}: no such database ({missing}); run `marsad ingest PATH --db {db}` first.")
    try:
        store = open_store(db)
    except MarsadError as exc:
        fail(f"{exc}; check --db or MARSAD_DB.")
    try:
        yield store
    finally:
        store.close()


@contextmanager
def open_output(path: str) -> Iterator[TextIO]:
    """The file to write (``-`` = standard output); an unwritable path is a one-line error."""
    if path == "-":
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        fail(f"{path}: cannot write ({exc.strerror}); choose another -o path.")
    with fh:
        yield fh


def stdout_console() -> Console:
    """Standard output; wide when piped, so that table rows stay whole for grep and files."""
    console = Console()
    return console if console.is_terminal else Console(width=200)


def source_lookup(store: Store) -> Callable[[str], str | None]:
    """``report_id -> source`` for ACLED's ``source`` column, cached per command."""

    @functools.lru_cache(maxsize=4096)
    def source_of(report_id: str) -> str | None:
        report = store.report(report_id)
        return report.source if report is not None else None

    return source_of


def help_text(docstring: str | None) -> str:
    """A docstring as ``--help`` text: paragraphs kept, the line breaks inside them reflowed."""
    paragraphs = inspect.cleandoc(docstring or "").split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)
