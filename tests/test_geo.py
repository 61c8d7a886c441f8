"""Distances used by geocoding, linking and the scorer."""

from __future__ import annotations

import pytest

from marsad.geo import haversine_km, place_km
from marsad.model import Place


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((36.0, 40.0), (36.0, 40.0), 0.0),
        ((36.0, 40.0), (37.0, 40.0), 111.2),  # one degree of latitude
        ((37.0206, 41.1914), (37.05, 41.22), 4.1),  # Qamishli's airport to the town
        ((33.51, 36.29), (36.20, 37.13), 308.8),  # Damascus to Aleppo
    ],
)
def test_haversine_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.1)
    assert haversine_km(*b, *a) == pytest.approx(km, abs=0.1)


def test_place_km_is_the_distance_of_the_points() -> None:
    hasakah = Place("p1", "Al-Hasakah", 36.5024, 40.7477, "city")
    qamishli = Place("p2", "Al-Qamishli", 37.0522, 41.2306, "city")
    assert place_km(hasakah, qamishli) == haversine_km(36.5024, 40.7477, 37.0522, 41.2306)
    assert 70 < place_km(hasakah, qamishli) < 80
