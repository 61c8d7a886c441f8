"""Round-6 rules of :mod:`marsad.extraction.sites`, end to end on invented reports in SOHR's
voice: the most specific place a clause names for the deed, one event per place."""

from __future__ import annotations

import pytest

from extract_helpers import live_events


def _placed(text: str) -> list[tuple[str, str, str | None]]:
    return [
        (e.sub_event_type, e.evidence["location"].text(text), e.actor1 and e.actor1.name)
        for e in live_events(text)
        if "location" in e.evidence
    ]


REGIME = "Military Forces of Syria"
ISIS = "Islamic State (Syria)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an airbase after a village is a second place of the clash, not the village's region
        (
            "Clashes near Deir Ezzor airbase\n\nClashes went on between regime forces and ISIS "
            "in Al-Jafra village and around the airbase of Deir Ezzor.",
            [
                ("Armed clash", "Al-Jafra", REGIME),
                ("Armed clash", "airbase of Deir Ezzor", REGIME),
            ],
        ),
        # "X village near the airbase": the airbase only locates the village; "..., which is
        # besieged by Y": the relative clause tells of the airbase, and Y besieges it
        (
            "Airbase besieged\n\nRegime warplanes struck Al-Jafra village near Deir Ezzor "
            "airbase, which has been besieged by the “Islamic State” for months.",
            [
                ("Air/drone strike", "Al-Jafra", REGIME),
                ("Other", "Deir Ezzor airbase", ISIS),
            ],
        ),
        # "X area at the entrance of Aleppo": the city named after the governorate only
        # locates X
        (
            "Clashes in Aleppo\n\nClashes broke out between HTS and regime forces in Kafr Hamra "
            "area at the northern entrance of Aleppo.",
            [("Armed clash", "Kafr Hamra", "HTS - Hayat Tahrir al-Sham")],
        ),
        # "..., and villages in Jabal X": the mountain holds villages of its own, it is not
        # the region of the towns listed before it; a village the gazetteer lacks, coded at
        # its governorate, is a place of its own too
        (
            "Factions advance in Idlib\n\nIdlib Province: HTS took control of Saraqib, Sarmin "
            "and Tal Zumra village, and villages in Jabal al-Zawiya.",
            [
                ("Non-state actor overtakes territory", "Saraqib", "HTS - Hayat Tahrir al-Sham"),
                ("Non-state actor overtakes territory", "Sarmin", "HTS - Hayat Tahrir al-Sham"),
                ("Non-state actor overtakes territory", "Tal Zumra", "HTS - Hayat Tahrir al-Sham"),
                ("Non-state actor overtakes territory", "Jabal al-Zawiya",
                 "HTS - Hayat Tahrir al-Sham"),
            ],
        ),
        # the intercepted missiles are no strike of their own: their clause, and the place in
        # it, belong to the interception
        (
            "Missiles intercepted\n\nA man was wounded by shrapnel as army air defence units"
            " were intercepting two Israeli missiles above Kisweh town, south of Damascus.",
            [("Disrupted weapons use", "Kisweh", None)],
        ),
        # "the X–Y road": one road, named by both its ends
        (
            "Drone strike\n\nA Turkish drone targeted a vehicle of the SDF on the Manbij–Jarablus"
            " road, killing two fighters.",
            [("Air/drone strike", "Manbij", "Military Forces of Turkey")],
        ),
        # "the villages of X countryside, including A and B": X is only their region
        (
            "Turkish shelling\n\nTurkish forces shelled the villages of Tal Tamr countryside,"
            " including Al-Dardara and Umm al-Kaif, with heavy artillery.",
            [
                ("Shelling/artillery/missile attack", "Al-Dardara", "Military Forces of Turkey"),
                ("Shelling/artillery/missile attack", "Umm al-Kaif", "Military Forces of Turkey"),
            ],
        ),
        # "X village west of Manbij": the town is a bearing, not a second scene
        (
            "Drone strike\n\nA Turkish drone targeted a car near Arima village west of Manbij,"
            " killing two fighters of the Manbij Military Council.",
            [("Air/drone strike", "Arima", "Military Forces of Turkey")],
        ),
        # "X in western Damascus countryside": Rural Damascus only contains the village
        (
            "Israeli strikes\n\nIsraeli forces fired missiles at the outskirts of Beit Jinn in"
            " western Damascus countryside, near the Golan.",
            [("Air/drone strike", "Beit Jinn", "Military Forces of Israel")],
        ),
    ],
)
def test_the_most_specific_place_of_the_clause(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _placed(text) == expected


@pytest.mark.parametrize(
    ("text", "surface", "stands_in"),
    [
        # a governorate named by its capital or by the city whose countryside it is
        ("Shelling hit Beit Jinn in western Damascus countryside.", "Damascus", False),
        ("Clashes in the northern countryside of Hama.", "Hama", False),
        # an unknown village coded at its governorate stands in for it
        ("Hama Province: a child was wounded in the village of Kharbet Zaqlouta.",
         "Kharbet Zaqlouta", True),
    ],
)
def test_a_governorate_stands_in_only_for_an_unknown_place(
    text: str, surface: str, stands_in: bool
) -> None:
    from marsad.extraction.report import _sites
    from marsad.resolve.gazetteer import load_gazetteer
    from marsad.resolve.geocode import find_places

    gazetteer = load_gazetteer()
    sites = {s.span.text(text): s for s in _sites(find_places(text, gazetteer), text, gazetteer)}
    assert sites[surface].place.feature == "governorate"
    assert sites[surface].stands_in is stands_in
