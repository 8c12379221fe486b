"""The household list API: the same JSON as a loaded household, in few statements."""

from sqlalchemy import event, select

from fieldapp.api.serializers import household_to_api
from fieldapp.extensions import db
from fieldapp.models import Household
from tests.factories import member_payload


def test_the_list_shows_what_a_loaded_household_shows(api, make_user, make_household):
    homes = [make_household(), make_household(), make_household("469006101")]
    boss = make_user("supervisor", towns=("469006100", "469006101"))
    body = api(boss).get("/api/v1/households?per_page=2&page=2").get_json()
    assert (body["page"], body["pages"], body["total"]) == (2, 2, 3)
    db.session.expire_all()
    ordered = db.session.scalars(
        select(Household)
        .where(Household.id.in_([h.id for h in homes]))
        .order_by(Household.town_code, Household.village, Household.id)
    ).all()
    with_members = [h for h in ordered if h.members]
    assert len(with_members) == 3
    # A supervisor writes no kind that links to a record: no choices to carry.
    assert body["items"] == [household_to_api(ordered[2]) | {"links": []}]


def test_the_list_filters_by_town_and_search(api, make_user, make_household):
    make_household(village="东村")
    make_household("469006101", village="西村")
    boss = make_user("supervisor", towns=("469006100", "469006101"))
    client = api(boss)
    assert client.get("/api/v1/households?town=469006101").get_json()["total"] == 1
    found = client.get("/api/v1/households?q=东村").get_json()
    assert [h["village"] for h in found["items"]] == ["东村"]
    other = api(make_user("inspector", towns=("469006102",)))
    assert other.get("/api/v1/households").get_json()["items"] == []


def test_a_page_with_a_token_takes_two_statements(app, api, make_user, make_household):
    for _ in range(5):
        make_household()
    client = api(make_user("supervisor"))
    statements = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.get("/api/v1/households")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200 and len(response.get_json()["items"]) == 5
    # The token with its user and towns; the page with its members and the total.
    assert len(statements) == 2, statements


def test_past_the_last_page_the_last_page_is_shown(api, make_user, make_household):
    """The total comes with the page's rows; a page past the end has none, so
    the list counts and answers with the last page, as it did before."""
    for village in ("东村", "东村", "东村", "西村"):
        make_household(village=village)
    client = api(make_user("supervisor"))
    past = client.get("/api/v1/households?per_page=3&page=9").get_json()
    assert (past["page"], past["pages"], past["total"]) == (2, 2, 4)
    assert [h["village"] for h in past["items"]] == ["西村"]
    found = client.get("/api/v1/households?q=东村&per_page=2&page=5").get_json()
    assert (found["page"], found["pages"], found["total"]) == (2, 2, 3)
    assert len(found["items"]) == 1
    first = client.get("/api/v1/households?q=东村&per_page=2").get_json()
    assert (first["page"], first["pages"], first["total"]) == (1, 2, 3)
    nothing = client.get("/api/v1/households?q=北村&page=3").get_json()
    assert (nothing["items"], nothing["page"], nothing["pages"], nothing["total"]) == (
        [],
        1,
        1,
        0,
    )


def test_a_page_counts_households_not_members(api, make_user, make_household):
    """Members come in the page's statement: a page of 2 is 2 households however
    many members each has, each with all of its members in order, and a household
    without members (left so by a correction) is listed with none."""
    homes = [
        make_household(
            members=[
                member_payload(),
                member_payload(relation="spouse", name="李小红"),
                member_payload(relation="child", name="王小明"),
            ]
        )
        for _ in range(3)
    ]
    empty = homes[1]
    for person in list(empty.members):
        db.session.delete(person)
    db.session.commit()
    client = api(make_user("supervisor"))
    first = client.get("/api/v1/households?per_page=2&page=1").get_json()
    second = client.get("/api/v1/households?per_page=2&page=2").get_json()
    assert (first["total"], first["pages"]) == (3, 2)
    listed = first["items"] + second["items"]
    assert [h["uuid"] for h in listed] == [h.uuid for h in homes]
    db.session.expire_all()
    for home, item in zip(homes, listed, strict=True):
        assert [m["uuid"] for m in item["members"]] == [
            p.uuid for p in db.session.get(Household, home.id).members
        ]
    assert listed[1]["members"] == []
    assert [m["name"] for m in listed[0]["members"]] == ["王大明", "李小红", "王小明"]


def test_the_whole_city_for_admins_and_nothing_without_towns(
    api, make_user, make_household
):
    make_household()
    make_household("469006101")
    city = api(make_user("admin", towns=())).get("/api/v1/households").get_json()
    assert city["total"] == 2 and len(city["items"]) == 2
    none = api(make_user("inspector", towns=())).get("/api/v1/households").get_json()
    assert (none["items"], none["total"], none["pages"]) == ([], 0, 1)
