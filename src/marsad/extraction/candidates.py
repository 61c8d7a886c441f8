"""Per-sentence event candidates: trigger groups, their places, actors, dates and tolls.

A sentence's surviving triggers (not negated, not hypothetical; weak ones only when no strong one
is near) are grouped: neighbouring triggers of the same event and sub-event type with no place
between them are one group ("warplanes carried out raids on X"), and so are a trigger and the
attack it makes ("Turkish drone attacked", "targeted a car with two missiles").  Each group owns
the clause from its first trigger to the next group; the places in that clause give one candidate
per place, after dropping containers ("X in the countryside of Aleppo") and where people came
from ("residents from X and Y headed to ...").
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from marsad.extraction.cues import hypothetical_cue, negation_cue
from marsad.extraction.lexicon import Lexicon, TriggerRule, lowered
from marsad.extraction.triggers import TriggerHit, instrument_sub_event
from marsad.model import Place, Span
from marsad.resolve.names import normalize_name

__all__ = ["Group", "PlaceLike", "group_triggers", "live_hits", "places_for_group", "situation_cue"]


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
_ADJACENT = re.compile(r"(?![^|]*\b(?:and|while|amid|as|but)\b)[^,;.:()|–—]{0,12}", re.I)
# A weapon named as the means of the previous trigger ("targeted a car with two missiles").
_INSTRUMENT = re.compile(r"\b(?:with|using|by means of)\s+(?:[\w-]+\s+){0,2}$", re.I)
_FROM = re.compile(
    r"\b(?:from|(?:heading|headed|head|travel+ing|going|returning|on (?:their|his|her|the) way)"
    r"\s+(?:to|towards?))\s+(?:the\s+)?(?:(?:city|town|village|villages|towns|area|areas)\s+of\s+)?$",
    re.I,
)
# People moving (displacement): where they went is not where the event is.
_FROM_OR_TO = re.compile(
    r"(?:"
    + _FROM.pattern.removesuffix("$")
    + r"|\b(?:to|towards?|into)\s+(?:the\s+)?(?:nearby\s+)?"
    + r"(?:(?:city|town|towns|village|villages|area|areas|camps?)\s+of\s+)?)$",
    re.I,
)
# What may stand between two names of one list: commas, "and", "the areas of", and other
# (capitalised) names the gazetteer does not know.
_LIST_GAP = re.compile(
    r"[\s,&]*(?:(?:and|the|city|town|village|villages|area|areas|of|camp|[A-Z][\w’'-]*)\b"
    r"[\s,&]*)*"
)
_PLACED_IN = re.compile(
    r"[^,;.]{0,40}?\b(?:in|of|near|east|west|north|south|outskirts|countryside|province|city)\b"
    r"[^,;.]{0,30}",
    re.I,
)
_TOLL_FORM = re.compile(r"kil\*?ling|ki\*lling", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+$", re.I)
_ADMIN_FEATURES = frozenset({"country", "governorate", "district", "subdistrict", "region"})
# Places at most this far apart form one run ("... X, Y and Z, as forces are encircling them").
_SHORT_GAP = 40
_RIOT = "Riots"
# How far from a generic attack word ("bombing") a weapon word decides its sub-event type.
_WEAPON_REACH = 25
# The next item of a list: "raids and arrests", "raids, arrests".
_LISTED = re.compile(r"\s*(?:,\s*|,?\s+(?:and|or|nor)\s+)(?:the\s+)?", re.I)
# A weak trigger ("killed") after a strong one in its sentence, or this close before one, is
# that event's toll.
_WEAK_REACH = 120


def live_hits(
    text: str, hits: Sequence[TriggerHit], sentence: Span, lexicon: Lexicon
) -> list[TriggerHit]:
    """Hits that stand: not negated or hypothetical; weak ones only when no strong one does."""
    kept: list[TriggerHit] = []
    denied_end = -1  # end of the last hit a cue denies
    for h in hits:
        if h.rule.strength <= 0:
            continue
        if _stands(text, h, sentence, lexicon) and not (
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
            _is_toll(text, h, strong) or (h.rule.event_type in told and not h.rule.implied_deaths)
        )
    ]


def situation_cue(text: str, hit: TriggerHit, sentence: Span, lexicon: Lexicon) -> Span | None:
    """For a siege/blockade/curfew trigger: a cue such as "calling to lift" before it, which
    shows the state is ongoing (its speaker is not the one imposing it)."""
    if hit.rule.situation is None:
        return None
    cue = negation_cue(text, hit.span, sentence, lexicon) or hypothetical_cue(
        text, hit.span, sentence, lexicon
    )
    if cue is not None and lexicon.ongoing_despite.fullmatch(lowered(text), cue.start, cue.end):
        return cue
    return None


def _stands(text: str, hit: TriggerHit, sentence: Span, lexicon: Lexicon) -> bool:
    cue = negation_cue(text, hit.span, sentence, lexicon) or hypothetical_cue(
        text, hit.span, sentence, lexicon
    )
    return cue is None or situation_cue(text, hit, sentence, lexicon) is not None


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
) -> list[Group]:
    """Group a sentence's live hits and give each group its clause."""
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
            same = last.event_type == hit.rule.event_type and last.sub_event_type == sub
            if same and not between:
                last.hits.append(hit)
                if last.rule.instrument and not hit.rule.instrument:
                    last.rule = hit.rule
                continue
        groups.append(Group([hit], hit.rule.event_type, sub, hit.rule))
    for i, g in enumerate(groups):
        start = groups[i - 1].span.end if i else sentence.start
        end = groups[i + 1].span.start if i + 1 < len(groups) else sentence.end
        g.clause = Span(start, end)
    return groups


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
    found = [p for p in places if span.end <= p.span.start < group.clause.end]
    lead = _FROM_OR_TO if group.rule.movement else _FROM
    after = _not_second_end(text, _not_origin(text, found, strict=True, lead=lead))
    if after:
        return _specific(after, text), "after"
    before = [p for p in places if group.clause.start <= p.span.start and p.span.end <= span.start]
    before = _not_second_end(text, _not_origin(text, before))
    if before:
        return _unclaimed(_specific(before, text), taken), "before"
    if found:  # only where people came from: better than nothing
        return _specific(found, text), "after"
    inside = [p for p in places if span.start <= p.span.start and p.span.end <= span.end]
    if inside and group.event_type == _RIOT:
        # a crowd's place inside its trigger ("residents of X stormed the council building")
        return _specific(inside, text), "after"
    earlier = [p for p in places if sentence.start <= p.span.start and p.span.end <= span.start]
    if earlier:
        run = [earlier[-1]]
        for p in reversed(earlier[:-1]):
            if run[0].span.start - p.span.end > _SHORT_GAP:
                break
            run.insert(0, p)
        return _unclaimed(_specific(run, text), taken), "sentence"
    return [], "none"


def _not_origin(
    text: str, found: list[PlaceLike], *, strict: bool = False, lead: re.Pattern[str] = _FROM
) -> list[PlaceLike]:
    """Drop where people came from or were heading ("residents from X, Y and Z headed to ...",
    "a young man from Aleppo was kidnapped in X", "... in X, while heading to Y"), when another
    place is left (``strict``: even when none is)."""
    if not text or (len(found) < 2 and not strict):
        return found
    kept: list[PlaceLike] = []
    chain_end: int | None = None  # end of the current "from X, Y and Z" list
    for p in found:
        if chain_end is not None and _LIST_GAP.fullmatch(text, chain_end, p.span.start):
            chain_end = p.span.end
            continue
        chain_end = None
        if lead.search(text, max(0, p.span.start - 40), p.span.start):
            chain_end = p.span.end
            continue
        kept.append(p)
    return kept if strict else (kept or found)


# "on the road between X and Y": ACLED codes the first-named place.
_SECOND_END = re.compile(r"\s+and\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$", re.I)
_BETWEEN_PLACES = re.compile(
    r"\bbetween\s+(?:the\s+)?(?:(?:towns?|villages?|cities)\s+of\s+)?$", re.I
)


def _not_second_end(text: str, found: list[PlaceLike]) -> list[PlaceLike]:
    """Drop Y of "between X and Y" (a road or an area between two places)."""
    if not text or len(found) < 2:
        return found
    kept: list[PlaceLike] = [found[0]]
    for prev, p in itertools.pairwise(found):
        if _SECOND_END.fullmatch(text, prev.span.end, p.span.start) and _BETWEEN_PLACES.search(
            text, max(0, prev.span.start - 30), prev.span.start
        ):
            continue
        kept.append(p)
    return kept


def _unclaimed(found: list[PlaceLike], claimed: set[int]) -> list[PlaceLike]:
    free = [p for p in found if p.span.start not in claimed]
    if free or not found:
        return free
    return [found[-1]]


def _key(name: str | None) -> str:
    return normalize_name((name or "").replace("Governorate", "").replace("Province", ""))


def _inside(text: str, inner: PlaceLike, outer: PlaceLike) -> bool:
    """ "<inner> in/of/near <outer>": the second name places the first, it is no second place."""
    if outer.span.start < inner.span.end:
        return False
    return bool(_PLACED_IN.fullmatch(text, inner.span.end, outer.span.start))


def _specific(mentions: Sequence[PlaceLike], text: str = "") -> list[PlaceLike]:
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
                # "X in the countryside of Latakia": the region named after its capital
                or (
                    (m.geo_precision >= 2 or _inside(text, o, m))
                    and m.geo_precision >= o.geo_precision
                    and _key(place.name)
                    in {_key(o.place.admin1), _key(o.place.admin2), _key(o.place.admin3)}
                )
                or (m.geo_precision > o.geo_precision and o.span.start < m.span.start)
            )
            for o in mentions
        )
        if not contains_other and place.id not in seen:
            out.append(m)
            seen.add(place.id)
    return out or [mentions[0]]
