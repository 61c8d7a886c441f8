"""Deduplication: which mentions (one report's event each) describe one happening, and its values.

Two mentions *match* (:func:`match`) when they come from different reports, have the same event
type and sub-type, compatible actors (the same canonical actor, or one the other's parent or
ancestor; an unknown actor fits any), the same place (same gazetteer id, or closer than the
radius their geo-precisions allow) and overlapping date intervals.  Mentions are grouped by
:func:`group_mentions` (complete linkage: every pair in a group matches; see
:mod:`marsad.link.leaders`), a pure function of the set of mentions, so the order reports arrive
in never changes the groups.  A background mention
(a retold event) never starts a group: :func:`attach` picks the group it retells.

>>> from datetime import date
>>> from marsad.link.rules import load_link_rules
>>> day = date(2024, 3, 1)
>>> a = Mention("r1:0", "r1", "Battles", "Armed clash", "regime", "isis", "p1", 35.0, 38.0, 1,
...             day, day)
>>> b = Mention("r2:3", "r2", "Battles", "Armed clash", "isis", None, "p1", 35.0, 38.0, 2,
...             day, day)
>>> match(a, b, rules=load_link_rules(), related=str.__eq__).rule
'same place'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TypeVar

from marsad.geo import haversine_km
from marsad.link.cluster import components
from marsad.link.contradictions import LinkedContradiction, Said, disagreement
from marsad.link.leaders import MemoryGraph, labels, regroup
from marsad.link.rules import LinkRules
from marsad.model import Actor, Event, Fatalities, Location

__all__ = [
    "Grouping",
    "Match",
    "Mention",
    "Merged",
    "Related",
    "attach",
    "group_mentions",
    "link_interval",
    "match",
    "merge_mentions",
]

Related = Callable[[str, str], bool]
T = TypeVar("T")
_SYMMETRIC_TYPES = frozenset({"Battles"})  # "A clashed with B" is "B clashed with A"


@dataclass(frozen=True, slots=True)
class Mention:
    """What linking needs of one stored event (one report's account of a happening)."""

    event_id: str
    report_id: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    place_id: str | None
    latitude: float | None
    longitude: float | None
    precision: int | None
    start: date
    end: date
    background: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """Why two mentions are one event: the rule that held and the scores behind it."""

    rule: str
    score: float
    scores: Mapping[str, float] = field(default_factory=dict)


def link_interval(
    event: Event, *, report_date: date, rules: LinkRules
) -> tuple[date, date]:
    """The days an event may have happened on, for linking.

    Its own dates when it has them; else the report's date (publication, or ingest when the
    report has none), reaching back ``background_window_days`` for a retold event.  Intervals
    longer than ``max_span_days`` are clipped to their last days.
    """
    start = event.date_start or event.event_date
    end = event.date_end or event.event_date or start
    if start is None or end is None:
        end = report_date
        start = end - timedelta(days=rules.background_window_days if event.background else 0)
    if end < start:
        start, end = end, start
    span = timedelta(days=rules.max_span_days)
    return max(start, end - span), end


def _km(a: Mention, b: Mention) -> float | None:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    return haversine_km(float(a.latitude), float(a.longitude),
                        float(b.latitude), float(b.longitude))


def _actor_score(a: str | None, b: str | None, related: Related) -> float | None:
    if a is None or b is None:
        return 0.5
    if a == b:
        return 1.0
    return 0.75 if related(a, b) else None


def _actors(a: Mention, b: Mention, related: Related) -> float | None:
    pairs = [((a.actor1, b.actor1), (a.actor2, b.actor2))]
    if a.event_type in _SYMMETRIC_TYPES:
        pairs.append(((a.actor1, b.actor2), (a.actor2, b.actor1)))
    best: float | None = None
    for first, second in pairs:
        s1, s2 = _actor_score(*first, related), _actor_score(*second, related)
        if s1 is not None and s2 is not None and (best is None or (s1 + s2) / 2 > best):
            best = (s1 + s2) / 2
    return best


def match(a: Mention, b: Mention, *, rules: LinkRules, related: Related) -> Match | None:
    """Whether ``a`` and ``b`` are one happening, and why; ``None`` when they are not."""
    if a.report_id == b.report_id or a.event_type != b.event_type:
        return None
    if a.sub_event_type != b.sub_event_type or a.place_id is None or b.place_id is None:
        return None
    if a.start > b.end or b.start > a.end:
        return None
    if a.place_id == b.place_id:
        rule, place = "same place", 1.0
    else:
        km = _km(a, b)
        radius = rules.radius(a.precision, b.precision)
        if km is None or km > radius:
            return None
        rule, place = "nearby place", 1.0 - 0.5 * km / radius if radius else 1.0
    actors = _actors(a, b, related)
    if actors is None:
        return None
    overlap = (min(a.end, b.end) - max(a.start, b.start)).days + 1
    union = (max(a.end, b.end) - min(a.start, b.start)).days + 1
    when = overlap / union
    scores = {"place": round(place, 3), "actors": actors, "date": round(when, 3)}
    return Match(rule=rule, score=round(place + actors + when, 3), scores=scores)


@dataclass(frozen=True, slots=True)
class Grouping:
    """Where :func:`group_mentions` put each mention (keys are event ids)."""

    groups: Mapping[str, str]  # event id -> group id (the group's smallest event id)
    components: Mapping[str, str]  # event id -> smallest event id it is linked to by matches
    partners: Mapping[str, tuple[str, Match]]  # best partner in its group, and why


def _pairs(mentions: Sequence[Mention]) -> Iterable[tuple[Mention, Mention]]:
    """The pairs whose date intervals overlap (a sweep by start date, not every pair)."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.event_id))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.start > a.end:
                break
            yield a, b


def group_mentions(
    mentions: Sequence[Mention],
    *,
    rules: LinkRules,
    related: Related,
    apart: Iterable[tuple[str, str]] = (),
) -> Grouping:
    """Group the non-background mentions (:mod:`marsad.link.leaders`: complete linkage, each
    mention in rank order joining the group whose leader it matches best).

    ``apart`` holds pairs a user separated (``unmerge``): never in one group, though still in
    one component (mentions linked by matches).
    """
    by_id = {m.event_id: m for m in mentions if not m.background}
    split = {frozenset(pair) for pair in apart}
    found: dict[tuple[str, str], Match] = {}
    for a, b in _pairs(list(by_id.values())):
        m = match(a, b, rules=rules, related=related)
        if m is not None:
            found[(min(a.event_id, b.event_id), max(a.event_id, b.event_id))] = m
    allowed = {pair: m for pair, m in found.items() if frozenset(pair) not in split}
    ids = sorted(by_id)
    graph = MemoryGraph(ids, {pair: m.score for pair, m in allowed.items()})
    groups = {key: key for key in ids}
    groups.update(labels(regroup(ids, graph), graph))
    members: dict[str, list[str]] = {}
    for key, group in groups.items():
        members.setdefault(group, []).append(key)
    partners = {}
    for key, group in groups.items():
        scored = [(-allowed[(min(key, o), max(key, o))].score, o)
                  for o in members[group] if o != key]
        if scored:
            other = min(scored)[1]
            partners[key] = (other, allowed[(min(key, other), max(key, other))])
    return Grouping(groups=groups, components=components(ids, found), partners=partners)


def attach(
    mention: Mention,
    candidates: Iterable[Mention],
    *,
    rules: LinkRules,
    related: Related,
    apart: Iterable[str] = (),
) -> tuple[Mention, Match] | None:
    """The non-background mention a background one retells best (``None``: it retells none)."""
    excluded = set(apart)
    best: tuple[float, str, Mention, Match] | None = None
    for other in candidates:
        if other.background or other.event_id in excluded:
            continue
        m = match(mention, other, rules=rules, related=related)
        if m is None:
            continue
        if best is None or (-m.score, other.event_id) < (-best[0], best[1]):
            best = (m.score, other.event_id, other, m)
    return None if best is None else (best[2], best[3])


@dataclass(frozen=True, slots=True)
class Merged:
    """One happening as all its mentions tell it."""

    event: Event  # event_id is the group id; evidence points into ``report_id``
    report_id: str
    report_ids: tuple[str, ...]
    mentions: tuple[str, ...]
    contradictions: tuple[LinkedContradiction, ...] = ()


def _best(values: Iterable[tuple[T, str]], *, prefer: T | None = None) -> T | None:
    """The value said by most reports (``prefer`` on a tie, else the first in order)."""
    reports: dict[T, set[str]] = {}
    for value, report_id in values:
        reports.setdefault(value, set()).add(report_id)
    if not reports:
        return None
    top = max(len(r) for r in reports.values())
    tied = [v for v, r in reports.items() if len(r) == top]
    return prefer if prefer in tied else tied[0]


def _actor(members: Sequence[tuple[Event, str, date]], name: str, rep: Event) -> Actor | None:
    actors: dict[str, Actor] = {}
    said: list[tuple[str, str]] = []
    for ev, rid, _ in members:
        actor = getattr(ev, name)
        if isinstance(actor, Actor):
            actors.setdefault(actor.id, actor)
            said.append((actor.id, rid))
    preferred = getattr(rep, name)
    chosen = _best(said, prefer=preferred.id if isinstance(preferred, Actor) else None)
    return None if chosen is None else actors[chosen]


def _fatalities(
    group_id: str, members: Sequence[tuple[Event, str, date]]
) -> tuple[Fatalities, LinkedContradiction | None]:
    telling = [(ev, rid, day) for ev, rid, day in members
               if "fatalities" in ev.evidence or ev.fatalities.best > 0]
    if not telling:
        return members[0][0].fatalities, None
    counts = Counter(ev.fatalities.best for ev, _, _ in telling)
    latest = {ev.fatalities.best: (day, ev.fatalities.best) for ev, _, day in
              sorted(telling, key=lambda t: (t[2], t[0].fatalities.best))}
    best = max(counts, key=lambda v: (counts[v], latest[v]))
    low = min(ev.fatalities.low for ev, _, _ in telling)
    high = max(ev.fatalities.high for ev, _, _ in telling)
    said = [Said(rid, ev.evidence.get("fatalities", ev.evidence["event"]), ev.fatalities.best)
            for ev, rid, _ in sorted(telling, key=lambda t: (t[2], t[1]))]
    return Fatalities(low=low, best=best, high=high), disagreement("fatalities", group_id, said)


def merge_mentions(group_id: str, members: Sequence[tuple[Event, str, date]]) -> Merged:
    """The event a group of mentions describes: each field its best-supported value.

    ``members`` are (event, report id, report date).  The group's representative is the
    mention whose event id is the group id; ties between values go to it.  Fatalities span
    ``low``/``high`` across reports, ``best`` is the toll most reports give (the latest on a tie),
    and different tolls are a contradiction.
    """
    ordered = sorted(members, key=lambda m: (m[0].event_id, m[1]))
    rep_event, rep_report, _ = next(
        (m for m in ordered if m[0].event_id == group_id), ordered[0]
    )
    told = [m for m in ordered if not m[0].background] or ordered
    places: dict[str, Location] = {}
    for ev, _, _ in told:
        if ev.location is not None:
            places.setdefault(ev.location.place.id, ev.location)
    place_id = _best(((ev.location.place.id, rid) for ev, rid, _ in told
                      if ev.location is not None),
                     prefer=rep_event.location.place.id if rep_event.location else None)
    dates = _best(((ev.event_date, ev.date_start, ev.date_end, ev.time_precision), rid)
                  for ev, rid, _ in told)
    situations = [ev.situation for ev, _, _ in ordered if ev.situation is not None]
    fatalities, contradiction = _fatalities(group_id, ordered)
    injured = [ev.injured for ev, _, _ in ordered if ev.injured is not None]
    assoc: dict[str, Actor] = {}
    for ev, _, _ in ordered:
        for actor in ev.assoc_actors:
            assoc.setdefault(actor.id, actor)
    event_date, date_start, date_end, precision = dates or (None, None, None, 3)
    event = replace(
        rep_event,
        event_id=group_id,
        event_date=event_date,
        date_start=date_start,
        date_end=date_end,
        time_precision=precision,
        actor1=_actor(told, "actor1", rep_event),
        actor2=_actor(told, "actor2", rep_event),
        assoc_actors=tuple(assoc.values()),
        location=places[place_id] if place_id is not None else None,
        fatalities=fatalities,
        injured=max(injured) if injured else None,
        situation=rep_event.situation or (situations[0] if situations else None),
        background=False,
        confidence=max(ev.confidence for ev, _, _ in ordered),
    )
    return Merged(
        event=event,
        report_id=rep_report,
        report_ids=tuple(sorted({rid for _, rid, _ in ordered})),
        mentions=tuple(ev.event_id for ev, _, _ in ordered),
        contradictions=() if contradiction is None else (contradiction,),
    )


