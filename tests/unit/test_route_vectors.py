"""The shared route vectors hold for the server's twin (the browser's is in e2e)."""

import json
from pathlib import Path

import pytest

from fieldapp.domain.geo import distance_m, nearest_neighbour_route

VECTORS = json.loads(
    (Path(__file__).parents[1] / "vectors" / "route.json").read_text(encoding="utf-8")
)["cases"]


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_python_route_matches_the_shared_vectors(case):
    points = {key: tuple(value) for key, value in case["points"].items()}
    assert nearest_neighbour_route(tuple(case["start"]), points) == case["route"]
    for key, (lat, lon) in points.items():
        assert distance_m(*case["start"], lat, lon) == pytest.approx(
            case["distances_m"][key], abs=0.001
        )
