"""Map coordinates in China: WGS-84 fixes shown on GCJ-02 tiles (DOMAIN §7.2).

Stored coordinates stay WGS-84 everywhere. Tiles from Amap or Tencent are drawn
in GCJ-02, the offset system of Chinese web maps, so a point must be shifted
before it is drawn on them; 天地图 (CGCS2000) needs no shift at this scale.
"""

import eviltransform

# Tile coordinate systems the map understands; CGCS2000 and WGS-84 differ by
# centimetres, far below what a map of houses shows.
NO_SHIFT = ("wgs84", "cgcs2000")
GCJ02 = "gcj02"
SYSTEMS = (*NO_SHIFT, GCJ02)


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """A WGS-84 position in GCJ-02, by the published conversion.

    The conversion is approximate in two ways: the published polynomial agrees
    with the official (unpublished) one to about a metre or two, and the
    "inside China" test is a rectangle (72.004–137.8347 E, 0.8293–55.8271 N), so
    points in neighbouring countries inside it are shifted too. Neither matters
    for Wanning, which lies well inside.
    """
    return eviltransform.wgs2gcj(lat, lon)


def for_tiles(lat: float, lon: float, system: str) -> tuple[float, float]:
    """A stored WGS-84 position as drawn on tiles of the given system."""
    if system == GCJ02:
        return wgs84_to_gcj02(lat, lon)
    if system in NO_SHIFT:
        return lat, lon
    raise ValueError(f"unknown tile coordinate system: {system!r}")
