"""static/js/route.js gives the same visiting order and distances as the server."""

import json
from pathlib import Path

import pytest

VECTORS = json.loads(
    (Path(__file__).parents[1] / "vectors" / "route.json").read_text(encoding="utf-8")
)["cases"]


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_browser_route_matches_the_shared_vectors(module_page, case):
    got = module_page.evaluate(
        """async ({ start, points }) => {
            const m = await import('/static/js/route.js');
            const distances = Object.fromEntries(Object.entries(points).map(
                ([key, [lat, lon]]) =>
                    [key, m.distanceM(start[0], start[1], lat, lon)]));
            return { route: m.nearestNeighbourRoute(start, points), distances };
        }""",
        {"start": case["start"], "points": case["points"]},
    )
    assert got["route"] == case["route"]
    for key, metres in case["distances_m"].items():
        assert got["distances"][key] == pytest.approx(metres, abs=0.001)
