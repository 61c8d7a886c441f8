"""What every reader shares: failures, hashing, ids, safe byte reading, dates, language.

A reader never lets an exception escape for bad input: it raises an :class:`InputError`
subclass naming the file and the reason, and :func:`marsad.ingest.read_inputs` turns it into an
:class:`InputFailure` so that the batch goes on.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from marsad.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    MalformedInputError,
)
from marsad.model import Report

__all__ = [
    "MAX_BYTES",
    "InputFailure",
    "content_hash",
    "decode",
    "guess_language",
    "make_report",
    "parse_published",
    "read_file_text",
    "report_id_for",
]

MAX_BYTES = 10 * 1024 * 1024  # larger inputs are refused (JSONL: per line)

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class InputFailure:
    """One input that could not be turned into a report; ``error`` says why in one line."""

    source: str
    error: InputError

    def __str__(self) -> str:
        return str(self.error)


def normalise(text: str) -> str:
    """The form hashes are taken of: Unicode NFC with ``\\r\\n`` and ``\\r`` as ``\\n``."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text: the same report read twice hashes the same."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def report_id_for(text: str, own_id: object | None = None) -> str:
    """The record's own id when it has one, else ``"r"`` + the first 16 hex of its hash."""
    if own_id is not None and str(own_id).strip():
        return str(own_id).strip()
    return "r" + content_hash(text)[:16]


def guess_language(text: str) -> str:
    """``"ar"`` when Arabic letters outnumber Latin ones in the opening, else ``"en"``."""
    head = text[:4000]
    return "ar" if len(_ARABIC.findall(head)) > len(_LATIN.findall(head)) else "en"


def decode(data: bytes, source: str) -> str:
    """Bytes to text: refuse empty, binary (NUL bytes) and non-UTF-8 input, naming ``source``."""
    if not data.strip():
        raise EmptyInputError(source, "empty input")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError(source, "UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise BinaryInputError(source, "binary data (NUL bytes), not a text report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            source, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if not text.strip():
        raise EmptyInputError(source, "empty input")
    return text


def read_file_text(path: Path, source: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Read and decode one whole file, refusing missing, oversized, empty, binary, non-UTF-8."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise MalformedInputError(
                source, f"file too large ({size:,} bytes; the limit is {max_bytes:,})"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    return decode(data, source)


def parse_published(value: object, source: str) -> date | None:
    """A publication date from ``YYYY-MM-DD``, ISO 8601 or RFC 822 text; None if blank."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise MalformedInputError(source, f"published: expected a date string, got {value!r}")
    raw = value.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise MalformedInputError(source, f"published: not a date: {raw!r}")


def make_report(
    text: str,
    *,
    origin: str,
    own_id: object | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: date | None = None,
    language: str | None = None,
) -> Report:
    """Build a :class:`Report`, refusing blank text; blank strings become ``None``."""
    if not text.strip():
        raise EmptyInputError(origin, "no report text")
    return Report(
        report_id=report_id_for(text, own_id),
        text=text,
        title=_clean(title),
        source=_clean(source),
        url=_clean(url),
        published=published,
        language=_clean(language) or guess_language(text),
        origin=origin,
    )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None
