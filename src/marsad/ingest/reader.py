"""Turn paths into reports: one entry point, :func:`read_inputs`, dispatching on suffix.

Folders are walked recursively in sorted order (hidden files and folders skipped), and only
files with a known suffix are read from them; a file named explicitly with another suffix is
read as text.  ``-`` reads one text report from standard input.  Everything streams: a reader
yields reports as it goes, so memory stays flat however many reports there are.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from marsad.errors import InputError
from marsad.ingest.base import MAX_BYTES, InputFailure, decode, read_file_text
from marsad.ingest.feeds import parse_feed
from marsad.ingest.html import parse_html_report
from marsad.ingest.records import read_json, read_jsonl
from marsad.ingest.text import parse_text_report
from marsad.model import Report

__all__ = ["SUFFIXES", "read_inputs", "read_path"]

Item = Report | InputFailure
_Reader = Callable[[Path, str, date | None, str | None, int], Iterator[Item]]


def _text(path: Path, name: str, published: date | None, source: str | None,
          max_bytes: int) -> Iterator[Item]:
    text = read_file_text(path, name, max_bytes=max_bytes)
    yield parse_text_report(text, origin=name, published=published, source=source)


def _html(path: Path, name: str, published: date | None, source: str | None,
          max_bytes: int) -> Iterator[Item]:
    text = read_file_text(path, name, max_bytes=max_bytes)
    yield parse_html_report(text, origin=name, published=published, source=source)


def _feed(path: Path, name: str, published: date | None, source: str | None,
          max_bytes: int) -> Iterator[Item]:
    text = read_file_text(path, name, max_bytes=max_bytes)
    yield from parse_feed(text, name, published=published, source=source)


def _json(path: Path, name: str, published: date | None, source: str | None,
          max_bytes: int) -> Iterator[Item]:
    yield from read_json(path, name, published=published, source=source, max_bytes=max_bytes)


def _jsonl(path: Path, name: str, published: date | None, source: str | None,
           max_bytes: int) -> Iterator[Item]:
    yield from read_jsonl(path, name, published=published, source=source, max_bytes=max_bytes)


_READERS: dict[str, _Reader] = {
    ".txt": _text,
    ".json": _json,
    ".jsonl": _jsonl,
    ".ndjson": _jsonl,
    ".html": _html,
    ".htm": _html,
    ".xml": _feed,
    ".rss": _feed,
    ".atom": _feed,
}
SUFFIXES: tuple[str, ...] = tuple(sorted(_READERS))


def _walk(folder: Path) -> Iterator[Path]:
    """Readable files under ``folder``, depth first, each level sorted by name."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file() and path.suffix.lower() in _READERS:
            yield path


def read_path(
    path: Path,
    *,
    published: date | None = None,
    source: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Item]:
    """Reports from one file or folder; every problem becomes an :class:`InputFailure`."""
    name = str(path)
    if path.is_dir():
        found = False
        for file in _walk(path):
            found = True
            yield from read_path(file, published=published, source=source, max_bytes=max_bytes)
        if not found:
            suffixes = ", ".join(SUFFIXES)
            yield InputFailure(name, InputError(name, f"folder has no reports ({suffixes})"))
        return
    reader = _READERS.get(path.suffix.lower(), _text)
    try:
        yield from reader(path, name, published, source, max_bytes)
    except InputError as exc:
        yield InputFailure(exc.source, exc)


def _stdin(
    stream: BinaryIO, *, published: date | None, source: str | None, max_bytes: int
) -> Iterator[Item]:
    try:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError("-", f"standard input longer than {max_bytes:,} bytes")
        text = decode(data, "-")
        yield parse_text_report(text, origin="-", published=published, source=source)
    except InputError as exc:
        yield InputFailure("-", exc)


def read_inputs(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    source: str | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Report | InputFailure]:
    """Read reports from files, folders and ``-`` (standard input), lazily and in order.

    ``published`` and ``source`` fill in what a report does not say itself.  Bad input never
    raises: it yields an :class:`InputFailure` naming the file and the reason, and the rest go
    on.  Inputs larger than ``max_bytes`` (10 MB; for JSONL, per line) are refused.

    >>> from marsad.ingest import read_inputs
    >>> [type(item).__name__ for item in read_inputs(["no/such/report.txt"])]
    ['InputFailure']
    """
    for raw in paths:
        if str(raw) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _stdin(stream, published=published, source=source, max_bytes=max_bytes)
        else:
            yield from read_path(
                Path(raw), published=published, source=source, max_bytes=max_bytes
            )
