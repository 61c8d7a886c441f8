"""JSON reports: ``.json`` (one object or a list of them) and ``.jsonl`` (one object a line).

Each object needs ``text``; ``id``, ``title``, ``published``, ``source``, ``url`` and
``language`` are optional.  A bad record is one failure and the rest go on.  JSONL is read a
line at a time, so a file of any length runs in constant memory; the size limit applies to
each line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from marsad.errors import BinaryInputError, InputError, MalformedInputError
from marsad.ingest.base import (
    MAX_BYTES,
    InputFailure,
    decode,
    make_report,
    parse_published,
    read_file_text,
)
from marsad.model import Report

__all__ = ["read_json", "read_jsonl", "report_from_record"]


def _optional_str(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    raise MalformedInputError(where, f"'{key}' must be a string, got {type(value).__name__}")


def report_from_record(
    record: object,
    *,
    where: str,
    published: date | None = None,
    source: str | None = None,
) -> Report:
    """One report from a decoded JSON object; ``where`` names it (errors, origin)."""
    if not isinstance(record, dict):
        raise MalformedInputError(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedInputError(where, "record has no 'text' string")
    return make_report(
        text,
        origin=where,
        own_id=_optional_str(record, "id", where),
        title=_optional_str(record, "title", where),
        source=_optional_str(record, "source", where) or source,
        url=_optional_str(record, "url", where),
        published=parse_published(record.get("published"), where) or published,
        language=_optional_str(record, "language", where),
    )


def _one(
    record: object, where: str, published: date | None, source: str | None
) -> Report | InputFailure:
    try:
        return report_from_record(record, where=where, published=published, source=source)
    except InputError as exc:
        return InputFailure(where, exc)


def read_json(
    path: Path, name: str, *, published: date | None = None, source: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Report | InputFailure]:
    """Reports from a ``.json`` file holding one object or a list of objects."""
    text = read_file_text(path, name, max_bytes=max_bytes)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(
            name, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    if isinstance(data, list):
        if not data:
            raise MalformedInputError(name, "empty JSON list: no reports")
        for index, record in enumerate(data):
            yield _one(record, f"{name}[{index}]", published, source)
    else:
        yield _one(data, name, published, source)


def read_jsonl(
    path: Path, name: str, *, published: date | None = None, source: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Report | InputFailure]:
    """Reports from a ``.jsonl`` file, one per non-blank line, streaming."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    found = False
    with handle:
        if b"\x00" in handle.read(8192):
            raise BinaryInputError(name, "binary data (NUL bytes), not a text report")
        handle.seek(0)
        for lineno, raw in enumerate(iter(lambda: handle.readline(max_bytes + 1), b""), start=1):
            where = f"{name}:{lineno}"
            if len(raw) > max_bytes:
                yield InputFailure(
                    where, MalformedInputError(where, f"line longer than {max_bytes:,} bytes")
                )
                # skip the rest of this over-long line
                while raw and not raw.endswith(b"\n"):
                    raw = handle.readline(max_bytes + 1)
                continue
            if not raw.strip():
                continue
            found = True
            try:
                record = json.loads(decode(raw, where))
            except InputError as exc:
                yield InputFailure(where, exc)
                continue
            except json.JSONDecodeError as exc:
                yield InputFailure(
                    where, MalformedInputError(where, f"malformed JSON: {exc.msg}")
                )
                continue
            yield _one(record, where, published, source)
    if not found:
        raise MalformedInputError(name, "empty input: no JSON lines")
