"""A resolved place mention, its ACLED geo-precision, and the measures between places."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.geo import place_km
from marsad.model import Place, Span
from marsad.resolve.names import name_keys

ADMIN_FEATURES = frozenset({"governorate", "district", "subdistrict"})
REGION_FEATURES = frozenset({"region", "mountain", "plain", "district", "subdistrict"})
_SMALL_FOREIGN = 5_000
SAME_PLACE_KM = 5.0
#: Damascus and its countryside: two governorates that reports name as one area.
CAPITAL_AREA = frozenset({"Damascus", "Rural Damascus"})


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place named in a text: where, as what it is written, and what it resolves to."""

    span: Span
    surface: str
    place: Place
    geo_precision: int
    score: float
    alternatives: tuple[Place, ...] = ()


def precision_of(place: Place, *, near: bool = False) -> int:
    """ACLED's geo-precision for a resolved place: 1 exact, 2 near or a region, 3 governorate."""
    if place.feature == "governorate":
        return 3
    if near or place.feature in REGION_FEATURES:
        return 2
    return 1


def syrian(places: tuple[Place, ...]) -> tuple[Place, ...]:
    """The Syrian places, else the foreign ones that are not small."""
    kept = [p for p in places if p.iso3 == "SYR"]
    if len(kept) == len(places):
        return places
    if kept:
        return tuple(kept)
    return tuple([p for p in places if (p.population or 0) >= _SMALL_FOREIGN])


def km(a: Place, b: Place) -> float:
    """Great-circle distance between two places in kilometres."""
    return place_km(a, b)


@lru_cache(maxsize=8192)
def keys_of(name: str) -> frozenset[str]:
    """:func:`~marsad.resolve.names.name_keys`, remembered (reports repeat the same names)."""
    return frozenset(name_keys(name))
