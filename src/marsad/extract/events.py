"""Assembly: sentences -> trigger groups -> one candidate per place -> ACLED events.

Numbered cascade, per report:

1. mentions: sentences, sections, triggers, places, actors, dates, durations, tolls, sources;
2. per sentence: live trigger groups (:mod:`marsad.extract.candidates`), one candidate per place;
   roles, coreference, defaults; date, duration, toll and source from the same sentence;
3. merge (:func:`merge_candidates`): one event per (event type, place, day); the headline's
   events fold into the body's; background only where every mention is background.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, TypeVar

from marsad.extract.candidates import Group, PlaceLike, group_triggers, live_hits, places_for_group
from marsad.extract.cues import background_cue, statistics_cue
from marsad.extract.dates import DateMention, DurationMention
from marsad.extract.fatalities import CountMention
from marsad.extract.lexicon import Lexicon, lowered
from marsad.extract.roles import CIVILIAN_INTER, MentionLike, assign_roles
from marsad.extract.sentences import Sentence
from marsad.extract.triggers import TriggerHit
from marsad.model import Actor, Span

__all__ = ["Candidate", "Mentions", "build_candidates"]

STATE_INTER = 1
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})


@dataclass(frozen=True, slots=True)
class Mentions:
    """Everything found in one report's (unstarred) text, each list sorted by offset."""

    text: str
    published: date | None
    sentences: Sequence[Sentence]
    triggers: Sequence[TriggerHit]
    places: Sequence[PlaceLike]
    actors: Sequence[MentionLike]
    dates: Sequence[DateMention]
    durations: Sequence[DurationMention]
    counts: Sequence[CountMention]
    attributions: Sequence[tuple[Span, str]]


@dataclass(slots=True)
class Candidate:
    """An event before merging: one trigger group at one place."""

    event_type: str
    sub_event_type: str
    trigger: Span
    sentence: Sentence
    situation: str | None = None
    place: PlaceLike | None = None
    place_how: str = "none"
    actor1: Actor | None = None
    actor2: Actor | None = None
    actor1_span: Span | None = None
    actor2_span: Span | None = None
    actor1_how: str = "none"
    date: DateMention | None = None
    duration: DurationMention | None = None
    killed: CountMention | None = None
    injured: CountMention | None = None
    attribution: tuple[Span, str] | None = None
    background: Span | None = None
    extra: list[CountMention] = field(default_factory=list)


class _HasSpan(Protocol):
    @property
    def span(self) -> Span: ...


T = TypeVar("T", bound=_HasSpan)


def _within(items: Sequence[T], span: Span) -> list[T]:
    """The items (sorted by start) that start inside ``span``."""
    starts = [i.span.start for i in items]
    lo, hi = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
    return list(items[lo:hi])


def build_candidates(
    m: Mentions,
    lexicon: Lexicon,
    resolve: Callable[[str], Actor | None],
) -> list[Candidate]:
    """Every candidate of the report, in text order (see the module docstring)."""
    out: list[Candidate] = []
    place_starts = [p.span.start for p in m.places]
    last_pair: tuple[Actor | None, Actor | None] = (None, None)
    last_actor: Actor | None = None
    last_source: tuple[Span, str] | None = None
    title_actor: dict[str, Actor] = {}
    for sent in m.sentences:
        span = sent.span
        hits = _within(m.triggers, span)
        if hits and statistics_cue(m.text, span, lexicon) is not None:
            continue
        sources = [(s, label) for s, label in m.attributions if span.start <= s.start < span.end]
        if sources:
            last_source = sources[0]
        actors = _within(m.actors, span)
        live = live_hits(m.text, hits, span, lexicon)
        bg = None if sent.is_title else background_cue(m.text, span, lexicon)
        groups = group_triggers(m.text, live, span, place_starts, lexicon)
        prev_actor1: Actor | None = None
        claimed: set[int] = set()
        sent_cands: list[tuple[Group, list[Candidate]]] = []
        for g in groups:
            roles = assign_roles(
                m.text,
                g.span,
                clause=g.clause,
                sentence=span,
                mentions=actors,
                pairwise=g.event_type in {"Battles", "Violence against civilians"},
            )
            a1 = roles.actor1.actor if roles.actor1 else None
            a2 = roles.actor2.actor if roles.actor2 else None
            how = roles.how
            a1_span = roles.actor1.span if roles.actor1 else None
            if a1 is None:
                clause_text = lowered(m.text)[g.clause.start : g.clause.end]
                if lexicon.two_sides.search(clause_text) and last_pair[0] is not None:
                    a1, a2, how = last_pair[0], a2 or last_pair[1], "coref"
                elif lexicon.last_actor.search(clause_text) and last_actor is not None:
                    a1, how = last_actor, "coref"
                elif prev_actor1 is not None:
                    a1, how = prev_actor1, "previous"
                elif g.event_type in title_actor and not sent.is_title:
                    a1, how = title_actor[g.event_type], "title"
            if g.rule.default_actor1 and (a1 is None or _needs_default(g, a1)):
                a1, how, a1_span = resolve(g.rule.default_actor1), "default", None
            if not g.rule.actor2 or (a2 is not None and a1 is not None and a2.id == a1.id):
                a2 = None
            event_type, sub = g.event_type, g.sub_event_type
            if a1 is not None and a1.inter == STATE_INTER and g.rule.state_sub_event_type:
                sub = g.rule.state_sub_event_type
            if a2 is not None and a2.inter == CIVILIAN_INTER and g.rule.civilian_target:
                event_type, sub = g.rule.civilian_target
            elif a2 is not None and a2.inter in ARMED_INTERS and g.rule.armed_target:
                event_type, sub = g.rule.armed_target
            prev_actor1 = a1 or prev_actor1
            if sent.is_title and a1 is not None and how not in {"default", "none"}:
                title_actor.setdefault(event_type, a1)
            if a1 is not None and a1.inter != CIVILIAN_INTER:
                last_actor = a1
                if event_type == "Battles" and a2 is not None:
                    last_pair = (a1, a2)
            places, place_how = places_for_group(g, m.places, span, text=m.text, claimed=claimed)
            claimed.update(p.span.start for p in places)
            cands = [
                Candidate(
                    event_type=event_type,
                    sub_event_type=sub,
                    trigger=g.span,
                    sentence=sent,
                    situation=g.rule.situation,
                    place=p,
                    place_how=place_how,
                    actor1=a1,
                    actor2=a2,
                    actor1_span=a1_span,
                    actor2_span=roles.actor2.span if roles.actor2 else None,
                    actor1_how=how,
                    attribution=sources[0] if sources else last_source,
                    background=bg,
                )
                for p in ([*places] if places else [None])
            ]
            sent_cands.append((g, cands))
        _attach_sentence_facts(m, span, sent_cands)
        for _, cands in sent_cands:
            out.extend(cands)
    return out


def _needs_default(g: Group, actor: Actor) -> bool:
    """Protests are by protesters, whoever else the sentence names."""
    return g.event_type in {"Protests", "Riots"} and actor.inter not in {5, 6}


def _attach_sentence_facts(
    m: Mentions, span: Span, groups: list[tuple[Group, list[Candidate]]]
) -> None:
    if not groups:
        return
    dates = _within(m.dates, span)
    durations = _within(m.durations, span)
    counts = _within(m.counts, span)
    for g, cands in groups:
        d = _nearest(dates, g.span)
        for c in cands:
            c.date = d
            if g.rule.situation is not None or len(groups) == 1:
                c.duration = _nearest(durations, g.span)
    for count in counts:
        g, cands = _owner(groups, count.span)
        target = _place_owner(cands, count.span)
        if count.kind == "killed":
            if target.killed is None or count.update:
                target.killed = count
            else:
                target.extra.append(count)
        elif target.injured is None:
            target.injured = count


def _nearest(items: Sequence[T], span: Span) -> T | None:
    best: tuple[int, T] | None = None
    for it in items:
        dist = min(abs(it.span.start - span.end), abs(span.start - it.span.end))
        if best is None or dist < best[0]:
            best = (dist, it)
    return best[1] if best else None


def _owner(
    groups: list[tuple[Group, list[Candidate]]], span: Span
) -> tuple[Group, list[Candidate]]:
    """The group a toll belongs to: the one whose clause holds it, else the nearest before it."""
    for g, cands in groups:
        if g.clause.start <= span.start < g.clause.end:
            return g, cands
    before = [gc for gc in groups if gc[0].span.start <= span.start]
    return before[-1] if before else groups[0]


def _place_owner(cands: list[Candidate], span: Span) -> Candidate:
    best = cands[0]
    for c in cands:
        if c.place is not None and c.place.span.start <= span.start:
            best = c
    return best
