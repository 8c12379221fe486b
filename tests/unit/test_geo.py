"""GPS data-quality flags, geodesic distances and greedy visiting order."""

import math

import pytest

from fieldapp.domain.geo import (
    FLAGS,
    GeoRules,
    distance_m,
    inside_box,
    location_flags,
    nearest_neighbour_route,
    valid_coordinates,
)

WANCHENG = {"lat": 18.796, "lon": 110.389, "accuracy_m": 8.0}


def here(lat=18.796, lon=110.389, accuracy_m=8.0):
    """A record location near the 万城镇 seat."""
    return {"lat": lat, "lon": lon, "accuracy_m": accuracy_m}


@pytest.mark.parametrize(
    ("location", "household", "flags"),
    [
        (None, WANCHENG, ["gps_missing"]),
        ({}, WANCHENG, ["gps_missing"]),
        ({"lat": None, "lon": 110.389, "accuracy_m": 5}, None, ["gps_missing"]),
        ({"lat": 18.796, "lon": None, "accuracy_m": 5}, None, ["gps_missing"]),
        (here(lat=math.nan), None, ["gps_missing"]),
        (here(lat=95.0), None, ["gps_missing"]),
        (here(), WANCHENG, []),
        (here(), None, []),
        (here(), {"lat": None, "lon": None}, []),
        (here(accuracy_m=50.0), WANCHENG, []),
        (here(accuracy_m=50.1), WANCHENG, ["gps_inaccurate"]),
        (here(accuracy_m=None), WANCHENG, ["gps_inaccurate"]),
        ({"lat": 18.796, "lon": 110.389}, WANCHENG, ["gps_inaccurate"]),
        (here(lat=20.04, lon=110.34), None, ["gps_outside_city"]),  # Haikou
        (here(lon=110.389 + 0.0047), WANCHENG, []),  # about 495 m east
        (here(lon=110.389 + 0.0050), WANCHENG, ["gps_far_from_household"]),
        (
            here(lat=20.04, lon=110.34, accuracy_m=120.0),
            WANCHENG,
            ["gps_inaccurate", "gps_outside_city", "gps_far_from_household"],
        ),
    ],
)
def test_location_flags(location, household, flags):
    assert location_flags(location, household) == flags


def test_flags_follow_configured_thresholds():
    rules = GeoRules(inaccurate_m=5.0, far_m=100.0, box=(0.0, 1.0, 0.0, 1.0))
    assert location_flags(here(lat=18.797), WANCHENG, rules) == [
        "gps_inaccurate",
        "gps_outside_city",
        "gps_far_from_household",
    ]
    assert set(location_flags(here(lat=18.797), WANCHENG, rules)) <= set(FLAGS)


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        (18.796, 110.389, True),
        (18.55, 109.98, True),  # corner, edges included
        (19.12, 110.62, True),
        (18.549, 110.389, False),
        (19.121, 110.389, False),
        (18.796, 109.979, False),
        (18.796, 110.621, False),
    ],
)
def test_inside_box(lat, lon, inside):
    assert inside_box(lat, lon, GeoRules().box) is inside


@pytest.mark.parametrize(
    ("lat", "lon", "valid"),
    [
        (18.8, 110.4, True),
        (-90, -180, True),
        (90, 180, True),
        (90.0001, 0, False),
        (0, -180.0001, False),
        (math.inf, 0, False),
        (0, math.nan, False),
        (None, 0, False),
        ("18.8", 110.4, False),
        (True, 110.4, False),
    ],
)
def test_valid_coordinates(lat, lon, valid):
    assert valid_coordinates(lat, lon) is valid


@pytest.mark.parametrize(
    ("points", "metres"),
    [
        ((18.796, 110.389, 18.796, 110.389), 0.0),
        # One degree of latitude near 18.8° N on the WGS-84 ellipsoid.
        ((18.3, 110.0, 19.3, 110.0), 110_726),
        # 万城镇 to the 兴隆 farm centre, about 20 km.
        ((18.796, 110.389, 18.74, 110.20), 20_800),
    ],
)
def test_distance_is_geodesic_metres(points, metres):
    assert distance_m(*points) == pytest.approx(metres, rel=0.005, abs=0.01)


@pytest.mark.parametrize(
    ("start", "points", "route"),
    [
        ((0.0, 0.0), {}, []),
        ((0.0, 0.0), {"a": (0.0, 0.01)}, ["a"]),
        (
            (0.0, 0.0),
            {"far": (0.0, 0.03), "near": (0.0, 0.01), "mid": (0.0, 0.02)},
            ["near", "mid", "far"],
        ),
        # Greedy, not optimal: from near it goes on west, then back east.
        (
            (0.0, 0.0),
            {"east": (0.0, 0.011), "west1": (0.0, -0.01), "west2": (0.0, -0.021)},
            ["west1", "west2", "east"],
        ),
        # Equal distances are broken by key.
        ((0.0, 0.0), {"b": (0.0, 0.01), "a": (0.0, -0.01)}, ["a", "b"]),
        ((0.0, 0.0), {"y": (0.01, 0.0), "x": (0.01, 0.0)}, ["x", "y"]),
    ],
)
def test_nearest_neighbour_route(start, points, route):
    assert nearest_neighbour_route(start, points) == route


def test_route_leaves_the_input_untouched():
    points = {"a": (0.0, 0.01)}
    nearest_neighbour_route((0.0, 0.0), points)
    assert points == {"a": (0.0, 0.01)}
