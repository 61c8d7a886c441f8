"""Resolving names with the report's context: the longest of overlapping names, shortened
names confirmed by their district, governorate votes, facilities, and the choice among places."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache
from operator import itemgetter

from marsad.model import Place, Span
from marsad.resolve.gazetteer import Gazetteer, NameMatch, PlaceLexicon, prior
from marsad.resolve.geocode.cues import Cues, cues_for, ends_with, fold_word, prev_word
from marsad.resolve.geocode.mention import (
    ADMIN_FEATURES,
    PlaceMention,
    keys_of,
    km,
    precision_of,
    syrian,
)
from marsad.resolve.geocode.tally import tally, votes_of
from marsad.resolve.names import fold_chunk

_FACILITIES = frozenset({"airbase", "airport", "base"})
_SCORE_THEN_ID = itemgetter(0, 1)
_FACILITY_KM = 30.0


def confirm_weak(matches: list[NameMatch]) -> list[NameMatch]:
    """Keep a place found only under a shortened name ("Baguz" for "Upper Baguz") where the
    report's other names point to its district; drop matches left with no place."""
    if not any(m.weak_ids for m in matches):
        return matches
    districts: set[str] = set()
    for m in matches:
        kept = syrian(m.places)
        if len(kept) == 1:  # most names: one place
            if kept[0].admin2 and kept[0].id not in m.weak_ids:
                districts.add(kept[0].admin2)
            continue
        admin2s = {p.admin2 for p in kept if p.id not in m.weak_ids}
        if len(admin2s) == 1 and None not in admin2s:
            districts.update(a for a in admin2s if a)
    out: list[NameMatch] = []
    for m in matches:
        if m.weak_ids:
            kept = tuple(p for p in m.places
                         if p.id not in m.weak_ids or (p.admin2 or "") in districts)
            if not kept:
                continue
            m = NameMatch(m.span, m.surface, m.key, kept, m.article, m.weak_ids)
        out.append(m)
    return out


def widen(
    matches: list[NameMatch], text: str, lexicon: PlaceLexicon,
    *, words: dict[int, str] | None = None,
) -> tuple[list[NameMatch], set[int]]:
    """Take in a generic word before a village's name that the gazetteer lacks with it:
    "Tal Al-Haddadah" is a hill by the village of Haddadah (resolved to it, precision 2),
    "Jurud al-Qalamoun" the barrens of the Qalamoun; a match of the generic word alone
    ("Masaken", a village elsewhere, in "Masaken Hanano") gives way.

    ``words``, if given, gets the word before each match (:func:`prev_word`) by its start."""
    out: list[NameMatch] = []
    widened: set[int] = set()
    generic = lexicon.cues["feature_before"]
    ends = {m.span.end for m in matches}
    for m in matches:
        word = prev_word(text, m.span.start)
        if words is not None:
            words[m.span.start] = word
        start = m.span.start - len(word) - 1
        if (word[:1].isupper() and word.lower() in generic and start - 1 not in ends
                and text[start : m.span.start] == word + " "
                and all(p.feature not in ("city", "governorate") for p in syrian(m.places))):
            m = NameMatch(Span(start, m.span.end), text[start : m.span.end], m.key, m.places,
                          False)
            widened.add(start)
            while out and out[-1].span.start >= start:
                out.pop()  # the generic word matched on its own
        out.append(m)
    return out, widened


def may_name_facility(text: str, lexicon: PlaceLexicon) -> bool:
    """Whether :func:`facility` can find anything in ``text``: every word of some facility
    cue ("airbase of") is in it (lower-cased, as the cue is read)."""
    low = text.lower()
    found: dict[str, bool] = {}  # each word looked for once
    for words in _words_of(lexicon.cues["facility_before"]):
        if all(found[word] if word in found else found.setdefault(word, word in low)
               for word in words):
            return True
    return False


@lru_cache(maxsize=16)
def _words_of(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(phrase.split(" ")) for phrase in phrases)


def facility(
    match: NameMatch, text: str, lexicon: PlaceLexicon, gazetteer: Gazetteer
) -> PlaceMention | None:
    """"the airbase of Deir Ezzor": the facility filed as "Deir Ezzor airbase", if any."""
    before = " ".join(text[max(0, match.span.start - 40) : match.span.start].lower().split())
    before = before.removesuffix(" the").rstrip()
    phrase = ends_with(before, lexicon.cues["facility_before"])
    if phrase is None:
        return None
    kind = phrase.removesuffix(" of")
    for cand in gazetteer.lookup(f"{match.surface} {kind}", limit=3):
        if cand.place.feature in _FACILITIES and any(
            km(cand.place, p) <= _FACILITY_KM for p in match.places
        ):
            base = max(0, match.span.start - 40)
            found = text[base : match.span.start].lower().rfind(kind.split(" ")[0])
            start = base + found if found >= 0 else match.span.start
            span = Span(start, match.span.end)
            cue = cues_for(NameMatch(span, text[start : span.end], "", ()), text, lexicon)
            return PlaceMention(span, text[span.start : span.end], cand.place,
                                precision_of(cand.place, near=cue.near), 1.0)
    return None


def longest_first(matches: list[NameMatch]) -> list[NameMatch]:
    """Non-overlapping matches: longer first, then earlier."""
    end = -1
    for m in matches:
        if m.span.start < end or m.span.start >= m.span.end:
            break
        end = m.span.end
    else:  # in text order and none overlapping already (most reports): all are kept
        return list(matches)
    ranked = sorted(matches, key=lambda m: (-(m.span.end - m.span.start), m.span.start))
    taken: list[NameMatch] = []
    if any(m.span.start >= m.span.end for m in matches):  # empty stretches: pairwise
        for m in ranked:
            if all(m.span.end <= t.span.start or m.span.start >= t.span.end for t in taken):
                taken.append(m)
        return sorted(taken, key=lambda m: m.span.start)
    # a mark per character taken: a stretch overlaps a taken one where it holds a mark
    marks = bytearray(max(m.span.end for m in matches) + 1) if matches else bytearray()
    for m in ranked:
        start, end = m.span.start, m.span.end
        if marks.find(1, start, end) < 0:
            marks[start:end] = b"\x01" * (end - start)
            taken.append(m)
    return sorted(taken, key=lambda m: m.span.start)


def admin1_votes(matches: list[NameMatch]) -> defaultdict[str, float]:
    """Governorates the report is about, from names that imply one."""
    return votes_of(tally(matches))


def resolve(
    match: NameMatch,
    cue: Cues,
    votes: Mapping[str, float],
    named_ids: set[str],
    gazetteer: Gazetteer,
    *,
    places: tuple[Place, ...] | None = None,
    top_votes: float | None = None,
) -> PlaceMention | None:
    """The place a match means, from its cues, the report's votes and the gazetteer's prior
    (``places``: the match's Syrian places, :func:`syrian`, and ``top_votes``: the most votes
    a governorate has, where already known)."""
    if places is None:
        places = syrian(match.places)
    if not places:
        return None
    governorates = [p for p in places if p.feature == "governorate"]
    others = [p for p in places if p.feature != "governorate"] if governorates else places
    if governorates and (
        cue.governorate or cue.countryside or (cue.direction and not cue.near and not cue.city)
        or all(p.feature in ADMIN_FEATURES for p in others)
    ):
        # "Idlib province", "eastern Deir ez-Zor", "the Aleppo countryside" (a large region:
        # ACLED codes the governorate), or a governorate-only name
        choice = governorates[0]
        if cue.countryside and choice.admin1 == "Damascus":
            choice = next((c.place for c in gazetteer.lookup("Rural Damascus", limit=3)
                           if c.place.feature == "governorate"), choice)
        rest = tuple(p for p in places if p is not choice)
        return PlaceMention(match.span, match.surface, choice, 3, 1.0, rest[:5])
    pool = others or places
    if len(pool) == 1:  # nothing to weigh it against: the scores cannot change the choice
        return PlaceMention(match.span, match.surface, pool[0],
                            precision_of(pool[0], near=cue.near), 1.0, tuple(governorates[:1]))
    if top_votes is None:
        top_votes = max(votes.values(), default=0.0)
    scored: list[tuple[float, str, Place]] = []  # (minus the score, id, place)
    own = 1.0 if len({p.admin1 for p in places}) == 1 else 0.0
    within = cue.within.split(" ")[0] if cue.within else None
    city, neighbourhood = cue.city, cue.neighbourhood
    written = keys_of(match.surface)
    for place in pool:
        score = prior(place)
        if not written.isdisjoint(keys_of(place.name)):
            # the place whose own name the report writes, over one known by it only through an
            # alternate name ("Al-Bara" is Bara in Jabal al-Zawiya, not Aleppo's classical Berea)
            score += _OWN_NAME_BONUS
        feature, admin1 = place.feature, place.admin1
        if feature in ADMIN_FEATURES:
            score -= 0.2
        if top_votes and admin1:
            score += 0.6 * max(0.0, votes.get(admin1, 0.0) - own) / top_votes
        if feature == "neighbourhood":
            parent = gazetteer.parent(place.id)
            if parent is not None:
                if parent.id in named_ids:
                    score += 0.5
                if within is not None and within in _parent_keys(parent.name, parent.admin1):
                    score += 0.8
            if neighbourhood:
                score += 0.5
            if city:
                score -= 0.3
        elif city and feature in ("city", "town"):
            score += 0.2
        if within is not None and admin1 and fold_word(admin1) == within:
            score += 0.5
        scored.append((-score, place.id, place))
    if len(scored) > 1:
        scored.sort(key=_SCORE_THEN_ID)  # best score first, then by id
        second = -scored[1][0]
    else:
        second = 0.0
    best_score, best = -scored[0][0], scored[0][2]
    confidence = round(best_score / (best_score + second), 3) if second > 0 else 1.0
    alternatives = tuple([p for _, _, p in scored[1:6]] + governorates[:1])
    precision = precision_of(best, near=cue.near)
    return PlaceMention(match.span, match.surface, best, precision, confidence, alternatives)


_OWN_NAME_BONUS = 0.25


@lru_cache(maxsize=4096)
def _parent_keys(name: str, admin1: str | None) -> frozenset[str]:
    keys = {fold_chunk(name)}
    if admin1:
        keys.add(fold_chunk(admin1))
    return frozenset(k.split(" ")[-1] for k in keys)


_ITS_FACILITY_RE = re.compile(
    r"(?:\s+and\s+its|['’]s)\s+(?P<kind>(?:military\s+)?(?:airbase|air\s+base|airport))\b",
    re.IGNORECASE,
)


def own_facilities(
    mentions: list[PlaceMention], text: str, gazetteer: Gazetteer
) -> list[PlaceMention]:
    """"the city of Deir Ezzor and its airbase", "Tabqa's airport": the facility the gazetteer
    files under the town's name, as one more mention (the words "its airbase")."""
    out: list[PlaceMention] = []
    for m in mentions:
        found = _ITS_FACILITY_RE.match(text, m.span.end)
        if found is None or m.place.feature in _FACILITIES:
            continue
        kind = " ".join(found.group("kind").lower().split())
        for cand in gazetteer.lookup(f"{m.surface} {kind}", limit=3):
            if cand.place.feature in _FACILITIES and km(cand.place, m.place) <= _FACILITY_KM:
                start = found.start("kind")
                if text[found.start() : start].strip().lower().endswith("its"):
                    start = text.lower().rfind("its", found.start(), start)
                span = Span(start, found.end())
                out.append(PlaceMention(span, text[span.start : span.end], cand.place,
                                        precision_of(cand.place), 1.0))
                break
    return out
