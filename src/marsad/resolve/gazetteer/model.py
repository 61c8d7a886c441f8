"""What the gazetteer holds and answers: places' priors, candidates, name matches, the protocol."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Protocol

from marsad.model import Place, Span

FEATURE_WEIGHT: Mapping[str, float] = {
    "city": 1.0,
    "town": 0.75,
    "village": 0.55,
    "governorate": 0.6,
    "district": 0.3,
    "subdistrict": 0.25,
    "neighbourhood": 0.4,
}
"""How likely a bare name refers to a place of each feature, before any context."""

_CURATED_WEIGHT = 0.8


def prior(place: Place) -> float:
    """A context-free score in (0, 1.2] for ``place`` being what a bare mention means."""
    weight = FEATURE_WEIGHT.get(place.feature, _CURATED_WEIGHT)
    if place.iso3 != "SYR":
        weight *= 0.35
    if place.population:
        weight += 0.03 * math.log10(place.population + 1)
    return weight


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may mean, with its score and the name it matched."""

    place: Place
    score: float
    matched: str


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A stretch of text that spells a gazetteer name, with every place of that name.

    ``article`` says whether the stretch begins with an Arabic article (``al-``, ``as-`` ...);
    ``weak_ids``: the places that bear the name only in a shortened form ("Baguz" for
    "Upper Baguz"), to be confirmed by the report's context.
    """

    span: Span
    surface: str
    key: str
    places: tuple[Place, ...]
    article: bool = False
    weak_ids: frozenset[str] = frozenset()


class Gazetteer(Protocol):
    """What geocoding needs from a gazetteer."""

    def lookup(self, name: str, *, limit: int = 10) -> list[Candidate]:
        """Places a name may mean, best first."""
        ...

    def get(self, place_id: str) -> Place | None:
        """The place with this id, if any."""
        ...

    def parent(self, place_id: str) -> Place | None:
        """The city a neighbourhood belongs to (None for other places)."""
        ...

    def scan(self, text: str) -> list[NameMatch]:
        """Every stretch of ``text`` that spells a name, in text order.

        Matches may overlap, except that a name ending where a longer accepted name ends
        ("Hasakeh" in "al-Hasakeh") is left out.
        """
        ...

    def similar(self, surface: str) -> tuple[Place, ...]:
        """Places whose name is spelled much like ``surface`` (a loose fallback)."""
        ...

    def is_stopword(self, surface: str, *, article: bool = False) -> bool:
        """Whether a word is never a place name on its own."""
        ...

    def major_keys(self) -> frozenset[str]:
        """The name keys of every spelling under which :meth:`lookup` may answer a Syrian city
        or governorate (its candidates' ``matched``): a name sharing none of them names none."""
        ...

    def fuzzy(
        self, surface: str, *, admin1s: Collection[str], limit: int = 5, cutoff: float = 0.8
    ) -> list[Candidate]:
        """Syrian places in ``admin1s`` whose names are spelled close to ``surface``, best first."""
        ...



def is_major(place: Place) -> bool:
    """A Syrian city or governorate, or a place of 20,000 people or more."""
    return place.iso3 == "SYR" and (
        place.feature in ("city", "governorate") or (place.population or 0) >= 20_000
    )
