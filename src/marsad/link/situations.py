"""Situations (sieges, blockades, curfews ...) followed across reports.

A situation mention is one report's event carrying a :class:`~marsad.model.SituationRef`.  Two
mentions are *linked* (:func:`situation_edges`) when their kinds are one family (a siege is
often called a blockade: ``data/link_cues.yaml``), their actors are compatible (the same
canonical actor, or related in the registry; an unknown actor fits any) and either they come
from the same report, or they name the same place within ``situation_gap_days`` of each other.
:func:`group_situations` groups linked mentions with complete linkage on actors, so a siege by
the Asayish and a siege by the 4th Division of the same neighbourhood stay two situations.
Everything here is a pure function of the set of mentions: ingest order never matters.

:func:`build_situation` derives the situation: its kind, actors and places (most reports
first), the start date best supported by the day counts ("for the 13th day in a row" on
25 January starts it on 13 January) with its range, the current day count, the status (a
lifting cue in a later-or-equal report closes it), and the reports whose counts disagree.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from marsad.geo import place_km
from marsad.link.cluster import cluster
from marsad.link.contradictions import LinkedContradiction
from marsad.link.dedup import Related
from marsad.link.rules import LinkRules
from marsad.model import Actor, Place, Situation, Span

__all__ = [
    "SituationBuild",
    "SituationMention",
    "SituationTimeline",
    "TimelineEntry",
    "build_situation",
    "current_status",
    "disagreements",
    "group_situations",
    "is_bare_lifting",
    "lifting_reach_km",
    "situation_edges",
    "situation_id",
]


_NOWHERE = Span(0, 0)


@dataclass(frozen=True, slots=True)
class SituationMention:
    """One report's word on a situation."""

    event_id: str
    report_id: str
    kind: str
    report_date: date  # publication date, or the ingest date when the report has none
    dated: bool  # whether report_date is a publication date
    actor1: Actor | None = None
    actor2: Actor | None = None
    place: Place | None = None
    day: int | None = None
    start: date | None = None  # a start date the report gives
    lifts: bool = False  # the report says it ended
    background: bool = False
    evidence: Span = _NOWHERE
    said: str = ""  # the words of the evidence

    @property
    def implied_start(self) -> date | None:
        """The start date this mention gives or implies (day N on D: D - (N - 1))."""
        if self.start is not None:
            return self.start
        if self.day is not None and self.day > 0:
            return self.report_date - timedelta(days=self.day - 1)
        return None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A line of a situation's timeline: what one report said, and when."""

    report_id: str
    report_date: date
    dated: bool
    event_id: str
    place: str | None
    day: int | None
    implied_start: date | None
    lifts: bool
    evidence: Span
    said: str


@dataclass(frozen=True, slots=True)
class SituationBuild:
    """A situation as derived from its mentions, with what does not fit in the model."""

    situation: Situation
    start_low: date | None
    start_high: date | None
    lifted_date: date | None
    contradictions: tuple[LinkedContradiction, ...]
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True, slots=True)
class SituationTimeline:
    """``marsad situation ID``: the situation, its start-date range and report by report."""

    situation: Situation
    start_low: date | None
    start_high: date | None
    lifted_date: date | None
    days_since_report: int | None
    entries: tuple[TimelineEntry, ...]
    contradictions: tuple[LinkedContradiction, ...]


def situation_id(key: str) -> str:
    """A stable id for a situation key: ``"s"`` + 16 hex of its SHA-256."""
    return "s" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _fits(a: Actor | None, b: Actor | None, related: Related) -> bool:
    return a is None or b is None or a.id == b.id or related(a.id, b.id)


def _ids(m: SituationMention) -> tuple[str | None, str | None]:
    return (m.actor1.id if m.actor1 else None, m.actor2.id if m.actor2 else None)


def situation_edges(
    mentions: Sequence[SituationMention], *, rules: LinkRules, related: Related
) -> list[tuple[float, str, str]]:
    """Scored links between mentions of one report, or of one place close in time."""
    buckets: dict[tuple[str, str], list[SituationMention]] = defaultdict(list)
    for m in mentions:
        family = rules.family(m.kind)
        buckets[(family, "report:" + m.report_id)].append(m)
        if m.place is not None:
            buckets[(family, "place:" + m.place.id)].append(m)
    gap = timedelta(days=rules.situation_gap_days)
    edges: dict[tuple[str, str], float] = {}

    def link(a: SituationMention, b: SituationMention, same_report: bool) -> None:
        if not (_fits(a.actor1, b.actor1, related) and _fits(a.actor2, b.actor2, related)):
            return
        score = (2.0 if same_report else 1.0) + (
            0.5 if a.actor1 and b.actor1 and a.actor1.id == b.actor1.id else 0.0
        ) - abs((b.report_date - a.report_date).days) / (10 * max(gap.days, 1))
        key = (min(a.event_id, b.event_id), max(a.event_id, b.event_id))
        edges[key] = max(edges.get(key, score), score)

    for (_family, where), members in buckets.items():
        members.sort(key=lambda m: (m.report_date, m.event_id))
        if where.startswith("report:"):
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    link(a, b, True)
            continue
        # Within a place, each mention links to the latest earlier mention of each actor pair
        # within the gap: the same components as linking every pair, at a cost that stays
        # linear in the number of mentions however long the situation lasts.
        kinds = {_ids(m) for m in members}
        for i, b in enumerate(members):
            seen: set[tuple[str | None, str | None]] = set()
            for a in reversed(members[:i]):
                if b.report_date - a.report_date > gap or len(seen) == len(kinds):
                    break
                if _ids(a) not in seen:
                    seen.add(_ids(a))
                    link(a, b, False)
    # A bare lifting ("a deal at the airport ending the blockade of X"): it names no side and
    # may be told at a facility near the places under siege, so it reaches mentions of its
    # kind family within the "near" radius, not only at its own place.
    reach = lifting_reach_km(rules)
    for (_family, where), members in buckets.items():
        if not where.startswith("place:"):
            continue
        for a in members:
            if not is_bare_lifting(a) or a.place is None:
                continue
            for b in mentions:
                if (b.place is None or b.place.id == a.place.id
                        or rules.family(b.kind) != _family
                        or abs((b.report_date - a.report_date).days) > gap.days
                        or place_km(a.place, b.place) > reach):
                    continue
                link(a, b, False)
    return [(score, a, b) for (a, b), score in edges.items()]


def is_bare_lifting(m: SituationMention) -> bool:
    """A mention that only says a situation ended, naming no side (see :func:`situation_edges`)."""
    return m.lifts and m.actor1 is None and m.actor2 is None


def lifting_reach_km(rules: LinkRules) -> float:
    """How far a bare lifting reaches: the radius of a place "near" another (precision 2)."""
    return rules.radius(2, 2)


def group_situations(
    mentions: Sequence[SituationMention], *, rules: LinkRules, related: Related,
    edges: Sequence[tuple[float, str, str]] | None = None,
) -> dict[str, str]:
    """Each mention's group (its smallest event id); unrelated imposing actors never share one.

    ``edges``: :func:`situation_edges` of ``mentions`` when the caller has them already.
    """
    by_id = {m.event_id: m for m in mentions}
    signatures = {
        m.event_id: (rules.family(m.kind), *_ids(m)) for m in mentions
    }

    def compatible(x: tuple[str, str | None, str | None],
                   y: tuple[str, str | None, str | None]) -> bool:
        pairs = ((x[1], y[1]), (x[2], y[2]))
        return x[0] == y[0] and all(
            a is None or b is None or a == b or related(a, b) for a, b in pairs
        )

    return cluster(
        sorted(by_id),
        situation_edges(mentions, rules=rules, related=related) if edges is None else edges,
        signature=lambda k: signatures[k],
        compatible=compatible,
    )


def _ranked(items: Iterable[tuple[str, str]]) -> list[str]:
    """Values by the number of distinct reports giving them (most first, then by value)."""
    reports: dict[str, set[str]] = defaultdict(set)
    for value, report_id in items:
        reports[value].add(report_id)
    return sorted(reports, key=lambda v: (-len(reports[v]), v))


def _best_start(observed: Sequence[SituationMention], tolerance: int) -> date:
    starts = [m.implied_start for m in observed if m.implied_start is not None]
    exact = Counter(starts)
    by_day: dict[date, set[str]] = defaultdict(set)
    for m in observed:
        if m.implied_start is not None:
            by_day[m.implied_start].add(m.report_id)

    def support(day: date) -> int:
        near = (by_day.get(day + timedelta(days=k), set())
                for k in range(-tolerance, tolerance + 1))
        return len(set().union(*near))

    return max(exact, key=lambda d: (support(d), exact[d], -d.toordinal()))


def disagreements(
    sid: str, observed: Sequence[SituationMention], best: date, tolerance: int
) -> tuple[LinkedContradiction, ...]:
    """The reports whose start date is more than ``tolerance`` days from ``best``, each against
    the first report (by date, then id) that gives ``best``."""
    ordered = sorted(observed, key=lambda m: (m.report_date, m.report_id, m.event_id))
    reference = next(m for m in ordered if m.implied_start == best)
    out: list[LinkedContradiction] = []
    seen: set[str] = set()
    for m in ordered:
        start = m.implied_start
        if start is None or m.report_id == reference.report_id or m.report_id in seen:
            continue
        if abs((start - best).days) <= tolerance:
            continue
        seen.add(m.report_id)
        values: tuple[str | int, str | int]
        if m.report_date == reference.report_date and m.day is not None and reference.day:
            field, values = "situation.day", (reference.day, m.day)
        else:
            field, values = "situation.start_date", (best.isoformat(), start.isoformat())
        out.append(LinkedContradiction(field=field, subject=sid, values=values,
                                       reports=(reference.report_id, m.report_id),
                                       evidence=(reference.evidence, m.evidence)))
    return tuple(out)


def _specific(ranked: Sequence[str], actors: dict[str, Actor]) -> Actor | None:
    """The best-supported actor, or the unit of it the reports also name (4th Division, not
    the army it belongs to)."""
    if not ranked:
        return None
    chosen = actors[ranked[0]]
    seen = {chosen.id}
    while True:
        child = next((actors[a] for a in ranked if actors[a].parent == chosen.id), None)
        if child is None or child.id in seen:
            return chosen
        chosen = child
        seen.add(chosen.id)


def build_situation(
    mentions: Sequence[SituationMention], *, rules: LinkRules
) -> SituationBuild | None:
    """The situation its mentions describe; ``None`` when all of them are background."""
    told = [m for m in mentions if not m.background]
    if not told:
        return None
    key = min(m.event_id for m in told)
    sid = situation_id(key)
    kind = _ranked((m.kind.strip().lower(), m.report_id) for m in told)[0]
    actors = {a.id: a for m in told for a in (m.actor1, m.actor2) if a is not None}
    first = _ranked((m.actor1.id, m.report_id) for m in told if m.actor1)
    second = _ranked((m.actor2.id, m.report_id) for m in told if m.actor2)
    places = {m.place.id: m.place for m in mentions if m.place is not None}
    place_ids = _ranked((m.place.id, m.report_id) for m in told if m.place is not None)
    place_ids += sorted(set(places) - set(place_ids))
    last = max(m.report_date for m in mentions)
    observed = [m for m in told if m.implied_start is not None and m.dated] or [
        m for m in told if m.implied_start is not None
    ]
    lifts = [m.report_date for m in told if m.lifts]
    going = [m.report_date for m in told if not m.lifts]
    lifted_date = max(lifts) if lifts and (not going or max(lifts) >= max(going)) else None
    contradictions: tuple[LinkedContradiction, ...] = ()
    start_low = start_high = None
    day = None
    if observed:
        start = _best_start(observed, rules.start_tolerance_days)
        implied = [m.implied_start for m in observed if m.implied_start is not None]
        start_low, start_high = min(implied), max(implied)
        day = ((lifted_date or last) - start).days + 1
        dated = [m for m in observed if m.dated]
        if dated:
            contradictions = disagreements(sid, dated, start, rules.start_tolerance_days)
    else:
        start = min(m.report_date for m in told)
    entries = tuple(
        TimelineEntry(report_id=m.report_id, report_date=m.report_date, dated=m.dated,
                      event_id=m.event_id, place=m.place.name if m.place else None, day=m.day,
                      implied_start=m.implied_start, lifts=m.lifts, evidence=m.evidence,
                      said=m.said)
        for m in sorted(mentions, key=lambda m: (m.report_date, m.report_id, m.event_id))
    )
    situation = Situation(
        id=sid,
        kind=kind,
        status="lifted" if lifted_date is not None else "ongoing",
        start_date=start,
        last_report_date=last,
        day=day,
        actor1=_specific(first, actors),
        actor2=_specific(second, actors),
        places=tuple(places[p] for p in place_ids),
        report_ids=tuple(dict.fromkeys(e.report_id for e in entries)),
        contradictions=tuple(c.as_contradiction() for c in contradictions),
        start_low=start_low,
        start_high=start_high,
        lifted_date=lifted_date,
    )
    return SituationBuild(situation=situation, start_low=start_low, start_high=start_high,
                          lifted_date=lifted_date, contradictions=contradictions,
                          entries=entries)


def current_status(situation: Situation, *, today: date, rules: LinkRules) -> str:
    """``lifted``, ``ongoing``, or ``unknown`` when no report has come for too long."""
    if situation.status != "ongoing" or situation.last_report_date is None:
        return situation.status
    if (today - situation.last_report_date).days > rules.unknown_after_days:
        return "unknown"
    return "ongoing"
