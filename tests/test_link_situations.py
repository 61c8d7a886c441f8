"""Situation rules (pure): which mentions are one situation, its start date, day and status."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.link.rules import load_link_rules
from marsad.link.situations import (
    SituationMention,
    build_situation,
    current_status,
    group_situations,
    situation_id,
)
from marsad.model import Actor, Place, Situation, Span

RULES = load_link_rules()
CITY = Place(id="p-city", name="City", latitude=1.0, longitude=2.0, feature="city")
TOWN = Place(id="p-town", name="Town", latitude=1.5, longitude=2.5, feature="town")
ARMY = Actor(id="army", name="Army", inter=1)
DIVISION = Actor(id="division", name="4th Division", inter=1, parent="army")
MILITIA = Actor(id="militia", name="Militia", inter=3)
FAMILY = {("army", "division"), ("division", "army")}


def related(a: str, b: str) -> bool:
    return a == b or (a, b) in FAMILY


def said(eid: str, on: date, day: int | None = None, *, kind: str = "siege",
         actor: Actor | None = ARMY, place: Place | None = CITY, dated: bool = True,
         lifts: bool = False, background: bool = False, start: date | None = None
         ) -> SituationMention:
    return SituationMention(event_id=eid, report_id=eid.split(":")[0], kind=kind,
                            report_date=on, dated=dated, actor1=actor, place=place, day=day,
                            start=start, lifts=lifts, background=background,
                            evidence=Span(0, 3))


@pytest.mark.parametrize(
    ("mentions", "start", "day", "low", "high"),
    [
        # day 13 on 25 January starts it on 13 January
        ([said("r1:0", date(2021, 1, 25), 13)], date(2021, 1, 13), 13, date(2021, 1, 13),
         date(2021, 1, 13)),
        # two reports agree, a third says day 10 on the same date: the majority wins
        ([said("r1:0", date(2021, 1, 24), 13), said("r2:0", date(2021, 1, 25), 14),
          said("r3:0", date(2021, 1, 25), 10)], date(2021, 1, 12), 14, date(2021, 1, 12),
         date(2021, 1, 16)),
        # a start date given outright counts like a day count
        ([said("r1:0", date(2021, 1, 24), None, start=date(2021, 1, 20))], date(2021, 1, 20),
         5, date(2021, 1, 20), date(2021, 1, 20)),
        # no count at all: the first report
        ([said("r1:0", date(2021, 1, 24)), said("r2:0", date(2021, 1, 22))],
         date(2021, 1, 22), None, None, None),
    ],
)
def test_start_date_is_best_supported_with_its_range(
    mentions: list[SituationMention], start: date, day: int | None, low: date | None,
    high: date | None,
) -> None:
    built = build_situation(mentions, rules=RULES)
    assert built is not None
    assert (built.situation.start_date, built.situation.day) == (start, day)
    assert (built.start_low, built.start_high) == (low, high)
    assert (built.situation.start_low, built.situation.start_high) == (low, high)


def test_disagreeing_day_counts_on_one_date_are_a_contradiction() -> None:
    built = build_situation([said("r1:0", date(2021, 1, 25), 13),
                             said("r2:0", date(2021, 1, 25), 13),
                             said("r3:0", date(2021, 1, 25), 10)], rules=RULES)
    assert built is not None
    [found] = built.contradictions
    assert (found.field, found.values, found.reports) == ("situation.day", (13, 10),
                                                         ("r1", "r3"))
    assert found.subject == built.situation.id
    assert built.situation.contradictions == (found.as_contradiction(),)
    assert built.situation.contradictions[0].report_ids == ("r1", "r3")


def test_undated_reports_give_no_contradictions() -> None:
    built = build_situation([said("r1:0", date(2024, 5, 1), 13, dated=False),
                             said("r2:0", date(2024, 5, 1), 15, dated=False)], rules=RULES)
    assert built is not None and built.contradictions == ()


@pytest.mark.parametrize(
    ("lift_on", "status"),
    [(date(2021, 2, 1), "lifted"), (date(2021, 1, 25), "lifted"), (date(2021, 1, 20), "ongoing")],
)
def test_lifting_closes_unless_a_later_report_says_it_goes_on(lift_on: date, status: str) -> None:
    built = build_situation([said("r1:0", date(2021, 1, 25), 13),
                             said("r2:0", lift_on, lifts=True)], rules=RULES)
    assert built is not None and built.situation.status == status
    assert built.lifted_date == (lift_on if status == "lifted" else None)
    assert built.situation.lifted_date == built.lifted_date


def test_background_mentions_alone_make_no_situation() -> None:
    assert build_situation([said("r1:0", date(2021, 1, 25), background=True)],
                           rules=RULES) is None


def test_most_specific_actor_and_most_reported_place() -> None:
    built = build_situation([said("r1:0", date(2021, 1, 25)),
                             said("r2:0", date(2021, 1, 26), place=TOWN),
                             said("r3:0", date(2021, 1, 27), actor=DIVISION, place=TOWN)],
                            rules=RULES)
    assert built is not None
    assert built.situation.actor1 == DIVISION
    assert built.situation.places == (TOWN, CITY)
    assert built.situation.id == situation_id("r1:0")


@pytest.mark.parametrize(
    ("mentions", "groups"),
    [
        # same place, related actors, siege and blockade: one situation
        ([said("r1:0", date(2021, 1, 1)), said("r2:0", date(2021, 1, 9), kind="blockade",
                                              actor=DIVISION)], 1),
        # unrelated imposing actors at one place: two
        ([said("r1:0", date(2021, 1, 1)), said("r2:0", date(2021, 1, 2), actor=MILITIA)], 2),
        # too far apart in time: two
        ([said("r1:0", date(2021, 1, 1)), said("r2:0", date(2021, 6, 1))], 2),
        # other places, but one report names both: one
        ([said("r1:0", date(2021, 1, 1)), said("r1:1", date(2021, 1, 1), place=TOWN),
          said("r2:0", date(2021, 1, 3), place=TOWN)], 1),
        # a curfew is not a siege
        ([said("r1:0", date(2021, 1, 1)), said("r2:0", date(2021, 1, 2), kind="curfew")], 2),
    ],
)
def test_grouping(mentions: list[SituationMention], groups: int) -> None:
    found = group_situations(mentions, rules=RULES, related=related)
    assert len(set(found.values())) == groups
    again = group_situations(list(reversed(mentions)), rules=RULES, related=related)
    assert again == found


@pytest.mark.parametrize(("last", "status"), [(date(2024, 4, 20), "ongoing"),
                                              (date(2024, 3, 1), "unknown")])
def test_status_becomes_unknown_without_reports(last: date, status: str) -> None:
    situation = Situation(id="s", kind="siege", status="ongoing", start_date=None,
                          last_report_date=last, day=None)
    assert current_status(situation, today=date(2024, 5, 1), rules=RULES) == status
