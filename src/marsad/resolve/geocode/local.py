"""Far-away homonyms: a village resolved outside every governorate the report is about.

A report about Aleppo that names "al-Breij" means a place near Aleppo, not the village of that
name in Tartus.  Where a minor place lies outside the report's governorates (the governorates
its other names point to, each name's own vote left out), a close spelling among the places of
those governorates replaces it (:meth:`~marsad.resolve.gazetteer.Gazetteer.fuzzy`); with none,
the far-away village is dropped when one other governorate holds most of the report's votes
(a roundup of many governorates keeps it).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

from marsad.resolve.gazetteer import Gazetteer, NameMatch
from marsad.resolve.geocode.mention import ADMIN_FEATURES, SAME_PLACE_KM, PlaceMention, km, syrian
from marsad.resolve.names import fold_chunk

_MINOR_FEATURES = frozenset({"village", "town", "neighbourhood"})
_MINOR_POPULATION = 20_000
_FUZZY_CUTOFF = 0.85
_FUZZY_MARGIN = 0.03
_FOCUS_SHARE = 0.5
_FOCUS_MIN_VOTES = 3.0  # a report naming only one or two other places is too little to drop on
_NEIGHBOUR_CHARS = 120


def match_votes(match: NameMatch) -> dict[str, float]:
    """The governorates one name points to, as votes (as
    :func:`~marsad.resolve.geocode.context.admin1_votes` counts them)."""
    places = syrian(match.places)
    admin1s = {p.admin1 for p in places if p.admin1}
    major = {p.admin1 for p in places if p.admin1 and p.feature in ("governorate", "city")}
    if len(admin1s) == 1:
        return {next(iter(admin1s)): 1.0}
    if len(major) == 1:
        return {next(iter(major)): 1.0}
    return {a: 0.5 / len(admin1s) for a in admin1s}


def strong_governorates(votes: Mapping[str, float], own: Mapping[str, float]) -> set[str]:
    """The governorates the report is mostly about, ``own`` votes (the name's) left out."""
    rest = {a: v - own.get(a, 0.0) for a, v in votes.items()}
    top = max(rest.values(), default=0.0)
    strong = {a for a, v in rest.items() if v >= max(1.0, top / 2)}
    if "Damascus" in strong:
        strong.add("Rural Damascus")  # the city's countryside is the other governorate
    if "Rural Damascus" in strong:
        strong.add("Damascus")
    return strong


def _minor(mention: PlaceMention) -> bool:
    place = mention.place
    return (place.iso3 == "SYR" and place.feature in _MINOR_FEATURES
            and (place.population or 0) < _MINOR_POPULATION)


def neighbours(match: NameMatch, matches: list[NameMatch]) -> set[str]:
    """Governorates that the names within a sentence's reach of ``match`` point to alone
    ("Al-Shahbaa, Al-Ashrafiyah and Sheikh Maqsoud": each supports the others)."""
    out: set[str] = set()
    for other in matches:
        if other is match or abs(other.span.start - match.span.start) > _NEIGHBOUR_CHARS:
            continue
        votes = match_votes(other)
        if len(votes) == 1:
            out.update(votes)
    return out


def localise(
    mention: PlaceMention,
    match: NameMatch,
    votes: Mapping[str, float],
    gazetteer: Gazetteer,
    *,
    within: str | None = None,
    nearby: Collection[str] = (),
) -> PlaceMention | None:
    """``mention`` kept, moved to a close spelling inside the report's governorates, or dropped
    (None) where it is a minor place far from every governorate the report is about.

    ``within``: the governorate the words right after the name place it in ("X village in
    eastern Deir Ezzor"), which then alone counts; ``nearby``: governorates the names around
    it point to (a place among them is kept).
    """
    if not _minor(mention):
        return mention
    if within is not None:
        strong = {within}
    else:
        if mention.place.admin1 in nearby:
            return mention
        strong = strong_governorates(votes, match_votes(match))
    if not strong or mention.place.admin1 in strong:
        return mention
    if within is None and any(p.admin1 in strong for p in syrian(match.places)):
        return mention  # resolve() weighed the report's governorates already
    found = [c for c in gazetteer.fuzzy(mention.surface, admin1s=strong, cutoff=_FUZZY_CUTOFF)
             if c.place.feature not in ADMIN_FEATURES]
    if found:
        best = found[0]
        clear = all(km(best.place, o.place) <= SAME_PLACE_KM
                    or best.score - o.score >= _FUZZY_MARGIN for o in found[1:])
        if clear:
            return replace(mention, place=best.place, score=round(0.5 * best.score, 3),
                           alternatives=(mention.place, *mention.alternatives[:4]))
    if within is not None:
        return None
    return None if _focused(votes, match_votes(match)) else mention


def _focused(votes: Mapping[str, float], own: Mapping[str, float]) -> bool:
    """Whether one governorate holds most of the report's votes (not a roundup of many), and
    the report names enough other places for that to mean something."""
    rest = [v - own.get(a, 0.0) for a, v in votes.items()]
    total = sum(rest)
    return total >= _FOCUS_MIN_VOTES and max(rest) >= _FOCUS_SHARE * total


def within_governorate(within: str | None, gazetteer: Gazetteer) -> str | None:
    """The governorate named right after "in"/"of" (direction words skipped), if any:
    "in eastern Deir Ezzor countryside" -> Deir ez-Zor; a governorate or its capital."""
    if not within:
        return None
    directions = {fold_chunk(w) for w in _DIRECTIONS}
    words = [w for w in within.split(" ") if w not in directions and w.isalpha()]
    for size in (2, 1):
        if len(words) < size:
            continue
        for cand in gazetteer.lookup(" ".join(words[:size]), limit=3):
            if cand.matched and cand.place.feature in ("governorate", "city") \
                    and cand.place.iso3 == "SYR" and cand.score >= _WITHIN_SCORE:
                return cand.place.admin1
    return None


_DIRECTIONS = frozenset({"eastern", "western", "northern", "southern", "the", "central",
                         "northeastern", "northwestern", "southeastern", "southwestern"})
_WITHIN_SCORE = 0.7
