"""Deduplication rules (pure): when two mentions are one event, and the merged event's values."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.link.cluster import cluster, components
from marsad.link.dedup import (
    Mention,
    attach,
    group_mentions,
    link_interval,
    match,
    merge_mentions,
)
from marsad.link.rules import load_link_rules
from marsad.model import Actor, Event, Fatalities, Location, Place, Span

RULES = load_link_rules()
DAY = date(2024, 3, 1)


def related(a: str, b: str) -> bool:
    return a == b or {a, b} == {"regime", "fourth-division"}


def m(eid: str, *, type_: str = "Battles", sub: str = "Armed clash", a1: str | None = "isis",
      a2: str | None = "sdf", place: str | None = "p1", lat: float = 35.0, lon: float = 40.0,
      start: date = DAY, end: date = DAY, bg: bool = False, precision: int = 1) -> Mention:
    return Mention(eid, eid.split(":")[0], type_, sub, a1, a2, place, lat, lon, precision,
                   start, end, bg)


@pytest.mark.parametrize(
    ("other", "rule"),
    [
        (m("r2:0"), "same place"),
        (m("r2:0", a1="sdf", a2="isis"), "same place"),  # a clash reads both ways
        (m("r2:0", a2=None), "same place"),  # an unknown actor fits
        (m("r2:0", place="p2", lat=35.01), "nearby place"),  # ~1 km
        (m("r2:0", place="p2", lat=35.2), None),  # ~22 km at precision 1
        (m("r2:0", place="p2", lat=35.2, precision=3), "nearby place"),
        (m("r2:0", start=date(2024, 2, 20), end=date(2024, 3, 2)), "same place"),
        (m("r2:0", start=date(2024, 3, 2), end=date(2024, 3, 2)), None),  # other day
        (m("r2:0", sub="Government regains territory"), None),
        (m("r2:0", a1="regime"), None),  # other actors
        (m("r1:1"), None),  # one report's events are never one
        (m("r2:0", place=None), None),
    ],
)
def test_match(other: Mention, rule: str | None) -> None:
    found = match(m("r1:0"), other, rules=RULES, related=related)
    assert (found.rule if found else None) == rule
    back = match(other, m("r1:0"), rules=RULES, related=related)
    assert (back.score if back else None) == (found.score if found else None)


def test_related_actors_match() -> None:
    a = m("r1:0", type_="Explosions/Remote violence", sub="Air/drone strike", a1="regime", a2=None)
    b = m("r2:0", type_="Explosions/Remote violence", sub="Air/drone strike",
          a1="fourth-division", a2=None)
    assert match(a, b, rules=RULES, related=related) is not None


def test_grouping_is_complete_linkage_and_order_free() -> None:
    # r3 is a day-long interval overlapping both r1 (1 Mar) and r2 (2 Mar), which differ.
    mentions = [m("r1:0"), m("r2:0", start=date(2024, 3, 2), end=date(2024, 3, 2)),
                m("r3:0", start=DAY, end=date(2024, 3, 2))]
    grouping = group_mentions(mentions, rules=RULES, related=related)
    assert len(set(grouping.groups.values())) == 2
    assert set(grouping.components.values()) == {"r1:0"}
    assert group_mentions(mentions[::-1], rules=RULES, related=related) == grouping
    apart = group_mentions(mentions, rules=RULES, related=related, apart=[("r1:0", "r3:0")])
    assert apart.groups["r1:0"] == "r1:0" and apart.groups["r3:0"] == "r2:0"


def test_background_mentions_attach_to_the_best_match_only() -> None:
    retold = m("r9:0", bg=True, start=date(2024, 2, 20), end=date(2024, 3, 5))
    near = m("r2:0", place="p2", lat=35.01)
    found = attach(retold, [near, m("r1:0")], rules=RULES, related=related)
    assert found is not None and found[0].event_id == "r1:0"
    assert attach(retold, [m("r1:0")], rules=RULES, related=related, apart=["r1:0"]) is None
    assert group_mentions([retold], rules=RULES, related=related).groups == {}


def test_link_interval() -> None:
    ev = Event("e", "Battles", "Armed clash", {"event": Span(0, 1)})
    assert link_interval(ev, report_date=DAY, rules=RULES) == (DAY, DAY)
    old = Event("e", "Battles", "Armed clash", {"event": Span(0, 1)}, background=True)
    start, end = link_interval(old, report_date=DAY, rules=RULES)
    assert end == DAY and (end - start).days == RULES.background_window_days
    long = Event("e", "Battles", "Armed clash", {"event": Span(0, 1)},
                 date_start=date(2023, 1, 1), date_end=DAY)
    start, end = link_interval(long, report_date=DAY, rules=RULES)
    assert (end - start).days == RULES.max_span_days


PLACE = Place(id="p1", name="Thiban", latitude=35.0, longitude=40.0, feature="town")


def ev(eid: str, killed: int | None, *, actor: str = "isis", bg: bool = False) -> Event:
    evidence = {"event": Span(0, 1), **({"fatalities": Span(2, 3)} if killed is not None else {})}
    return Event(eid, "Battles", "Armed clash", evidence, event_date=DAY,
                 actor1=Actor(actor, actor.upper(), 2),
                 location=Location(PLACE, 1), fatalities=Fatalities(killed or 0, killed or 0,
                                                                    killed or 0), background=bg)


@pytest.mark.parametrize(
    ("tolls", "expected", "contradiction"),
    [
        ([3, 6, 6], Fatalities(3, 6, 6), (3, 6)),
        ([3, 6], Fatalities(3, 6, 6), (3, 6)),  # a tie goes to the latest report
        ([5, 5], Fatalities(5, 5, 5), None),
        ([4, None], Fatalities(4, 4, 4), None),  # a report silent on the toll does not count
    ],
)
def test_merged_fatalities(tolls: list[int | None], expected: Fatalities,
                           contradiction: tuple[int, ...] | None) -> None:
    members = [(ev(f"r{i}:0", t), f"r{i}", date(2024, 3, 1 + i)) for i, t in enumerate(tolls)]
    merged = merge_mentions("r0:0", members)
    assert merged.event.fatalities == expected
    assert merged.event.event_id == "r0:0" and merged.report_id == "r0"
    assert merged.report_ids == tuple(f"r{i}" for i in range(len(tolls)))
    found = merged.contradictions[0].values if merged.contradictions else None
    assert found == contradiction


def test_merged_values_are_best_supported() -> None:
    members = [(ev("r0:0", 1, actor="isis"), "r0", DAY), (ev("r1:0", 1, actor="cells"), "r1", DAY),
               (ev("r2:0", 1, actor="cells"), "r2", DAY)]
    merged = merge_mentions("r0:0", members)
    assert merged.event.actor1 is not None and merged.event.actor1.id == "cells"


def test_cluster_helpers() -> None:
    assert components(["b", "a", "c"], [("b", "c")]) == {"a": "a", "b": "b", "c": "b"}
    groups = cluster(["a", "b", "c"], [(1.0, "a", "c"), (2.0, "b", "c")],
                     signature=lambda k: k, compatible=lambda x, y: {x, y} != {"a", "b"})
    assert groups == {"a": "a", "b": "b", "c": "b"}  # the best edge first
