"""The search box matches a name, a village or the last 4 ID characters, and
nothing that would let it probe the digits a mask hides."""

from datetime import date

import pytest

from tests.factories import make_id, member_payload

BIRTH = date(1960, 5, 12)


@pytest.fixture
def searcher(api, make_user):
    return api(make_user("inspector", towns=["469006100"]))


@pytest.fixture
def wang(make_household):
    """王大明, born 1960-05-12, in 东岭村."""
    idn = make_id(BIRTH, seq=123)
    make_household(members=[member_payload(name="王大明", id_number=idn)])
    return idn


def total(client, q: str) -> int:
    response = client.get("/api/v1/households", query_string={"q": q})
    assert response.status_code == 200
    return response.get_json()["total"]


@pytest.mark.parametrize(
    "q",
    [
        "%",
        "_",
        "%%%%",
        "____",
        "%1960%",
        "%19600512%",
        "469006%",
        "4690061960%",
        "__________________",
        "%0512____",
        "王_明",
        "东%村",
    ],
)
def test_wildcards_in_q_are_taken_literally(searcher, wang, q):
    assert total(searcher, q) == 0


def test_only_the_last_four_id_characters_find_a_member(searcher, wang):
    assert total(searcher, wang[-4:]) == 1
    assert total(searcher, wang[-4:].lower()) == 1
    for probe in (wang[-5:], wang[-6:], wang[-8:], wang, wang[:6], wang[6:14]):
        assert total(searcher, probe) == 0, probe


def test_names_villages_and_addresses_are_still_found(searcher, wang, make_household):
    make_household(
        village="新坡村", address="新坡村1号", members=[member_payload(name="符海燕")]
    )
    make_household(
        village="石桥村", address="100%_村口", members=[member_payload(name="吴文")]
    )
    assert total(searcher, "大明") == 1
    assert total(searcher, "新坡") == 1
    assert total(searcher, "东岭") == 1
    assert total(searcher, "100%_") == 1  # a literal % and _ still match themselves


def test_start_page_search_escapes_wildcards_too(client, login, make_user, wang):
    login(make_user("inspector", towns=["469006100"]))
    assert "王大明" in client.get("/?q=王大明").get_data(as_text=True)
    assert "王大明" not in client.get("/?q=%25").get_data(as_text=True)
    assert "王大明" not in client.get("/?q=19600512").get_data(as_text=True)
