from __future__ import annotations

from datetime import date

import pytest

from marsad.extraction.lexicon import load_lexicon
from marsad.extraction.summary import summarize
from marsad.model import Actor, Fatalities, Location, Place, SituationRef

ASAYISH = Actor("asayish", "Asayish", 2)
REGIME = Actor("regime", "Regime forces", 1)
HASAKAH = Location(Place("p1", "al-Hasakah", 36.5, 40.7, "city"), 1)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {
                "sub_event_type": "Other",
                "situation": SituationRef("siege", 13, date(2021, 1, 12)),
                "actor1": ASAYISH,
                "actor2": REGIME,
            },
            "On 2021-01-24, Asayish continued the siege of Regime forces in al-Hasakah (day 13).",
        ),
        (
            {"sub_event_type": "Armed clash", "actor1": ASAYISH, "actor2": REGIME},
            "On 2021-01-24, Asayish clashed with Regime forces in al-Hasakah.",
        ),
        (
            {
                "sub_event_type": "Shelling/artillery/missile attack",
                "actor1": REGIME,
                "fatalities": Fatalities(2, 2, 3),
                "injured": 4,
            },
            "On 2021-01-24, Regime forces carried out shelling in al-Hasakah; 2 killed, 4 injured.",
        ),
        (
            {"sub_event_type": "Attack", "event_date": None, "location": None},
            "Unidentified actors attacked.",
        ),
    ],
)
def test_summary_sentence(kwargs: dict[str, object], expected: str) -> None:
    args: dict[str, object] = {
        "event_date": date(2021, 1, 24),
        "actor1": None,
        "actor2": None,
        "location": HASAKAH,
        "situation": None,
        "fatalities": Fatalities(),
        "injured": None,
    }
    args.update(kwargs)
    assert summarize(lexicon=load_lexicon(), **args) == expected  # type: ignore[arg-type]
