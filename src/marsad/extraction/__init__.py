"""Event extraction: a report's text -> ACLED-style events, every field with its evidence.

>>> from marsad.extraction import extract_report
>>> from marsad.resources import load_resources
>>> extraction = extract_report(report, resources=load_resources())   # doctest: +SKIP
"""

from __future__ import annotations

from marsad.extraction.report import extract_report

__all__ = ["extract_report"]
