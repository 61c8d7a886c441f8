"""One generated ACLED-notes-style sentence per event.

"On 2021-01-24, Asayish continued the siege of regime forces in al-Hasakah (day 13)."
Verbs and situation phrases come from the lexicon's ``summary`` section.
"""

from __future__ import annotations

from datetime import date

from marsad.extraction.lexicon import Lexicon
from marsad.model import Actor, Fatalities, Location, SituationRef

__all__ = ["summarize"]


def summarize(
    *,
    lexicon: Lexicon,
    sub_event_type: str,
    event_date: date | None,
    actor1: Actor | None,
    actor2: Actor | None,
    location: Location | None,
    situation: SituationRef | None,
    fatalities: Fatalities,
    injured: int | None,
) -> str:
    """The event in one sentence, from its fields only."""
    cfg = lexicon.summary
    who = actor1.name if actor1 is not None else "Unidentified actors"
    target = actor2.name if actor2 is not None else ""
    if situation is not None and situation.kind in cfg.get("situations", {}):
        verb = str(cfg["situations"][situation.kind]).format(actor2_bare=target or "the area")
    else:
        verb = str(cfg.get("verbs", {}).get(sub_event_type, sub_event_type.lower()))
        if target:
            verb += (
                " with " if sub_event_type in cfg.get("target_verbs", []) else " targeting "
            ) + target
    text = f"{who} {verb}"
    if location is not None:
        text += f" in {location.place.name}"
    if event_date is not None:
        text = f"On {event_date.isoformat()}, {text}"
    if situation is not None and situation.day is not None:
        text += f" (day {situation.day})"
    tolls = []
    if fatalities.best:
        tolls.append(f"{fatalities.best} killed")
    if injured:
        tolls.append(f"{injured} injured")
    if tolls:
        text += "; " + ", ".join(tolls)
    return text + "."
