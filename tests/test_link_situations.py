"""The situation key and update rule (pure functions)."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.link.situations import situation_id, situation_key, update_situation
from marsad.model import Actor, Event, Location, Place, SituationRef, Span

CITY = Place(id="p-city", name="City", latitude=1.0, longitude=2.0, feature="city")
FORCE = Actor(id="force", name="Force", inter=2)


def siege(day: int | None, *, start: date | None = None, kind: str = "siege") -> Event:
    return Event(event_id="e", event_type="Strategic developments", sub_event_type="Other",
                 evidence={"event": Span(0, 1)}, actor1=FORCE,
                 location=Location(place=CITY, geo_precision=1),
                 situation=SituationRef(kind=kind, day=day, start_date=start))


def test_key_is_kind_place_and_actor() -> None:
    assert situation_key(siege(3, kind=" Siege ")) == "siege|p-city|force"
    assert situation_id("siege|p-city|force") == situation_id("siege|p-city|force")
    assert situation_id("siege|p-city|force").startswith("s")


def test_event_without_situation_has_no_key() -> None:
    bare = Event(event_id="x", event_type="Battles", sub_event_type="Armed clash",
                 evidence={"event": Span(0, 1)})
    with pytest.raises(ValueError, match="no situation"):
        situation_key(bare)


@pytest.mark.parametrize(
    ("steps", "day", "start", "last"),
    [
        # (day, start, report date) in ingest order
        ([(10, None, date(2021, 1, 21)), (13, None, date(2021, 1, 24))], 13, None,
         date(2021, 1, 24)),
        ([(13, None, date(2021, 1, 24)), (10, date(2021, 1, 12), date(2021, 1, 21))], 13,
         date(2021, 1, 12), date(2021, 1, 24)),
        ([(13, None, date(2021, 1, 24)), (10, None, date(2021, 1, 24))], 13, None,
         date(2021, 1, 24)),
        ([(None, None, date(2021, 1, 24)), (9, None, date(2021, 1, 20))], 9, None,
         date(2021, 1, 24)),
    ],
)
def test_update_keeps_latest_day_earliest_start_and_last_date(
    steps: list[tuple[int | None, date | None, date]], day: int, start: date | None, last: date
) -> None:
    current = None
    for n, (d, s, when) in enumerate(steps):
        current = update_situation(current, siege(d, start=s), report_id=f"r{n}", report_date=when)
    assert current is not None
    assert (current.day, current.start_date, current.last_report_date) == (day, start, last)
    assert current.status == "ongoing" and current.places == (CITY,)
    assert current.report_ids == tuple(f"r{n}" for n in range(len(steps)))
