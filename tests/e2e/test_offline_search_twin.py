"""static/js/offline-search.js finds, among the phone's masked copies of the
households, what the server's search finds (tests/vectors/search.json; the
server's side is tests/web/test_search_vectors.py)."""

import json
from pathlib import Path

import pytest

from fieldapp.domain.masking import mask_id

SEARCH = json.loads(
    (Path(__file__).parents[1] / "vectors" / "search.json").read_text(encoding="utf-8")
)
CASES = SEARCH["cases"]


def kept_copy(home: dict) -> dict:
    """A household as the phone keeps it: the list's masked numbers."""
    return {
        "uuid": home["key"],
        "town_code": home["town_code"],
        "village": home["village"],
        "address": home["address"],
        "members": [
            {"name": m["name"], "id_number": mask_id(m["id_number"])}
            for m in home["members"]
        ],
    }


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_offline_search_matches_the_shared_vectors(module_page, case):
    found = module_page.evaluate(
        """async ({ households, q, town }) => {
            const m = await import('/static/js/offline-search.js');
            return households.filter((h) => m.matches(h, q, town)).map((h) => h.uuid);
        }""",
        {
            "households": [kept_copy(h) for h in SEARCH["households"]],
            "q": case["q"],
            "town": case["town"],
        },
    )
    assert sorted(found) == case["found"]
