"""Resolving names with the report's context: the longest of overlapping names, shortened
names confirmed by their district, governorate votes, facilities, and the choice among places."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from marsad.model import Place, Span
from marsad.resolve.gazetteer import Gazetteer, NameMatch, PlaceLexicon, prior
from marsad.resolve.geocode.cues import Cues, cues_for, ends_with, fold_word, prev_word
from marsad.resolve.geocode.mention import ADMIN_FEATURES, PlaceMention, km, precision_of, syrian
from marsad.resolve.geocode.tally import tally, votes_of
from marsad.resolve.names import fold_chunk

_FACILITIES = frozenset({"airbase", "airport", "base"})
_FACILITY_KM = 30.0


def confirm_weak(matches: list[NameMatch]) -> list[NameMatch]:
    """Keep a place found only under a shortened name ("Baguz" for "Upper Baguz") where the
    report's other names point to its district; drop matches left with no place."""
    if not any(m.weak_ids for m in matches):
        return matches
    districts: set[str] = set()
    for m in matches:
        admin2s = {p.admin2 for p in syrian(m.places) if p.id not in m.weak_ids}
        if len(admin2s) == 1 and None not in admin2s:
            districts.update(a for a in admin2s if a)
    out: list[NameMatch] = []
    for m in matches:
        if m.weak_ids:
            kept = tuple(p for p in m.places
                         if p.id not in m.weak_ids or (p.admin2 or "") in districts)
            if not kept:
                continue
            m = replace(m, places=kept)
        out.append(m)
    return out


def widen(
    matches: list[NameMatch], text: str, lexicon: PlaceLexicon
) -> tuple[list[NameMatch], set[int]]:
    """Take in a generic word before a village's name that the gazetteer lacks with it:
    "Tal Al-Haddadah" is a hill by the village of Haddadah (resolved to it, precision 2),
    "Jurud al-Qalamoun" the barrens of the Qalamoun; a match of the generic word alone
    ("Masaken", a village elsewhere, in "Masaken Hanano") gives way."""
    out: list[NameMatch] = []
    widened: set[int] = set()
    generic = lexicon.cues["feature_before"]
    ends = {m.span.end for m in matches}
    for m in matches:
        word = prev_word(text, m.span.start)
        start = m.span.start - len(word) - 1
        if (word.lower() in generic and word[:1].isupper() and start - 1 not in ends
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
    for words in _words_of(lexicon.cues["facility_before"]):
        if all(word in low for word in words):
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
) -> PlaceMention | None:
    """The place a match means, from its cues, the report's votes and the gazetteer's prior
    (``places``: the match's Syrian places, :func:`syrian`, where already known)."""
    if places is None:
        places = syrian(match.places)
    if not places:
        return None
    governorates: list[Place] = []
    others: list[Place] = []
    for p in places:
        (governorates if p.feature == "governorate" else others).append(p)
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
    pool = others or list(places)
    top_votes = max(votes.values(), default=0.0)
    scored: list[tuple[float, str, Place]] = []
    own = 1.0 if len({p.admin1 for p in places}) == 1 else 0.0
    within = cue.within.split(" ")[0] if cue.within else None
    for place in pool:
        score = prior(place)
        if place.feature in ADMIN_FEATURES:
            score -= 0.2
        if top_votes and place.admin1:
            score += 0.6 * max(0.0, votes.get(place.admin1, 0.0) - own) / top_votes
        if place.feature == "neighbourhood":
            parent = gazetteer.parent(place.id)
            if parent is not None:
                if parent.id in named_ids:
                    score += 0.5
                if within is not None and within in _parent_keys(parent.name, parent.admin1):
                    score += 0.8
            if cue.neighbourhood:
                score += 0.5
            if cue.city:
                score -= 0.3
        elif cue.city and place.feature in ("city", "town"):
            score += 0.2
        if within is not None and place.admin1 and fold_word(place.admin1) == within:
            score += 0.5
        scored.append((score, place.id, place))
    if len(scored) > 1:
        scored.sort(key=_by_score)
    best_score, _, best = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    confidence = round(best_score / (best_score + second), 3) if second > 0 else 1.0
    alternatives = tuple([p for _, _, p in scored[1:6]] + governorates[:1])
    precision = precision_of(best, near=cue.near)
    return PlaceMention(match.span, match.surface, best, precision, confidence, alternatives)


def _by_score(scored: tuple[float, str, Place]) -> tuple[float, str]:
    """Best score first, then by id."""
    return -scored[0], scored[1]


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
