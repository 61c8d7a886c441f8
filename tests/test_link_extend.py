"""Extending a situation by one report gives what rebuilding it from every report gives.

Invented siege chains (day counts, a second name for the siege, an unnamed imposer, a count that
disagrees, a lifting, reports without a date, out of order) are built whole report by report;
whenever :func:`extend` answers, its answer must equal the whole rebuild, and it must answer
for the plain case (one more day of the same siege).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from marsad.link.extend import Stored, extend, recited
from marsad.link.rules import load_link_rules
from marsad.link.situations import SituationBuild, SituationMention, build_situation
from marsad.model import Actor, Place

RULES = load_link_rules()
ASAYISH = Actor(id="asayish", name="Asayish", inter=2)
REGIME = Actor(id="regime", name="Military Forces of Syria", inter=1)
TOWN = Place(id="p-town", name="Town", latitude=36.0, longitude=40.0, feature="town")
FARMS = Place(id="p-farms", name="Farms", latitude=36.01, longitude=40.01, feature="village")
START = date(2020, 4, 1)


def report(i: int, rng: random.Random, *, plain: bool = False) -> list[SituationMention]:
    on = START + timedelta(days=5 + i)
    day = (on - START).days + 1
    roll = 1.0 if plain else rng.random()
    rid = "r" + hashlib.sha1(str(i).encode()).hexdigest()[:6]  # ids do not follow time
    mention = SituationMention(
        event_id=f"{rid}:0", report_id=rid, kind="siege", report_date=on,
        dated=True, actor1=ASAYISH, actor2=REGIME, place=TOWN, day=day,
    )  # fmt: skip
    variants: dict[float, dict[str, object]] = {
        0.08: dict(kind="blockade"),
        0.16: dict(actor1=None),
        0.22: dict(day=day + 3),
        0.27: dict(day=None),
        0.31: dict(dated=False),
        0.35: dict(lifts=True, day=None),
        0.39: dict(place=FARMS),
    }
    for below, change in variants.items():
        if roll < below:
            mention = _with(mention, **change)
            break
    out = [mention]
    if not plain and rng.random() < 0.2:
        out.append(_with(mention, event_id=f"{rid}:1", background=True, day=None))
    return out


def _with(m: SituationMention, **change: object) -> SituationMention:
    return replace(m, **change)  # type: ignore[arg-type]


def stored(built: SituationBuild, mentions: list[SituationMention],
           new: list[SituationMention]) -> Stored:
    s = built.situation
    told = [m for m in mentions if not m.background]
    counts: dict[str, set[str]] = {}
    for m in told:
        counts.setdefault(m.kind, set()).add(m.report_id)
    top = len(counts[s.kind])
    trailing = frozenset(k for k in {m.kind for m in new} - {s.kind}
                         if top >= len(counts.get(k, ())) + 1 + (k < s.kind))
    reference = None
    if built.contradictions:
        rid = built.contradictions[0].reports[0]
        reference = (next(m.report_date for m in mentions if m.report_id == rid), rid)
    return Stored(
        kind=s.kind, actor1=s.actor1.id if s.actor1 else None,
        actor2=s.actor2.id if s.actor2 else None, places=tuple(p.id for p in s.places),
        start_date=s.start_date, last_report_date=s.last_report_date, day=s.day,  # type: ignore[arg-type]
        start_low=built.start_low, start_high=built.start_high, lifted_date=built.lifted_date,
        dated_observed=any(m.dated and m.implied_start for m in told), reference=reference,
        trailing=trailing,
    )  # fmt: skip


def _store_would_try(mentions: list[SituationMention], new: list[SituationMention],
                     built: SituationBuild) -> bool:
    """What the store checks before it asks :func:`extend` (same key, actors that fit,
    a told mention at each place a new told mention names)."""
    told = [m.event_id for m in mentions if not m.background]
    new_told = [m for m in new if not m.background]
    s = built.situation
    if new_told and min(m.event_id for m in new_told) < min(told):
        return False
    for m in new:
        if m.actor1 is not None and (s.actor1 is None or m.actor1.id != s.actor1.id):
            return False
    places = {m.place.id for m in mentions if not m.background and m.place}
    return all(m.place is None or m.place.id in places for m in new_told)


@pytest.mark.parametrize("seed", range(12))
def test_extending_equals_rebuilding(seed: int) -> None:
    rng = random.Random(seed)
    reports = [report(i, rng) for i in range(40)]
    if seed % 3 == 1:
        rng.shuffle(reports)
    elif seed % 3 == 2:
        reports.reverse()  # an archive read newest first
    mentions = list(reports[0])
    answered = 0
    for new in reports[1:]:
        before = build_situation(mentions, rules=RULES)
        after = build_situation(mentions + new, rules=RULES)
        assert before is not None and after is not None
        if _store_would_try(mentions, new, before):
            found = extend(stored(before, mentions, new), new)
            if found is not None:
                answered += 1
                s = after.situation
                assert (found.status, found.start_date, found.last_report_date, found.day,
                        found.start_low, found.start_high, found.lifted_date) == (
                    s.status, s.start_date, s.last_report_date, s.day, after.start_low,
                    after.start_high, after.lifted_date)
                assert before.situation.id == s.id and before.situation.kind == s.kind
                assert before.situation.actor1 == s.actor1
                assert before.situation.places == s.places
                if found.recite:
                    cited = {c.reports[1] for c in before.contradictions}
                    disagreeing = [m for m in mentions if m.report_id in cited]
                    assert recited(s.id, new, disagreeing, found.start_date,
                                   rules=RULES) == after.contradictions
                else:
                    assert before.contradictions == after.contradictions
        mentions += new
    assert answered > 5


def test_one_more_day_of_the_same_siege_is_extended() -> None:
    rng = random.Random(0)
    mentions = [m for i in range(10) for m in report(i, rng, plain=True)]
    built = build_situation(mentions, rules=RULES)
    assert built is not None
    new = report(10, rng, plain=True)
    found = extend(stored(built, mentions, new), new)
    assert found is not None and found.day == built.situation.day + 1  # type: ignore[operator]
    lifted = [_with(new[0], lifts=True, day=None)]
    found = extend(stored(built, mentions, lifted), lifted)
    assert found is not None and found.status == "lifted"
    assert extend(stored(built, mentions, new), [_with(new[0], day=30)]) is None


def test_an_earlier_report_becomes_the_one_contradictions_cite() -> None:
    rng = random.Random(0)
    mentions = [m for i in range(10, 20) for m in report(i, rng, plain=True)]
    mentions[5] = _with(mentions[5], day=mentions[5].day + 4)  # type: ignore[operator]
    built = build_situation(mentions, rules=RULES)
    assert built is not None and len(built.contradictions) == 1
    new = report(9, rng, plain=True)  # read newest first: an older report comes in
    found = extend(stored(built, mentions, new), new)
    assert found is not None and found.recite
    after = build_situation(mentions + new, rules=RULES)
    assert after is not None
    disagreeing = [mentions[5]]
    assert recited(after.situation.id, new, disagreeing, found.start_date,
                   rules=RULES) == after.contradictions
    assert after.contradictions[0].reports[0] == new[0].report_id
