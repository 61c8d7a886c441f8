"""Per-sentence event candidates: trigger groups, their places, actors, dates and tolls.

A sentence's surviving triggers (not negated, not hypothetical; weak ones only when no strong one
is present) are grouped: neighbouring triggers of the same event type with no place between them
are one group ("warplanes carried out raids on X").  Each group owns the clause from its first
trigger to the next group; the places in that clause give one candidate per place.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from marsad.extract.cues import hypothetical_cue, negation_cue
from marsad.extract.lexicon import Lexicon, TriggerRule
from marsad.extract.triggers import TriggerHit, instrument_sub_event
from marsad.model import Place, Span

__all__ = ["Group", "PlaceLike", "group_triggers", "places_for_group"]


class PlaceLike(Protocol):
    """What assembly needs of a place mention (``marsad.resolve.geocode.PlaceMention`` fits)."""

    @property
    def span(self) -> Span: ...
    @property
    def place(self) -> Place: ...
    @property
    def geo_precision(self) -> int: ...


@dataclass(slots=True)
class Group:
    """Triggers of one event type read as one happening; ``clause`` is the text it owns."""

    hits: list[TriggerHit]
    event_type: str
    sub_event_type: str
    rule: TriggerRule
    clause: Span = field(default_factory=lambda: Span(0, 0))

    @property
    def span(self) -> Span:
        return self.hits[0].span.cover(self.hits[-1].span)


# Two triggers this close are one happening ("Turkish drone attacked", "warplanes bombed").
_ADJACENT = re.compile(r"[^,;.:()]{0,12}")
# A weapon named as the means of the previous trigger ("targeted a car with two missiles").
_INSTRUMENT = re.compile(r"\b(?:with|using|by means of)\s+(?:[\w-]+\s+){0,2}$", re.I)
_FROM = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:(?:city|town|village|villages|towns|area|areas)\s+of\s+)?$", re.I
)
# What may stand between two names of one list: commas, "and", "the areas of", and other
# (capitalised) names the gazetteer does not know.
_LIST_GAP = re.compile(
    r"[\s,&]*(?:(?:and|the|city|town|village|villages|area|areas|of|camp|[A-Z][\w’'-]*)[\s,&]*)*"
)
_ADMIN_FEATURES = frozenset({"country", "governorate", "district", "subdistrict", "region"})
# Weapon words that are still the same happening as a clash ("clashes and mutual shelling").
_SHORT_GAP = 40
# A weak trigger ("killed") within this many characters of a strong one is that event's toll.
_WEAK_REACH = 120


def live_hits(
    text: str, hits: Sequence[TriggerHit], sentence: Span, lexicon: Lexicon
) -> list[TriggerHit]:
    """Hits that stand: not negated or hypothetical; weak ones only when no strong one does."""
    kept = [
        h
        for h in hits
        if h.rule.strength > 0
        and negation_cue(text, h.span, sentence, lexicon) is None
        and hypothetical_cue(text, h.span, sentence, lexicon) is None
    ]
    strong = [h.span for h in kept if h.rule.strength >= 2]
    return [
        h
        for h in kept
        if h.rule.strength >= 2
        or not any(abs(s.start - h.span.start) < _WEAK_REACH for s in strong)
    ]


def group_triggers(
    text: str,
    hits: Sequence[TriggerHit],
    sentence: Span,
    place_starts: Sequence[int],
    lexicon: Lexicon,
) -> list[Group]:
    """Group a sentence's live hits and give each group its clause."""
    groups: list[Group] = []
    for hit in hits:
        sub = hit.rule.sub_event_type
        if hit.rule.instrument:
            sub = instrument_sub_event(text, hit, sentence, lexicon)
        if groups:
            last = groups[-1]
            between = bisect.bisect_left(place_starts, last.span.end) < bisect.bisect_left(
                place_starts, hit.span.start
            )
            gap = text[last.span.end : hit.span.start]
            if not between and (_ADJACENT.fullmatch(gap) or _INSTRUMENT.search(gap)):
                last.hits.append(hit)  # "drone attacked", "targeted X with two missiles"
                continue
            same = last.event_type == hit.rule.event_type and (
                last.sub_event_type == sub or last.rule.instrument or hit.rule.instrument
            )
            if same and not between:
                last.hits.append(hit)
                if last.rule.instrument and not hit.rule.instrument:
                    last.rule, last.sub_event_type = hit.rule, sub
                continue
        groups.append(Group([hit], hit.rule.event_type, sub, hit.rule))
    for i, g in enumerate(groups):
        start = groups[i - 1].span.end if i else sentence.start
        end = groups[i + 1].span.start if i + 1 < len(groups) else sentence.end
        g.clause = Span(start, end)
    return groups


def places_for_group(
    group: Group,
    places: Sequence[PlaceLike],
    sentence: Span,
    *,
    text: str = "",
    claimed: set[int] | None = None,
) -> tuple[list[PlaceLike], str]:
    """The places a group's event happened at, and how they were found.

    After the trigger in its clause; else before it in its clause; else the last run of places
    earlier in the sentence ("... encircling these areas").  Containers of a more specific place
    ("X in the countryside of Aleppo") are dropped.  Places an earlier group of the sentence
    already took (``claimed``: their start offsets) are reused only once, the nearest one
    ("clashes in X, Y and Z amid shelling": the shelling is not at every village).
    """
    taken = claimed if claimed is not None else set()
    span = group.span
    after = _not_origin(text, [p for p in places if span.end <= p.span.start < group.clause.end])
    if after:
        return _specific(after), "after"
    before = [p for p in places if group.clause.start <= p.span.start and p.span.end <= span.start]
    before = _not_origin(text, before)
    if before:
        return _unclaimed(_specific(before), taken), "before"
    earlier = [p for p in places if sentence.start <= p.span.start and p.span.end <= span.start]
    if earlier:
        run = [earlier[-1]]
        for p in reversed(earlier[:-1]):
            if run[0].span.start - p.span.end > _SHORT_GAP:
                break
            run.insert(0, p)
        return _unclaimed(_specific(run), taken), "sentence"
    return [], "none"


def _not_origin(text: str, found: list[PlaceLike]) -> list[PlaceLike]:
    """Drop where people came from ("residents from X, Y and Z headed to ...", "a young man from
    Aleppo was kidnapped in X"), when another place is left."""
    if not text or len(found) < 2:
        return found
    kept: list[PlaceLike] = []
    chain_end: int | None = None  # end of the current "from X, Y and Z" list
    for p in found:
        if chain_end is not None and _LIST_GAP.fullmatch(text, chain_end, p.span.start):
            chain_end = p.span.end
            continue
        chain_end = None
        lead = text[max(0, p.span.start - 30) : p.span.start]
        if _FROM.search(lead):
            chain_end = p.span.end
            continue
        kept.append(p)
    return kept or found


def _unclaimed(found: list[PlaceLike], claimed: set[int]) -> list[PlaceLike]:
    free = [p for p in found if p.span.start not in claimed]
    if free or not found:
        return free
    return [found[-1]]


def _key(name: str | None) -> str:
    return (name or "").lower().replace("governorate", "").replace("province", "").strip()


def _specific(mentions: Sequence[PlaceLike]) -> list[PlaceLike]:
    """Drop mentions that only contain another one (a governorate, the district, the city)."""
    if len(mentions) < 2:
        return list(mentions)
    out: list[PlaceLike] = []
    seen: set[str] = set()
    for m in mentions:
        place = m.place
        contains_other = any(
            o is not m
            and o.place.id != place.id
            and (
                (place.feature in _ADMIN_FEATURES and o.place.feature not in _ADMIN_FEATURES)
                or _key(place.name)
                in {_key(o.place.admin1), _key(o.place.admin2), _key(o.place.admin3)}
                or (m.geo_precision > o.geo_precision and o.span.start < m.span.start)
            )
            for o in mentions
        )
        if not contains_other and place.id not in seen:
            out.append(m)
            seen.add(place.id)
    return out or [mentions[0]]
