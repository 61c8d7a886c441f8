"""Reading reports: text, JSON, JSONL, HTML and feeds, from files, folders or standard input.

>>> from marsad.ingest import content_hash
>>> content_hash("a\\r\\nb") == content_hash("a\\nb")
True
"""

from __future__ import annotations

from marsad.ingest.base import MAX_BYTES, InputFailure, content_hash, report_id_for
from marsad.ingest.reader import SUFFIXES, read_inputs, read_path
from marsad.ingest.text import parse_text_report

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "InputFailure",
    "content_hash",
    "parse_text_report",
    "read_inputs",
    "read_path",
    "report_id_for",
]
