"""Unknown places (marsad.resolve.geocode.unknown): a name the words around it call a place,
which no spelling of the shipped gazetteer reaches, is coded at the area that holds it, as
ACLED codes an unknown village; the mention keeps the report's words.  Invented sentences; the
invented names are checked to be absent from the gazetteer."""

from __future__ import annotations

import pytest

from marsad.resolve.gazetteer import load_gazetteer
from marsad.resolve.geocode import find_places

_UNKNOWN = ("Tal Zumra", "Kharbet Zaqlouta", "Hay al-Zanbaq")


@pytest.mark.parametrize("name", _UNKNOWN)
def test_invented_names_are_not_in_the_gazetteer(name: str) -> None:
    assert all(c.score < 0.6 for c in load_gazetteer().lookup(name, limit=3))


def _found(text: str) -> dict[str, tuple[str, str | None, int]]:
    return {m.surface: (m.place.feature, m.place.admin1, m.geo_precision)
            for m in find_places(text, load_gazetteer())}


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # the governorate named right after it holds it
        ("Regime warplanes struck Tal Zumra area in the northern countryside of Hama, while"
         " shells fell on Kafr Zita.", "Tal Zumra", ("governorate", "Hama", 3)),
        # nothing named after it: the one governorate the report is about
        ("Hama Province: regime forces shelled Kafr Zita and Al-Lataminah, and a child was"
         " wounded in the village of Kharbet Zaqlouta.", "Kharbet Zaqlouta",
         ("governorate", "Hama", 3)),
        # a quarter of a city: that governorate's capital, precision 2
        ("Homs Province: a landmine left over from the war exploded in Hay al-Zanbaq"
         " neighbourhood, wounding two boys.", "Hay al-Zanbaq", ("city", "Homs", 2)),
        # ... at the town of that governorate the report named last before it
        ("Al-Hasakah Province: Asayish and NDF members exchanged fire in Al-Qamishli, near"
         " Hay al-Zanbaq and Tal Zumra neighbourhoods.", "Hay al-Zanbaq",
         ("town", "Al-Hasakah", 2)),
    ],
)
def test_unknown_place_is_coded_at_what_holds_it(
    text: str, surface: str, expected: tuple[str, str, int]
) -> None:
    assert _found(text).get(surface) == expected


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a town named after it: extraction codes that town with the name as evidence
        ("Al-Hasakah Province: a Turkish drone targeted a car in Kharbet Zaqlouta village in"
         " Darbasiyah countryside.", "Kharbet Zaqlouta"),
        # a report about two governorates cannot say which holds it
        ("Shelling hit Nawa in Daraa and Saraqib in Idlib, and a man was wounded in the village"
         " of Kharbet Zaqlouta.", "Kharbet Zaqlouta"),
        # no word calls it a place
        ("Hama Province: regime forces shelled Kafr Zita; Tal Zumra, a local official, said"
         " that two houses burned.", "Tal Zumra"),
    ],
)
def test_unknown_place_left_unplaced(text: str, surface: str) -> None:
    assert surface not in _found(text)


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # a common Arabic word that is a town's name, called a town in its governorate
        ("As-Suwayda Province: clashes erupted in Al-Mazraa town in the western countryside of"
         " Suwayda.", "Al-Mazraa", "Mazra'a - Sijn"),
        # an English word before "town" is no name
        ("A truck bomb went off at the market of a small Syrian town last night.", "Syrian",
         None),
    ],
)
def test_a_common_word_called_a_town(text: str, surface: str, name: str | None) -> None:
    found = {m.surface: m.place.name for m in find_places(text, load_gazetteer())}
    assert found.get(surface) == name
