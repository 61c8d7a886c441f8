"""Who acted on whom (:mod:`marsad.extraction.cast`), end to end on invented reports: a target
named only through the side holding the place, and the civilians a strike hurt."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.extraction import extract_report
from marsad.model import Report
from marsad.resources import load_resources


def _cast(text: str) -> list[tuple[str, str | None, str | None]]:
    report = Report(report_id="t6", text=text, published=date(2024, 1, 10))
    events = extract_report(report, resources=load_resources()).events
    return [
        (e.sub_event_type, e.actor1 and e.actor1.name, e.actor2 and e.actor2.name)
        for e in events
        if not e.background
    ]


SHELLING = "Shelling/artillery/missile attack"
REBELS = "Opposition Rebels (Syria)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "regime-held areas": the side holding the place is the target
        (
            "Shelling in Aleppo\n\nRebel factions fired shells on regime-held areas in "
            "Al-Hamdaniyah neighbourhood in Aleppo city.",
            [(SHELLING, REBELS, "Military Forces of Syria")],
        ),
        # ... unless the text tells of civilians hurt
        (
            "Shelling in Aleppo\n\nRebel factions fired shells on regime-held areas in "
            "Al-Hamdaniyah neighbourhood in Aleppo city, injuring two children.",
            [(SHELLING, REBELS, "Civilians (Syria)")],
        ),
        # no one named: the side the holder was fighting fired them
        (
            "Clashes in Aleppo\n\nClashes broke out between rebel factions and regime forces "
            "in Kafr Hamra.\n\nSeveral shells landed on regime-held areas in Al-Hamdaniyah "
            "neighbourhood in Aleppo city.",
            [
                ("Armed clash", REBELS, "Military Forces of Syria"),
                (SHELLING, REBELS, "Military Forces of Syria"),
            ],
        ),
        # people leaving for regime-held areas only go there
        (
            "Families leave\n\nTwo families left Al-Rukban camp for regime-held areas in Homs.",
            [("Other", "Civilians (Syria)", None)],
        ),
        # the forces blockading an area held by the other side
        (
            "Blockade in Hasakah\n\nFor the sixth consecutive day, Asayish keeps preventing the "
            "entry of flour into regime-controlled areas of Al-Hasakah city.",
            [("Other", "Asayish - Internal Security Forces", "Military Forces of Syria")],
        ),
    ],
)
def test_targets_named_through_the_side_holding_the_place(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert _cast(text) == expected
