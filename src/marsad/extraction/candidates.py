"""Per-sentence event candidates: trigger groups, their places, actors, dates and tolls.

A sentence's surviving triggers (not negated, not hypothetical; weak ones only when no strong one
is near) are grouped: neighbouring triggers of the same event and sub-event type with no place
between them are one group ("warplanes carried out raids on X"), and so are a trigger and the
attack it makes ("Turkish drone attacked", "targeted a car with two missiles").  Each group owns
the clause from its first trigger to the next group (or to a turn such as "in another context");
:mod:`marsad.extraction.sites` finds the places in that clause.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from marsad.extraction.cues import denial_cue
from marsad.extraction.lexicon import Lexicon, TriggerRule, lowered
from marsad.extraction.triggers import TriggerHit, instrument_sub_event
from marsad.model import Place, Span

__all__ = [
    "Group",
    "PlaceLike",
    "Site",
    "denied_spans",
    "drop_means",
    "group_triggers",
    "live_hits",
    "site_key",
    "situation_cue",
    "standing",
    "stands_in",
]


class PlaceLike(Protocol):
    """What assembly needs of a place mention (``marsad.resolve.geocode.PlaceMention`` fits)."""

    @property
    def span(self) -> Span: ...
    @property
    def place(self) -> Place: ...
    @property
    def geo_precision(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Site:
    """A place mention with the key of the site it names: its place's id, or, for a place the
    gazetteer lacks that geocoding put at a town or city ("the neighbourhoods of al-Ommal and
    al-Hwiqa in the city of Deir Ezzor"), that place's id and the report's words."""

    span: Span
    place: Place
    geo_precision: int
    key: str

    @property
    def stands_in(self) -> bool:
        """Whether the place stands in for an unknown one named by the report's words."""
        return self.key != self.place.id


def site_key(p: PlaceLike) -> str:
    """The site a mention names (see :class:`Site`); a plain mention names its place."""
    return p.key if isinstance(p, Site) else p.place.id


def stands_in(p: PlaceLike | None) -> bool:
    return isinstance(p, Site) and p.stands_in


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
        first, last = self.hits[0].span, self.hits[-1].span
        if first is last:
            return first
        return Span(min(first.start, last.start), max(first.end, last.end))


# Two triggers this close are one happening ("Turkish drone attacked", "warplanes bombed").
_ADJACENT = re.compile(r"(?![^|]*\b(?:and|while|amid|as|but)\b)[^,;.:()|–—]{0,12}", re.I)
# A weapon named as the means of the previous trigger ("targeted a car with two missiles").
_INSTRUMENT = re.compile(r"\b(?:with|using|by means of)\s+(?:[\w-]+\s+){0,2}$", re.I)
_TOLL_FORM = re.compile(r"kil\*?ling|ki\*lling", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+$", re.I)
_RIOT = "Riots"
# How far from a generic attack word ("bombing") a weapon word decides its sub-event type.
_WEAPON_REACH = 25
# The next item of a list: "raids and arrests", "raids, arrests".
_LISTED = re.compile(r"\s*(?:,\s*|,?\s+(?:and|or|nor)\s+)(?:the\s+)?", re.I)
# A weak trigger ("killed") after a strong one in its sentence, or this close before one, is
# that event's toll.
_WEAK_REACH = 120


def standing(
    text: str, hits: Sequence[TriggerHit], sentence: Span, lexicon: Lexicon
) -> list[bool]:
    """For each hit, whether no cue denies it (a negation or a hypothetical, unless the cue
    shows an ongoing siege): what :func:`live_hits` and :func:`denied_spans` test, once."""
    return [h.rule.strength <= 0 or _stands(text, h, sentence, lexicon) for h in hits]


def live_hits(
    text: str,
    hits: Sequence[TriggerHit],
    sentence: Span,
    lexicon: Lexicon,
    *,
    stands: Sequence[bool] | None = None,
) -> list[TriggerHit]:
    """Hits that stand: not negated or hypothetical; weak ones only when no strong one does.
    ``stands``: :func:`standing` of ``hits``, when the caller has it."""
    if stands is None:
        stands = standing(text, hits, sentence, lexicon)
    kept: list[TriggerHit] = []
    denied_end = -1  # end of the last hit a cue denies
    for h, up in zip(hits, stands, strict=True):
        if h.rule.strength <= 0:
            continue
        if up and not (
            denied_end >= 0 and _LISTED.fullmatch(text, denied_end, h.span.start)
        ):
            kept.append(h)
        else:
            denied_end = h.span.end  # "in protest against raids and arrests": both denied
    strong = [h.span for h in kept if h.rule.strength >= 2]
    # "explosions were heard ..., caused by warplanes' bombing": the weak word is that strike
    told = {h.rule.event_type for h in kept if h.rule.strength >= 2}
    return [
        h
        for h in kept
        if h.rule.strength >= 2
        or not (
            _is_toll(text, h, strong)
            or (h.rule.event_type in told and not h.rule.implied_deaths)
            or (
                not h.rule.implied_deaths
                and _explained(text, h, [k for k in kept if k.rule.event_type != h.rule.event_type])
            )
        )
    ]


# "explosions were heard ..., as a result of forces conducting military exercises"
_CAUSED_BY = re.compile(
    r"\b(?:as a result of|caused by|due to|resulting from)\s(?:[^,;.:\s]+\s+){0,5}$", re.I
)


def _explained(text: str, weak: TriggerHit, others: Sequence[TriggerHit]) -> bool:
    """Whether a weak trigger ("explosions were heard") is explained by a strong one of another
    event type that its sentence names as the cause."""
    for o in others:
        lo = max(weak.span.end, o.span.start - 90)
        if o.rule.strength >= 2 and lo < o.span.start and _CAUSED_BY.search(text, lo, o.span.start):
            return True
    return False


def denied_spans(
    text: str,
    hits: Sequence[TriggerHit],
    sentence: Span,
    lexicon: Lexicon,
    *,
    stands: Sequence[bool] | None = None,
) -> list[Span]:
    """Strong hits a cue denies ("ending the blockade of X and Y"): what follows them is theirs,
    not the clause of the trigger before.  ``stands``: as for :func:`live_hits`."""
    if stands is None:
        stands = standing(text, hits, sentence, lexicon)
    return [h.span for h, up in zip(hits, stands, strict=True) if h.rule.strength >= 2 and not up]


def situation_cue(text: str, hit: TriggerHit, sentence: Span, lexicon: Lexicon) -> Span | None:
    """For a siege/blockade/curfew trigger: a cue such as "calling to lift" before it, which
    shows the state is ongoing (its speaker is not the one imposing it)."""
    if hit.rule.situation is None:
        return None
    cue = denial_cue(text, hit.span, sentence, lexicon)
    if cue is not None and lexicon.ongoing_despite.fullmatch(lowered(text), cue.start, cue.end):
        return cue
    return None


def _stands(text: str, hit: TriggerHit, sentence: Span, lexicon: Lexicon) -> bool:
    cue = denial_cue(text, hit.span, sentence, lexicon)
    # a cue that shows an ongoing siege does not deny it (see :func:`situation_cue`)
    return cue is None or (
        hit.rule.situation is not None
        and lexicon.ongoing_despite.fullmatch(lowered(text), cue.start, cue.end) is not None
    )


def _is_toll(text: str, weak: TriggerHit, strong: Sequence[Span]) -> bool:
    """Whether a weak trigger ("killed") tells the toll of a strong one in its sentence: one near
    it, or one before it when it reads as a toll ("..., killing three", "two were killed"), not as
    a new act with its own subject ("the border guards also killed a man")."""
    if any(abs(s.start - weak.span.start) < _WEAK_REACH for s in strong):
        return True
    if not any(s.start < weak.span.start for s in strong):
        return False
    return bool(
        _TOLL_FORM.match(weak.span.text(text))
        or _PASSIVE.search(text, max(0, weak.span.start - 12), weak.span.start)
    )


def group_triggers(
    text: str,
    hits: Sequence[TriggerHit],
    sentence: Span,
    place_starts: Sequence[int],
    lexicon: Lexicon,
    *,
    stops: Sequence[Span] = (),
) -> list[Group]:
    """Group a sentence's live hits and give each group its clause (up to the next group, a
    turn such as "in another context", or a denied trigger in ``stops``)."""
    groups: list[Group] = []
    for hit in hits:
        sub = hit.rule.sub_event_type
        if hit.rule.instrument:
            hit = _weapon_rule(text, hit, sentence, lexicon)
            sub = hit.rule.sub_event_type
        if groups:
            last = groups[-1]
            between = bisect.bisect_left(place_starts, last.span.end) < bisect.bisect_left(
                place_starts, hit.span.start
            )
            gap = text[last.span.end : hit.span.start]
            if not between and (_ADJACENT.fullmatch(gap) or _INSTRUMENT.search(gap)):
                last.hits.append(hit)  # "drone attacked", "targeted X with two missiles"
                if hit.rule.event_type == _RIOT:
                    # "exchange of fire between gunmen among the protesters": a riot
                    last.rule, last.event_type, last.sub_event_type = hit.rule, _RIOT, sub
                elif last.rule.instrument and not hit.rule.instrument:
                    # "targeted ... warplanes": the weapon's rule decides, and its type
                    last.rule, last.event_type = hit.rule, hit.rule.event_type
                    last.sub_event_type = hit.rule.sub_event_type
                continue
            if (
                hit.rule.instrument
                and last.event_type == hit.rule.event_type
                and _THESE.search(text, hit.span.start, hit.span.end)
            ):
                # "... were bombed by warplanes, which targeted these areas": the same weapon
                hit, sub = TriggerHit(hit.span, last.rule), last.sub_event_type
            same = last.event_type == hit.rule.event_type and last.sub_event_type == sub
            if same and not between and not _NEW_CLAUSE.search(gap):
                last.hits.append(hit)
                if last.rule.instrument and not hit.rule.instrument:
                    last.rule = hit.rule
                continue
        groups.append(Group([hit], hit.rule.event_type, sub, hit.rule))
    for i, g in enumerate(groups):
        start = groups[i - 1].span.end if i else sentence.start
        end = groups[i + 1].span.start if i + 1 < len(groups) else sentence.end
        shift = _SHIFT.search(text, g.span.end, end)
        end = shift.start() if shift else end
        end = min([end, *(x.start for x in stops if g.span.end <= x.start < end)])
        g.clause = Span(start, end)
    return groups


_THESE = re.compile(r"\b(?:these|those|the same)\b", re.I)
# "..., also 20 people were arrested": the same kind of deed told again is another happening.
_NEW_CLAUSE = re.compile(r"[,;]\s*(?:and\s+|also\s+|then\s+)?(?:[\w-]+\s+){2,}", re.I)
# "..., and in another context, ...", "..., while ...": what follows is another matter.
_SHIFT = re.compile(
    r"[,;.]\s*(?:and\s+)?(?:in (?:another|a related|a separate|a different) context|meanwhile|"
    r"on the other hand|in a separate incident|while|whereas)\b",
    re.I,
)


def _weapon_rule(text: str, hit: TriggerHit, sentence: Span, lexicon: Lexicon) -> TriggerHit:
    """A generic attack word ("targeted", "bombing") takes its sub-event type from the nearest
    weapon word, or from the means its clause names ("targeted X in Y with machine guns"); a
    weapon of another event type (small arms: a clash) gives the hit that type's own rule."""
    near = Span(
        max(sentence.start, hit.span.start - _WEAPON_REACH),
        min(sentence.end, hit.span.end + _WEAPON_REACH),
    )
    sub = instrument_sub_event(text, hit, near, lexicon)
    if sub == hit.rule.sub_event_type:
        means = _MEANS.match(text, hit.span.end, min(sentence.end, hit.span.end + _MEANS_REACH))
        if means is not None:
            sub = instrument_sub_event(
                text, hit, Span(means.start(), min(sentence.end, means.end() + 30)), lexicon
            )
    if sub == hit.rule.sub_event_type:
        return hit
    rules = [r for r in lexicon.triggers if r.sub_event_type == sub and not r.instrument]
    # the type's main rule: the one that knows what the type becomes on civilians
    rule = max(rules, key=lambda r: r.civilian_target is not None) if rules else None
    if rule is None or rule.event_type == hit.rule.event_type:
        rule = dataclasses.replace(hit.rule, sub_event_type=sub)
    return TriggerHit(hit.span, rule)


# "... with/using <weapon>" later in the trigger's clause (no comma or clause break before it).
_MEANS = re.compile(r"[^,;.:()|]*?\b(?:with|using|by means of)\s+", re.I)
_MEANS_REACH = 90


def drop_means(groups: list[Group]) -> list[Group]:
    """Groups that are another group's means in the same sentence, dropped (see
    :func:`_concrete` and :func:`_intercepted`)."""
    return _intercepted(_concrete(groups))


_MOVES = "Change to group/activity"
_DEEDS = frozenset({"Arrests", "Looting/property destruction", "Abduction/forced disappearance"})


def _intercepted(groups: list[Group]) -> list[Group]:
    """Missiles or drones the sentence says were intercepted ("fired missiles on the base ...,
    as air defences blocked the missiles") are a disrupted weapons use, not a strike too.  A
    group dropped so leaves its clause to the group before it ("intercepting the missiles over
    X": X is where the interception was)."""
    if not any(g.sub_event_type == _DISRUPTED for g in groups):
        return groups
    kept: list[Group] = []
    for g in groups:
        if g.sub_event_type not in _STOPPABLE:
            kept.append(g)
        elif kept and g.clause.start <= kept[-1].clause.end < g.clause.end:
            kept[-1].clause = Span(kept[-1].clause.start, g.clause.end)
    return kept


_DISRUPTED = "Disrupted weapons use"
_STOPPABLE = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})


def _concrete(groups: list[Group]) -> list[Group]:
    """Forces brought in to raid, arrest or loot in the same sentence, and the cordon they threw
    around the place, are that deed's means, not a development of their own ("brought
    reinforcements and arrested young men", "encircled the queue and arrested young men")."""
    if not any(g.sub_event_type in _DEEDS for g in groups):
        return groups
    return [g for g in groups if g.sub_event_type != _MOVES and g.rule.situation != "siege"]
