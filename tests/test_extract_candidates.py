from __future__ import annotations

from dataclasses import dataclass

import pytest

from marsad.extraction.candidates import group_triggers, live_hits
from marsad.extraction.lexicon import load_lexicon
from marsad.extraction.sites import places_for_group
from marsad.extraction.triggers import find_triggers
from marsad.model import Place, Span


@dataclass(frozen=True)
class FakePlace:
    span: Span
    place: Place
    geo_precision: int = 1


def _places(text: str, names: list[str]) -> list[FakePlace]:
    out = []
    for i, name in enumerate(names):
        start = text.index(name)
        out.append(FakePlace(Span(start, start + len(name)), Place(f"p{i}", name, 35, 36, "town")))
    return out


def _groups(text: str, names: list[str]) -> tuple[list[FakePlace], list]:  # type: ignore[type-arg]
    lex = load_lexicon()
    whole = Span(0, len(text))
    places = _places(text, names)
    hits = live_hits(text, find_triggers(text, lex), whole, lex)
    return places, group_triggers(text, hits, whole, [p.span.start for p in places], lex)


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Warplanes carried out raids on Kafr Nabl and Hass.",
            ["Kafr Nabl", "Hass"],
            [["Kafr Nabl", "Hass"]],
        ),
        (
            "Regime forces shelled Kafr Nabl, while clashes erupted near Saraqib.",
            ["Kafr Nabl", "Saraqib"],
            [["Kafr Nabl"], ["Saraqib"]],
        ),
        (
            "Residents from Binnish and Taftanaz took part in a demonstration in Idlib city.",
            ["Binnish", "Taftanaz", "Idlib"],
            [["Idlib"]],
        ),
    ],
)
def test_each_group_gets_its_places(text: str, names: list[str], expected: list[list[str]]) -> None:
    places, groups = _groups(text, names)
    whole = Span(0, len(text))
    got = [[p.place.name for p in places_for_group(g, places, whole, text=text)[0]] for g in groups]
    assert got == expected


def test_a_drone_that_attacked_is_one_happening() -> None:
    text = "A Turkish drone attacked a headquarters in Amuda."
    _, groups = _groups(text, ["Amuda"])
    assert len(groups) == 1 and groups[0].event_type == "Explosions/Remote violence"


def test_weak_triggers_yield_to_strong_ones_nearby() -> None:
    lex = load_lexicon()
    text = "Regime forces shelled the town, and two civilians were killed."
    whole = Span(0, len(text))
    hits = live_hits(text, find_triggers(text, lex), whole, lex)
    assert [h.rule.id for h in hits] == ["shelling"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a toll after the strike it belongs to
        (
            "Israeli warplanes carried out strikes after midnight on positions of Iranian-backed "
            "militias near the town, killing three members of the militias.",
            ["airstrike"],
        ),
        # a new act with its own subject is its own event
        (
            "Regime forces shelled the town of Retyan in the northern countryside on Tuesday "
            "morning, according to residents of the area who spoke to the Observatory, and near "
            "the border the Turkish border guards also killed a young man from the city.",
            ["shelling", "killing"],
        ),
        # calling to lift a siege says the siege goes on
        ("The council keeps calling to lift the siege on the town.", ["siege"]),
        # feared clashes are no clashes
        ("Residents fear renewed clashes in the town.", []),
        # a denied trigger denies the next item of its list
        ("Tribesmen gathered in protest against raid campaigns and arrests in the area.", []),
        (
            "Residents protested against the raids, and the SDF arrested two men.",
            ["protest", "arrests"],
        ),
    ],
)
def test_which_triggers_stand(text: str, expected: list[str]) -> None:
    lex = load_lexicon()
    whole = Span(0, len(text))
    assert [h.rule.id for h in live_hits(text, find_triggers(text, lex), whole, lex)] == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # small arms named as the means: a clash, not a strike
        (
            "Government troops targeted rebel positions in Tell Sawan with heavy machine guns.",
            ["Tell Sawan"],
            ("Battles", "Armed clash"),
        ),
        (
            "Government troops targeted the village of Tell Sawan using machineguns.",
            ["Tell Sawan"],
            ("Battles", "Armed clash"),
        ),
        # a heavy weapon named as the means stays a shelling
        (
            "Government troops targeted rebel positions in Tell Sawan with rockets.",
            ["Tell Sawan"],
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        # the weapon's own trigger decides the type of "targeted with <weapon>"
        (
            "Gunmen targeted with a hand grenade a house in Tell Sawan.",
            ["Tell Sawan"],
            ("Explosions/Remote violence", "Grenade"),
        ),
        # gunmen from a crowd trading fire: the crowd's violence is a riot
        (
            "Tell Sawan saw an exchange of fire between armed men among the protesters and police.",
            ["Tell Sawan"],
            ("Riots", "Violent demonstration"),
        ),
        (
            "A group of angry residents of Tell Sawan stormed the building of the town council.",
            ["Tell Sawan"],
            ("Riots", "Violent demonstration"),
        ),
    ],
)
def test_means_and_crowds_decide_the_type(
    text: str, names: list[str], expected: tuple[str, str]
) -> None:
    places, groups = _groups(text, names)
    assert [(g.event_type, g.sub_event_type) for g in groups][:1] == [expected]
    got, _ = places_for_group(groups[0], places, Span(0, len(text)), text=text)
    assert [p.place.name for p in got] == names
