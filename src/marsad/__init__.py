"""Marsad: turn conflict field reports into traceable, geocoded ACLED-style event data.

>>> from marsad import extract
>>> events = extract("Regime forces shelled the town of Kafr Nabl in Idlib countryside.")
>>> events[0].event_type
'Explosions/Remote violence'
"""

from __future__ import annotations

from marsad.model import (
    Actor,
    Contradiction,
    Event,
    Extraction,
    Fatalities,
    Location,
    Place,
    Plover,
    Report,
    Situation,
    SituationRef,
    Span,
)
from marsad.observatory import Observatory, extract

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Contradiction",
    "Event",
    "Extraction",
    "Fatalities",
    "Location",
    "Observatory",
    "Place",
    "Plover",
    "Report",
    "Situation",
    "SituationRef",
    "Span",
    "__version__",
    "extract",
]
