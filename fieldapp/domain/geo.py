"""GPS data-quality flags, distances and visiting order (DOMAIN §7.2)."""

import math
from dataclasses import dataclass

from geopy.distance import geodesic

FLAGS = (
    "gps_missing",
    "gps_inaccurate",
    "gps_outside_city",
    "gps_far_from_household",
)


@dataclass(frozen=True)
class GeoRules:
    """Thresholds for location flags; the box is (lat_min, lat_max, lon_min, lon_max).

    The box is DOMAIN §7.2's suggested validation box around Wanning: a coarse
    check, so being outside it is a warning, never a rejection.
    """

    inaccurate_m: float = 50.0
    far_m: float = 500.0
    box: tuple[float, float, float, float] = (18.55, 19.12, 109.98, 110.62)


def valid_coordinates(lat: object, lon: object) -> bool:
    """True for finite numbers with -90 ≤ lat ≤ 90 and -180 ≤ lon ≤ 180."""
    numbers = (lat, lon)
    if any(isinstance(v, bool) or not isinstance(v, int | float) for v in numbers):
        return False
    if not all(math.isfinite(v) for v in numbers):
        return False
    return -90 <= lat <= 90 and -180 <= lon <= 180


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic (WGS-84 ellipsoid) distance in metres between two points."""
    return geodesic((lat1, lon1), (lat2, lon2)).meters


def inside_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    """True when (lat, lon) lies in the box, edges included."""
    lat_min, lat_max, lon_min, lon_max = box
    return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max


def _point(location: dict | None) -> tuple[float, float] | None:
    """(lat, lon) of a location dict, or None when absent or not a real position."""
    if not location:
        return None
    lat, lon = location.get("lat"), location.get("lon")
    return (lat, lon) if valid_coordinates(lat, lon) else None


def location_flags(
    location: dict | None,
    household_location: dict | None,
    rules: GeoRules = GeoRules(),
) -> list[str]:
    """Data-quality warnings for a record's position, in the order of `FLAGS`.

    A missing or impossible position gives only `gps_missing`. The distance to the
    household is checked only when the household itself has a valid position.
    """
    point = _point(location)
    if point is None:
        return ["gps_missing"]
    flags = []
    accuracy = location.get("accuracy_m")
    if accuracy is None or accuracy > rules.inaccurate_m:
        flags.append("gps_inaccurate")
    if not inside_box(*point, rules.box):
        flags.append("gps_outside_city")
    home = _point(household_location)
    if home is not None and distance_m(*point, *home) > rules.far_m:
        flags.append("gps_far_from_household")
    return flags


def nearest_neighbour_route(
    start: tuple[float, float], points: dict[str, tuple[float, float]]
) -> list[str]:
    """Greedy visiting order: always go to the nearest unvisited point next.

    Ties are broken by key so the order is deterministic; this is the server-side
    twin of the route helper in the browser and must give the same order.
    """
    here = start
    left = dict(points)
    route = []
    while left:
        key = min(left, key=lambda k: (distance_m(*here, *left[k]), k))
        route.append(key)
        here = left.pop(key)
    return route
