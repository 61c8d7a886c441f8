"""What each name of one report says, worked out once and read by every step of geocoding.

A report names a few dozen places; each step used to ask every name again for its Syrian
places and the governorates it points to.  :func:`tally` does that once per report, in text
order, and :func:`votes_of` and :func:`neighbour_sets` read the table: the governorate votes
(:func:`~marsad.resolve.geocode.context.admin1_votes`) and, for each name, the governorates
the names within a sentence's reach point to.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise

from marsad.model import Place
from marsad.resolve.gazetteer import NameMatch
from marsad.resolve.geocode.mention import syrian

NEIGHBOUR_CHARS = 120
MINOR_POPULATION = 20_000
SUPPORTING_FEATURES = frozenset({"city", "governorate", "neighbourhood", "district",
                                 "subdistrict", "airbase", "airport", "region", "mountain"})


@dataclass(frozen=True, slots=True)
class Tally:
    """Per name of a report, in text order: its start, its Syrian places (:func:`syrian`) and
    the governorates it points to as votes (:func:`own_votes`)."""

    starts: tuple[int, ...]
    places: tuple[tuple[Place, ...], ...]
    own: tuple[dict[str, float], ...]


def own_votes(places: tuple[Place, ...]) -> dict[str, float]:
    """The governorates one name's Syrian ``places`` point to, as votes: its one governorate
    (1.0), else that of its one city or governorate (1.0), else 0.5 shared among them all."""
    if len(places) == 1:  # most names
        admin1 = places[0].admin1
        return {admin1: 1.0} if admin1 else {}
    admin1s = {p.admin1 for p in places if p.admin1}
    if len(admin1s) == 1:
        return {next(iter(admin1s)): 1.0}
    major = {p.admin1 for p in places if p.admin1 and p.feature in ("governorate", "city")}
    if len(major) == 1:
        return {next(iter(major)): 1.0}
    return {a: 0.5 / len(admin1s) for a in admin1s}


def tally(matches: Sequence[NameMatch]) -> Tally:
    """The table of ``matches`` (sorted by start)."""
    places = tuple([syrian(m.places) for m in matches])
    return Tally(
        starts=tuple([m.span.start for m in matches]),
        places=places,
        own=tuple([own_votes(p) for p in places]),
    )


def votes_of(table: Tally, *, skip: Collection[int] = ()) -> defaultdict[str, float]:
    """The report's governorate votes: each name's own votes added up in text order (the
    names starting at an offset in ``skip`` left out)."""
    votes: defaultdict[str, float] = defaultdict(float)
    for start, own in zip(table.starts, table.own, strict=True):
        if start in skip:
            continue
        for admin1, vote in own.items():
            votes[admin1] += vote
    return votes


def supporting(places: tuple[Place, ...]) -> bool:
    """Whether a name vouches for its neighbours even outside the report's governorates: a
    city, a region or a large town bears it."""
    return any(p.feature in SUPPORTING_FEATURES or (p.population or 0) >= MINOR_POPULATION
               for p in places)


def neighbour_sets(table: Tally, strong: Collection[str] = ()) -> list[set[str]]:
    """For each name, the governorates that the other names within
    :data:`NEIGHBOUR_CHARS` of its start point to alone; with ``strong`` (the governorates
    the report is about), a name pointing outside them counts only if it is
    :func:`supporting`."""
    counted: list[str] = []  # "" for a name that counts for none (no governorate is "")
    for own, places in zip(table.own, table.places, strict=True):
        admin1 = next(iter(own)) if len(own) == 1 else ""
        counted.append(admin1 if admin1
                       and (not strong or admin1 in strong or supporting(places)) else "")
    starts = table.starts
    if any(a > b for a, b in pairwise(starts)):  # not in text order: every pair
        return [{a for j, a in enumerate(counted)
                 if a and j != i and abs(starts[j] - start) <= NEIGHBOUR_CHARS}
                for i, start in enumerate(starts)]
    out: list[set[str]] = []
    for i, start in enumerate(starts):
        lo = bisect_left(starts, start - NEIGHBOUR_CHARS)
        hi = bisect_right(starts, start + NEIGHBOUR_CHARS, lo)
        found = set(counted[lo:i])
        found.update(counted[i + 1 : hi])
        found.discard("")
        out.append(found)
    return out
