"""Round-6 place rules of :mod:`marsad.extraction.placing`, end to end on invented reports in
SOHR's voice: which words of the report each event is placed at, and who acted on whom."""

from __future__ import annotations

import pytest

from extract_helpers import live_events


def _placed(text: str) -> list[tuple[str, str]]:
    return [
        (e.sub_event_type, e.evidence["location"].text(text))
        for e in live_events(text)
        if "location" in e.evidence
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the airbase": the airbase the headline named, not the village before it
        (
            "Airstrikes near Deir Ezzor airbase\n\nISIS members attacked regime positions in "
            "Al-Jafra village.\n\nRegime warplanes then launched four raids on the vicinity of "
            "the airbase.",
            [("Armed clash", "Al-Jafra"), ("Air/drone strike", "airbase")],
        ),
        # "During this operation": the quarter the sentence before placed it in, not its city
        (
            "Raids in Hasakah\n\nSDF carried out a security operation in Ghuwayran neighbourhood "
            "in Al-Hasakah city yesterday.\n\nDuring this operation, SDF members arrested four "
            "ISIS members.",
            [("Arrests", "Ghuwayran")],
        ),
        # a village the gazetteer lacks "in X area": coded at X (precision 2), as ACLED codes
        # an unknown village, with the report's words as the evidence
        (
            "Killing in Homs\n\nA young man was shot dead by unidentified gunmen in Kherbet "
            "Zaghlul village in Al-Qusayr area.",
            [("Attack", "Kherbet Zaghlul")],
        ),
    ],
)
def test_where_events_are_placed(text: str, expected: list[tuple[str, str]]) -> None:
    assert _placed(text) == expected


def test_an_unnamed_airbase_without_one_named_before_is_no_place() -> None:
    text = (
        "Airstrikes in Deir Ezzor\n\nRegime warplanes launched two raids on the "
        "vicinity of the airbase in Al-Jafra village."
    )
    assert _placed(text) == [("Air/drone strike", "Al-Jafra")]


def test_a_place_named_as_an_area_is_still_the_place() -> None:
    text = "Clashes in Idlib\n\nClashes broke out between HTS and regime forces in Kafr Nabl area."
    assert _placed(text) == [("Armed clash", "Kafr Nabl")]


def test_people_driven_from_their_village_are_civilians_targeted_there() -> None:
    text = (
        "Displacement in Afrin\n\nMembers of the Hamza Division forced the residents of Kafr "
        "Safra village in Jandairis district to leave their homes."
    )
    (event,) = live_events(text)
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")
    assert event.evidence["location"].text(text) == "Kafr Safra"
    assert event.actor1 is not None and event.actor1.name == "Hamza Division"
    assert event.actor2 is not None and event.actor2.inter == 7
