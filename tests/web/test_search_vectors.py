"""The server's household search gives the shared search vectors' answers
(tests/vectors/search.json); the phone's offline search is held to the same
file in tests/e2e/test_offline_search_twin.py."""

import json
from pathlib import Path

import pytest

from fieldapp.services.households import search_households
from tests.factories import member_payload

SEARCH = json.loads(
    (Path(__file__).parents[1] / "vectors" / "search.json").read_text(encoding="utf-8")
)
CASES = SEARCH["cases"]
TOWNS = sorted({h["town_code"] for h in SEARCH["households"]})


@pytest.fixture
def stored(make_household) -> dict[str, str]:
    """The vectors' households, stored; uuid → key."""
    keys = {}
    for home in SEARCH["households"]:
        members = [
            member_payload(
                name=m["name"],
                relation=m["relation"],
                id_number=m["id_number"],
                disability_card=m["id_number"] + "41",
            )
            for m in home["members"]
        ]
        household = make_household(
            home["town_code"],
            village=home["village"],
            address=home["address"],
            members=members,
        )
        keys[household.uuid] = home["key"]
    return keys


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_api_list_finds_what_the_vectors_say(api, make_user, stored, case):
    client = api(make_user("supervisor", towns=TOWNS))
    body = client.get(
        "/api/v1/households",
        query_string={"q": case["q"], "town": case["town"], "per_page": 200},
    ).get_json()
    assert sorted(stored[h["uuid"]] for h in body["items"]) == case["found"]
    assert body["total"] == len(case["found"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_start_page_search_finds_what_the_vectors_say(make_user, stored, case):
    result = search_households(
        make_user("supervisor", towns=TOWNS), case["q"], case["town"], per_page=200
    )
    assert sorted(stored[h.uuid] for h in result.items) == case["found"]


def test_the_vectors_name_each_household_once_and_only_known_ones():
    keys = [h["key"] for h in SEARCH["households"]]
    assert len(keys) == len(set(keys))
    for case in CASES:
        assert set(case["found"]) <= set(keys), case["name"]
        assert case["found"] == sorted(case["found"]), case["name"]
