"""``extract_report``: one report in, its ACLED-style events (each field with evidence) out.

The cascade, per report:

1. the text with SOHR's in-word asterisks removed ("kil*led"; offsets are mapped back at the end);
2. one pass each for sentences, section headers, triggers, places
   (:func:`marsad.resolve.geocode.find_places`, then
   :func:`~marsad.resolve.geocode.village_mentions` for villages the gazetteer lacks), actors
   (the registry), dates, day counts, tolls and sources; places inside an actor's name, foreign
   look-alikes and squares are dropped; a mention whose words the gazetteer does not file under
   the town or city it was put at is a site of its own (a quarter, an unknown village);
3. per-sentence candidates (:mod:`marsad.extraction.events`); a candidate with no place of its own
   takes its section's governorate, else the headline's place;
4. merging into events (:mod:`marsad.extraction.merge`) and the contradictions inside the report;
5. each event's dates (a day count N gives ``date_start = published - (N - 1)``), taxonomy codes,
   evidence spans and summary.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from marsad.extraction.attribution import find_attributions
from marsad.extraction.candidates import PlaceLike, Site
from marsad.extraction.dates import (
    find_dates,
    find_day_marks,
    find_durations,
    past_days_dropped,
    start_of,
)
from marsad.extraction.events import Candidate, Mentions, build_candidates
from marsad.extraction.fatalities import find_counts
from marsad.extraction.merge import LooseDay, Merged, merge_candidates, situation_contradictions
from marsad.extraction.placing import (
    at_container,
    containers,
    facility_anaphora,
    fill_missing_places,
)
from marsad.extraction.roles import MentionLike
from marsad.extraction.sentences import (
    Section,
    Sentence,
    find_sections,
    section_at,
    split_sentences,
    unstar,
)
from marsad.extraction.summary import summarize
from marsad.extraction.triggers import find_triggers
from marsad.model import (
    Contradiction,
    Event,
    Extraction,
    Fatalities,
    Location,
    Place,
    Report,
    SituationRef,
    Span,
)
from marsad.resolve.geocode import find_places, village_mentions
from marsad.resolve.geocode.mention import CAPITAL_AREA
from marsad.resolve.names import normalize_name

if TYPE_CHECKING:
    from marsad.resolve.gazetteer import Gazetteer, NameMatch
    from marsad.resources import Resources

__all__ = ["extract_report"]

# "Al-Karama square", "Al-Sayr/Al-Karama square", "“Al-Sayr” square": a square named like a
# village is no village.
_SQUARE = re.compile(
    r"(?:\s*[/\\]\s*[\w’'-]+(?:\s[\w’'-]+)?)?[’'”\"\s]*(?:square|roundabout)\b", re.I
)


def extract_report(report: Report, *, resources: Resources) -> Extraction:
    """The events ``report`` describes, in text order, with the contradictions inside it."""
    lex = resources.lexicon
    text, offsets = unstar(report.text)
    sentences = split_sentences(text, chrome=lex.chrome)
    actors = resources.actors.find(text)
    found = village_mentions(text, find_places(text, resources.gazetteer))
    places = _not_actors(sorted(found, key=lambda p: p.span.start), actors, text)
    places = facility_anaphora(_sites(places, text, resources.gazetteer), text)
    sections = find_sections(text)
    headers = [sec.header for sec in sections]
    body_places = [
        p
        for p in places
        if not any(h.start <= p.span.start < h.end for h in headers)
        and not _SQUARE.match(text, p.span.end)
    ]
    body_places = _in_named_governorates(body_places, places, sentences, sections, text)
    mentions = Mentions(
        text=text,
        published=report.published,
        sentences=sentences,
        triggers=find_triggers(text, lex),
        places=body_places,
        actors=actors,
        dates=find_dates(text, published=report.published, lexicon=lex),
        day_marks=find_day_marks(text, lexicon=lex) if report.published is None else (),
        durations=past_days_dropped(
            find_durations(text, lex), [s.span for s in sentences], text
        ),
        counts=find_counts(text, lex),
        attributions=[(a.span, a.label) for a in find_attributions(text, lex)],
    )
    cands = build_candidates(mentions, lex, resources.actors.resolve)
    fill_missing_places(cands, mentions, places, text, sections=sections)
    # ACLED codes no event without a location: a candidate still unplaced (no place in its
    # sentence, section or headline) is commentary or a headline summary, not a codable event
    scenes = containers(body_places, actors, text)
    merged = [
        m
        for m in merge_candidates(cands)
        if m.main.place is not None and not at_container(m.main, scenes)
    ]
    loose = _loose_days(mentions, cands)
    contradictions = situation_contradictions(merged, loose)
    for m in merged:
        contradictions.extend(m.contradictions)
    events = [_event(report, n, m, resources) for n, m in enumerate(merged, start=1)]
    if offsets is not None:
        events = [_remap_event(e, offsets) for e in events]
        contradictions = [_remap_contradiction(c, offsets) for c in contradictions]
    return Extraction(report=report, events=tuple(events), contradictions=tuple(contradictions))


def _not_actors(
    places: Sequence[PlaceLike], actors: Sequence[MentionLike], text: str
) -> list[PlaceLike]:
    """Drop place mentions inside an actor's name ("Jabhat al-Nusra", "Hayat Tahrir al-Sham"),
    and places abroad unless the text spells their name exactly (reports name foreign towns
    rarely; a loose spelling match abroad is most often a Syrian name or a person's)."""
    taken = bytearray(len(text) + 1)  # 1 inside an actor's name
    for a in actors:
        taken[a.span.start : a.span.end] = b"\x01" * (a.span.end - a.span.start)
    return [
        p
        for p in places
        if taken.find(1, p.span.start, p.span.end) < 0
        and (p.place.iso3 == "SYR" or p.span.text(text).lower() == p.place.name.lower())
    ]


# Geocoding puts a quarter or village it does not know at its city, town or governorate.
_STAND_INS = frozenset({"city", "town", "governorate"})


def _sites(places: Sequence[PlaceLike], text: str, gazetteer: Gazetteer) -> list[PlaceLike]:
    """Each mention as the site it names: one whose words the gazetteer does not file under
    the town, city or governorate it resolved to names a place of its own there (a quarter or
    a village the gazetteer lacks); "Kobani" is filed under Ain al-Arab and names it."""
    out: list[PlaceLike] = []
    scans: dict[str, list[NameMatch]] = {}  # reports repeat a name: scan it once
    for p in places:
        key = p.place.id
        words = p.span.text(text)
        if p.place.feature in _STAND_INS and words not in scans:
            scans[words] = gazetteer.scan(words)
        if (
            p.place.feature in _STAND_INS
            and not _ARABIC_LETTER.search(words)
            and not any(_names(q, p.place) for m in scans[words] for q in m.places)
        ):
            key = f"{p.place.id}#{_key(words)}"
        out.append(Site(p.span, p.place, p.geo_precision, key))
    return out


def _names(named: Place, place: Place) -> bool:
    """Whether words naming ``named`` name ``place``: the place itself, or, for a governorate,
    its capital, or the city whose countryside it is ("Damascus countryside": Rural Damascus)."""
    if named.id == place.id:
        return True
    return (place.feature == "governorate" and named.feature in ("governorate", "city")
            and (named.admin1 == place.admin1 or {named.admin1, place.admin1} <= CAPITAL_AREA))


_ADMIN = frozenset({"governorate", "country"})
# Loose transliteration matches are the Latin script's problem; Arabic names match exactly.
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    """``normalize_name``, memoised: reports repeat the same few names."""
    return normalize_name(name)


def _governorate_of(p: PlaceLike) -> str | None:
    """The governorate a mention names: a governorate, or its namesake capital."""
    place = p.place
    if place.feature == "governorate":
        return _key(place.name)
    if place.feature == "city" and place.admin1:
        key = _key(place.admin1)
        return key if _key(place.name) == key else None
    return None


# the keys of Damascus and its countryside, which reports name as one area
_CAPITAL_PAIR = frozenset(_key(name) for name in CAPITAL_AREA)


def _in_named_governorates(
    body: Sequence[PlaceLike],
    places: Sequence[PlaceLike],
    sentences: Sequence[Sentence],
    sections: Sequence[Section],
    text: str,
) -> list[PlaceLike]:
    """Drop a place loosely matched (a Latin spelling that is not the place's own name) into
    another governorate than the ones its sentence (or its section header) names:
    "al-Ommal ... in the city of Deir Ezzor" is no "Um Mil" in Hama."""
    govs = sorted((q.span.start, g) for q in places if (g := _governorate_of(q)) is not None)
    if not govs:
        return list(body)
    gov_starts = [at for at, _ in govs]
    counts: dict[tuple[int, int], Counter[str]] = {}  # per stretch: a long one is read once

    def named_in(lo: int, hi: int, skip: int = -1) -> set[str]:
        """The governorates named in ``[lo, hi)``, the one at ``skip`` left out."""
        if (lo, hi) not in counts:
            i, j = bisect.bisect_left(gov_starts, lo), bisect.bisect_left(gov_starts, hi)
            counts[lo, hi] = Counter(g for _, g in govs[i:j])
        found = counts[lo, hi]
        k = bisect.bisect_left(gov_starts, skip)
        own = govs[k][1] if lo <= skip < hi and k < len(govs) and gov_starts[k] == skip else None
        return {g for g, n in found.items() if n > (1 if g == own else 0)}

    starts = [s.span.start for s in sentences]
    out: list[PlaceLike] = []
    for p in body:
        if p.place.feature in _ADMIN or p.place.iso3 != "SYR" or not p.place.admin1:
            out.append(p)
            continue
        i = bisect.bisect_right(starts, p.span.start) - 1
        named: set[str] = set()
        if i >= 0:
            sent = sentences[i].span
            named = named_in(sent.start, sent.end, p.span.start)
        section = section_at(sections, p.span.start)
        if section is not None:
            head = section.header
            named |= named_in(head.start, head.end)
        if named & _CAPITAL_PAIR:
            named |= _CAPITAL_PAIR  # "Hayajneh village in southern Damascus": its countryside
        if (
            named
            and _key(p.place.admin1) not in named
            and not _ARABIC_LETTER.search(text, p.span.start, p.span.end)
            and _key(p.span.text(text)) != _key(p.place.name)
        ):
            continue  # a loose spelling match resolved into another governorate
        out.append(p)
    return out


def _loose_days(m: Mentions, cands: Sequence[Candidate]) -> list[LooseDay]:
    """Day counts in sentences with no event of their own: (day, span, actors, places)."""
    used = {c.duration.span for c in cands if c.duration is not None}
    out: list[LooseDay] = []
    for d in m.durations:
        if d.span in used:
            continue
        sent = next((s for s in m.sentences if s.span.start <= d.span.start < s.span.end), None)
        if sent is None or any(c.sentence is sent and c.background is not None for c in cands):
            continue
        actors = frozenset(
            a.actor.id for a in m.actors if sent.span.start <= a.span.start < sent.span.end
        )
        places = frozenset(
            p.place.id for p in m.places if sent.span.start <= p.span.start < sent.span.end
        )
        out.append(LooseDay(d.day, d.span, actors, places))
    return out


def _event(report: Report, n: int, merged: Merged, resources: Resources) -> Event:
    c = merged.main
    published = report.published
    evidence: dict[str, Span] = {"event": c.trigger, "sentence": c.sentence.span}
    situation = None
    event_date = date_start = date_end = None
    precision = 3
    if c.duration is not None and published is not None:
        event_date = date_end = published
        date_start = start_of(published, c.duration.day)
        precision = 1
    elif c.date is not None:
        event_date = date_start = date_end = c.date.value
        precision = c.date.precision
        evidence["date"] = c.date.span
    elif published is not None:
        # no date in the text: the report's own date, for what its sentence tells as current
        event_date = date_start = date_end = published
        precision = 2
        evidence["date"] = c.sentence.span
    if c.situation is not None:
        day = c.duration.day if c.duration is not None else None
        start = start_of(published, day) if (day and published) else None
        situation = SituationRef(kind=c.situation, day=day, start_date=start)
        evidence["situation"] = c.duration.span if c.duration is not None else c.trigger
    if c.duration is not None:
        evidence["date"] = c.duration.span
    location = None
    if c.place is not None:
        geo = c.place.geo_precision
        if c.place_how in {"section", "title"}:
            geo = 3 if c.place_how == "section" else max(geo, 2)
        location = Location(c.place.place, geo)
        evidence["location"] = c.place.span
    if c.actor1 is not None:
        evidence["actor1"] = c.actor1_span or c.trigger
    if c.actor2 is not None:
        evidence["actor2"] = c.actor2_span or c.trigger
    fat = Fatalities()
    if c.killed is not None:
        fat = Fatalities(c.killed.low, c.killed.best, c.killed.high)
        evidence["fatalities"] = c.killed.span
    elif c.implied_deaths and c.event_type == "Violence against civilians":
        # "a young man was shot dead": one death, told by the trigger itself
        fat = Fatalities(c.implied_deaths, c.implied_deaths, c.implied_deaths)
        evidence["fatalities"] = c.trigger
    injured = None
    if c.injured is not None:
        injured = c.injured.best
        evidence["injured"] = c.injured.span
    attribution = None
    if c.attribution is not None:
        evidence["attribution"], attribution = c.attribution
    if merged.background and c.background is not None:
        evidence["background"] = c.background
    sub = resources.taxonomy.sub_event(c.sub_event_type)
    confidence = 0.4 + 0.15 * (c.actor1_how in {"between", "passive", "subject"})
    confidence += 0.15 * (c.place_how in {"after", "before"}) + 0.1 * (c.date is not None)
    confidence = round(min(confidence - 0.2 * merged.background, 0.95), 2)
    return Event(
        event_id=f"{report.report_id}:{n}",
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        evidence=evidence,
        event_date=event_date,
        date_start=date_start,
        date_end=date_end,
        time_precision=precision,
        plover=sub.plover,
        cameo=sub.cameo,
        actor1=c.actor1,
        actor2=c.actor2,
        location=location,
        fatalities=fat,
        injured=injured,
        situation=situation,
        attribution=attribution,
        background=merged.background,
        confidence=confidence,
        summary=summarize(
            lexicon=resources.lexicon,
            sub_event_type=c.sub_event_type,
            event_date=event_date,
            actor1=c.actor1,
            actor2=c.actor2,
            location=location,
            situation=situation,
            fatalities=fat,
            injured=injured,
        ),
    )


def _remap(span: Span, offsets: list[int]) -> Span:
    if span.end <= span.start:
        return Span(offsets[span.start], offsets[span.start])
    return Span(offsets[span.start], offsets[span.end - 1] + 1)


def _remap_event(e: Event, offsets: list[int]) -> Event:
    from dataclasses import replace

    return replace(e, evidence={k: _remap(v, offsets) for k, v in e.evidence.items()})


def _remap_contradiction(c: Contradiction, offsets: list[int]) -> Contradiction:
    from dataclasses import replace

    return replace(c, evidence=tuple(_remap(s, offsets) for s in c.evidence))
