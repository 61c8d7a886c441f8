"""Far-away homonyms: a village resolved outside every governorate the report is about.

A report about Aleppo that names "al-Breij" means a place near Aleppo, not the village of that
name in Tartus.  Where a minor place lies outside the report's governorates (the governorates
its other names point to, each name's own vote left out), a close spelling among the places of
those governorates replaces it (:meth:`~marsad.resolve.gazetteer.Gazetteer.fuzzy`); with none,
the far-away village is dropped when one other governorate holds most of the report's votes
(a roundup of many governorates keeps it).

The same holds for a small foreign place (a Syrian village spelled like a Turkish one, found
there within one letter: "Ayyas" -> Ayyash); a larger town moves only to a near-identical
spelling of a name that is not its own ("Al-Hayjana" -> Hayajneh, not Hajin).  A name and the
word after it may spell one village of those governorates together (:func:`extended`); a name
the words after it place in a governorate that holds no such place stands for the governorate
(:func:`in_governorate`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from marsad.model import Span
from marsad.resolve.gazetteer import Candidate, Gazetteer, NameMatch
from marsad.resolve.geocode.mention import (
    ADMIN_FEATURES,
    CAPITAL_AREA,
    SAME_PLACE_KM,
    PlaceMention,
    keys_of,
    km,
    precision_of,
    syrian,
)
from marsad.resolve.geocode.tally import MINOR_POPULATION, own_votes
from marsad.resolve.names import fold_chunk, is_arabic

_MINOR_FEATURES = frozenset({"village", "town", "neighbourhood"})
_FUZZY_CUTOFF = 0.85
_FUZZY_MARGIN = 0.03
_FOCUS_SHARE = 0.5
_FOCUS_MIN_VOTES = 3.0  # a report naming only one or two other places is too little to drop on
_FOREIGN_TOWN = 50_000
_TOWN_CUTOFF = 0.95  # a town is moved only to a near-identical spelling
_SHORT_LIMIT = 20
_SHORT_CUTOFF = 0.85


def match_votes(match: NameMatch) -> dict[str, float]:
    """The governorates one name points to, as votes (as
    :func:`~marsad.resolve.geocode.context.admin1_votes` counts them)."""
    return own_votes(syrian(match.places))


def strong_governorates(votes: Mapping[str, float], own: Mapping[str, float]) -> set[str]:
    """The governorates the report is mostly about, ``own`` votes (the name's) left out."""
    rest = {a: v - own.get(a, 0.0) for a, v in votes.items()}
    top = max(rest.values(), default=0.0)
    strong = {a for a, v in rest.items() if v >= max(1.0, top / 2)}
    if strong & CAPITAL_AREA:
        strong |= CAPITAL_AREA  # the city's countryside is the other governorate
    return strong


def _minor(mention: PlaceMention) -> bool:
    place = mention.place
    if place.iso3 != "SYR":
        # a foreign village or small town named in a report about Syria is most often a
        # Syrian village spelled like it ("Ayyas" -> Ayaş in Turkey for Ayyash)
        return (place.population or 0) < _FOREIGN_TOWN
    return (place.feature in _MINOR_FEATURES
            and (place.population or 0) < MINOR_POPULATION)


def _town(mention: PlaceMention) -> bool:
    """A Syrian town too large for :func:`_minor`: moved only to a near-identical spelling."""
    place = mention.place
    return place.iso3 == "SYR" and place.feature in ("town", "village")


def localise(
    mention: PlaceMention,
    match: NameMatch,
    votes: Mapping[str, float],
    gazetteer: Gazetteer,
    *,
    within: str | None = None,
    nearby: Collection[str] = (),
    own: Mapping[str, float] | None = None,
) -> PlaceMention | None:
    """``mention`` kept, moved to a close spelling inside the report's governorates, or dropped
    (None) where it is a minor place far from every governorate the report is about.

    ``within``: the governorate the words right after the name place it in ("X village in
    eastern Deir Ezzor"), which then alone counts; ``nearby``: governorates the names around
    it point to (a place among them is kept); ``own``: the name's own votes
    (:func:`match_votes`), where already known.
    """
    if own is None:
        own = match_votes(match)
    if not _minor(mention):
        if not _town(mention):
            return mention
        if within is not None:
            return _town_within(mention, within, gazetteer)
        if mention.place.admin1 not in nearby:
            return _respelled(mention, match, votes, gazetteer, own)
        return mention
    if within is not None:
        strong = within_area(within)
    else:
        if mention.place.admin1 in nearby:
            return mention
        strong = strong_governorates(votes, own)
    if not strong or mention.place.admin1 in strong:
        return mention
    if within is None and any(p.admin1 in strong for p in syrian(match.places)):
        return mention  # resolve() weighed the report's governorates already
    best = _clear_best(local_spellings(mention.surface, strong, gazetteer,
                                       short=mention.place.iso3 != "SYR"))
    if best is not None:
        return _moved(mention, best)
    if within is not None:
        return None
    return None if _focused(votes, own) else mention


def local_spellings(surface: str, admin1s: Collection[str], gazetteer: Gazetteer, *,
                    short: bool = False) -> list[Candidate]:
    """Places of ``admin1s`` spelled close to ``surface``, best first: the same consonants
    (:meth:`~marsad.resolve.gazetteer.Gazetteer.fuzzy`), else, with ``short`` (for a name
    the gazetteer holds only abroad), a name key within one letter ("Ayyas" for "Ayyash")."""
    found = [c for c in gazetteer.fuzzy(surface, admin1s=admin1s, cutoff=_FUZZY_CUTOFF)
             if c.place.feature not in ADMIN_FEATURES]
    if found:
        return found
    out: list[Candidate] = []
    if not short or is_arabic(surface):
        return out
    keys = keys_of(surface)
    for cand in gazetteer.lookup(surface, limit=_SHORT_LIMIT):
        place = cand.place
        if place.iso3 != "SYR" or place.admin1 not in admin1s or place.feature in ADMIN_FEATURES:
            continue
        similarity = max((fuzz.ratio(k, m) / 100.0 for k in keys
                          for m in keys_of(cand.matched)), default=0.0)
        if _SHORT_CUTOFF <= similarity < 1.0:  # the same key: the scan weighed it already
            out.append(Candidate(place, round(similarity, 4), cand.matched))
    return sorted(out, key=lambda c: (-c.score, c.place.id))


def _clear_best(found: list[Candidate]) -> Candidate | None:
    """The best candidate, if every other one is the same place or clearly worse."""
    if not found:
        return None
    best = found[0]
    clear = all(km(best.place, o.place) <= SAME_PLACE_KM
                or best.score - o.score >= _FUZZY_MARGIN for o in found[1:])
    return best if clear else None


def _respelled(mention: PlaceMention, match: NameMatch, votes: Mapping[str, float],
               gazetteer: Gazetteer, own: Mapping[str, float]) -> PlaceMention:
    """A town outside the governorates the report is about, moved to a place of theirs that
    is spelled almost the same ("Al-Hayjana": Hayajneh near Damascus, not Hajin)."""
    strong = strong_governorates(votes, own)
    if not strong or mention.place.admin1 in strong or not _focused(votes, own):
        return mention
    if any(p.admin1 in strong for p in syrian(match.places)):
        return mention
    own_keys = keys_of(mention.place.name) | keys_of(mention.place.name_ar or "")
    if keys_of(mention.surface) & own_keys:
        return mention  # the town's own name, not one of its variants
    return _near_identical(mention, strong, gazetteer) or mention


def within_area(within: str) -> set[str]:
    """The governorates the words "in <governorate>" name: Damascus and its countryside are one
    area to a report ("Yalda town in southern Damascus" lies in Rural Damascus)."""
    return set(CAPITAL_AREA) if within in CAPITAL_AREA else {within}


def _town_within(mention: PlaceMention, within: str, gazetteer: Gazetteer) -> PlaceMention | None:
    """A town the words after it place in another governorate ("Al-Hayjana village in southern
    Damascus" is Hayajneh, not Hajin on the Euphrates): a near-identical spelling there, else
    None (the caller then codes the governorate)."""
    area = within_area(within)
    if mention.place.admin1 in area:
        return mention
    return _near_identical(mention, area, gazetteer)


def _near_identical(mention: PlaceMention, area: Collection[str],
                    gazetteer: Gazetteer) -> PlaceMention | None:
    """``mention`` moved to the place of ``area`` spelled almost as it is, if one clearly is."""
    best = _clear_best([c for c in gazetteer.fuzzy(mention.surface, admin1s=area,
                                                   cutoff=_TOWN_CUTOFF)
                        if c.place.feature not in ADMIN_FEATURES])
    return None if best is None else _moved(mention, best)


def _moved(mention: PlaceMention, best: Candidate) -> PlaceMention:
    """``mention`` resolved to ``best`` instead, its former place kept as an alternative."""
    return replace(mention, place=best.place, score=round(0.5 * best.score, 3),
                   alternatives=(mention.place, *mention.alternatives[:4]))


def _focused(votes: Mapping[str, float], own: Mapping[str, float]) -> bool:
    """Whether one governorate holds most of the report's votes (not a roundup of many), and
    the report names enough other places for that to mean something."""
    rest = [v - own.get(a, 0.0) for a, v in votes.items()]
    total = sum(rest)
    return total >= _FOCUS_MIN_VOTES and max(rest) >= _FOCUS_SHARE * total


def within_governorate(within: str | None, gazetteer: Gazetteer) -> str | None:
    """The governorate named right after "in"/"of" (direction words skipped), if any:
    "in eastern Deir Ezzor countryside" -> Deir ez-Zor; a governorate or its capital, spelled
    as one of its names ("in the center of the capital" names none)."""
    if not within:
        return None
    directions = _folded_directions()
    words = [w for w in within.split(" ") if w not in directions and w.isalpha()]
    for size in (2, 1):
        if len(words) < size:
            continue
        query = " ".join(words[:size])
        keys = keys_of(query)
        if keys.isdisjoint(gazetteer.major_keys()):
            continue  # no answer of lookup() could share a key with it: none is taken
        for cand in gazetteer.lookup(query, limit=3):
            if cand.matched and cand.place.feature in ("governorate", "city") \
                    and cand.place.iso3 == "SYR" and cand.score >= _WITHIN_SCORE \
                    and keys & keys_of(cand.matched):
                return cand.place.admin1
    return None


@lru_cache(maxsize=1)
def _folded_directions() -> frozenset[str]:
    return frozenset(fold_chunk(w) for w in _DIRECTIONS)


def in_governorate(match: NameMatch, admin1: str, gazetteer: Gazetteer) -> PlaceMention | None:
    """A name the gazetteer holds only elsewhere, placed by the words after it in a governorate
    ("Tal al-Samn in the western Daraa countryside"): that governorate, geo-precision 3."""
    for cand in gazetteer.lookup(admin1, limit=5):
        if cand.place.feature == "governorate" and cand.place.admin1 == admin1:
            return PlaceMention(match.span, match.surface, cand.place, 3, 0.5)
    return None


_DIRECTIONS = frozenset({"eastern", "western", "northern", "southern", "the", "central",
                         "northeastern", "northwestern", "southeastern", "southwestern"})
_WITHIN_SCORE = 0.7


_TAIL_RE = re.compile(r" (?:[Aa]l[-‐]|[Ee]l[-‐])?[A-Z][a-z’']{2,}")
_TAIL_CUTOFF = 0.9


def extended(
    mention: PlaceMention,
    text: str,
    votes: Mapping[str, float],
    gazetteer: Gazetteer,
    *,
    within: str | None = None,
    strong: Collection[str] | None = None,
) -> PlaceMention:
    """``mention`` taken over the capitalised word after it where the two words spell one
    place of the report's governorates ("Buwaydah al-Suwayqat": the village of Bweidet
    Sweiqat in Tartus, not a Buwayda elsewhere); ``strong``: those governorates
    (:func:`strong_governorates`), where already known."""
    tail = _TAIL_RE.match(text, mention.span.end)
    if tail is None or mention.place.feature in ("city", "governorate"):
        return mention
    if within:
        strong = within_area(within)
    elif strong is None:
        strong = strong_governorates(votes, {})
    if not strong:
        return mention
    surface = text[mention.span.start : tail.end()]
    best = _clear_best([c for c in gazetteer.fuzzy(surface, admin1s=strong, cutoff=_TAIL_CUTOFF)
                        if c.place.feature not in ADMIN_FEATURES])
    if best is None or best.place.id == mention.place.id:
        return mention
    return PlaceMention(Span(mention.span.start, tail.end()), surface, best.place,
                        precision_of(best.place), round(0.5 * best.score, 3),
                        (mention.place, *mention.alternatives[:4]))
