"""Great-circle distances: the one place Marsad measures kilometres between points.

>>> round(haversine_km(36.0, 40.0, 37.0, 40.0), 1)
111.2
"""

from __future__ import annotations

import math

from marsad.model import Place

__all__ = ["EARTH_RADIUS_KM", "haversine_km", "place_km"]

EARTH_RADIUS_KM = 6371.0088
"""The mean Earth radius (IUGG)."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def place_km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres between two places."""
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
