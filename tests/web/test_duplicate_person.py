"""A person is registered once: 409 duplicate_person on the API, the page and a race."""

import pytest

from fieldapp.models import Household, Person
from fieldapp.services import persons
from tests.factories import count, household_payload, make_id, member_payload, only

TOWN = "469006100"
OTHER_TOWN = "469006101"


@pytest.fixture
def inspector(make_user):
    return make_user("inspector", towns=[TOWN])


def second_household_with(id_number: str, **overrides) -> dict:
    """A new household whose second member carries `id_number`."""
    return household_payload(
        members=[
            member_payload(),
            member_payload(
                relation="spouse", id_number=id_number, disability_card=None
            ),
        ],
        **overrides,
    )


def test_same_person_in_a_readable_household_names_it(api, inspector, make_household):
    first = make_household(TOWN)
    taken = first.members[0].id_number
    response = api(inspector).post(
        "/api/v1/households", json=second_household_with(taken)
    )
    assert response.status_code == 409
    body = response.get_json()
    assert body["error"] == "duplicate_person"
    assert list(body["errors"]) == ["members-1-id_number"]
    assert body["other_household_uuid"] == first.uuid
    assert taken not in response.get_data(as_text=True)
    assert count(Household) == 1 and count(Person) == 1


def test_same_person_in_another_town_reveals_nothing_about_it(
    api, inspector, make_household
):
    far = make_household(OTHER_TOWN)
    response = api(inspector).post(
        "/api/v1/households",
        json=second_household_with(far.members[0].id_number),
    )
    body = response.get_json()
    assert response.status_code == 409 and body["error"] == "duplicate_person"
    assert "other_household_uuid" not in body and "current" not in body
    assert body["errors"]["members-1-id_number"] == [
        "此人已在本市其他住户登记,不能重复登记。"
    ]
    assert far.uuid not in response.get_data(as_text=True)


def test_a_replay_of_the_same_household_is_unaffected(api, inspector):
    body = household_payload()
    client = api(inspector)
    assert client.post("/api/v1/households", json=body).status_code == 201
    assert client.post("/api/v1/households", json=body).status_code == 200
    assert count(Person) == 1


def test_a_lost_race_is_the_same_409_not_a_500(
    api, inspector, make_household, monkeypatch
):
    """Both requests passed the lookup; the unique index stops the second."""
    first = make_household(TOWN)
    real = persons.held_elsewhere
    calls = []

    def blind_first_time(members, household_id):
        calls.append(household_id)
        return {} if len(calls) == 1 else real(members, household_id)

    monkeypatch.setattr(persons, "held_elsewhere", blind_first_time)
    response = api(inspector).post(
        "/api/v1/households",
        json=second_household_with(first.members[0].id_number),
    )
    assert len(calls) == 2  # the check before writing, and again after the index
    assert response.status_code == 409
    assert response.get_json()["other_household_uuid"] == first.uuid
    assert count(Household) == 1


def page_form(id_number: str) -> dict:
    """The new-household page's fields with one member."""
    return {
        "uuid": "6a7f1e2c-1b2d-4c3e-8f90-0a1b2c3d4e5f",
        "town_code": TOWN,
        "village": "东岭村",
        "poverty_status": "dibao",
        "members-0-uuid": "1a7f1e2c-1b2d-4c3e-8f90-0a1b2c3d4e5f",
        "members-0-name": "陈海",
        "members-0-relation": "head",
        "members-0-id_number": id_number,
    }


def test_the_page_shows_the_error_on_the_member_id_field(
    client, login, inspector, make_household
):
    taken = make_household(TOWN).members[0].id_number
    login(inspector)
    response = client.post("/households/new", data=page_form(taken))
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    field = html.split('name="members-0-id_number"')[1].split("</div>")[0]
    assert "此人已登记在另一住户中,不能重复登记。" in field
    assert count(Household) == 1


def test_an_edit_cannot_take_a_person_from_another_household(
    client, login, inspector, make_household
):
    mine = make_household(TOWN)
    taken = make_household(TOWN).members[0].id_number
    login(inspector)
    form = page_form(taken) | {
        "uuid": mine.uuid,
        "members-0-uuid": mine.members[0].uuid,
        # the stored card, kept when left empty, would not match the new number
        "members-0-clear_disability_card": "1",
        "version": str(mine.version),
    }
    response = client.post(f"/households/{mine.uuid}/edit", data=form)
    assert response.status_code == 409
    assert "此人已登记在另一住户中" in response.get_data(as_text=True)
    assert only(Household, uuid=mine.uuid).version == 1


def test_an_edit_keeping_its_own_members_is_fine(
    client, login, inspector, make_household
):
    mine = make_household(TOWN)
    own = mine.members[0]
    login(inspector)
    form = page_form(own.id_number) | {
        "uuid": mine.uuid,
        "members-0-uuid": own.uuid,
        "members-1-uuid": "2a7f1e2c-1b2d-4c3e-8f90-0a1b2c3d4e5f",
        "members-1-name": "陈小海",
        "members-1-relation": "child",
        "members-1-id_number": make_id(),
        "version": str(mine.version),
    }
    response = client.post(f"/households/{mine.uuid}/edit", data=form)
    assert response.status_code == 302
    assert count(Person) == 2


def two_member_form(household, first_id: str, second_id: str) -> dict:
    """The edit page's fields for a two-member household, with these numbers."""
    head, spouse = household.members
    return {
        "uuid": household.uuid,
        "town_code": TOWN,
        "village": "东岭村",
        "poverty_status": "dibao",
        "version": str(household.version),
        "members-0-uuid": head.uuid,
        "members-0-name": "陈海",
        "members-0-relation": "head",
        "members-0-id_number": first_id,
        "members-1-uuid": spouse.uuid,
        "members-1-name": "林花",
        "members-1-relation": "spouse",
        "members-1-id_number": second_id,
    }


def test_an_edit_swapping_two_members_numbers_is_saved(
    client, login, inspector, make_household
):
    mine = make_household(
        TOWN,
        members=[
            member_payload(disability_card=None),
            member_payload(relation="spouse", disability_card=None),
        ],
    )
    head, spouse = (person.id_number for person in mine.members)
    login(inspector)
    response = client.post(
        f"/households/{mine.uuid}/edit", data=two_member_form(mine, spouse, head)
    )
    assert response.status_code == 302
    stored = only(Household, uuid=mine.uuid)
    assert [p.id_number for p in stored.members] == [spouse, head]
    assert stored.version == 2


def test_a_new_member_may_take_the_number_of_one_dropped_in_the_same_edit(
    client, login, inspector, make_household
):
    mine = make_household(
        TOWN,
        members=[
            member_payload(disability_card=None),
            member_payload(relation="spouse", disability_card=None),
        ],
    )
    head, spouse = mine.members
    form = two_member_form(mine, head.id_number, spouse.id_number)
    form["members-1-uuid"] = "3a7f1e2c-1b2d-4c3e-8f90-0a1b2c3d4e5f"
    login(inspector)
    response = client.post(f"/households/{mine.uuid}/edit", data=form)
    assert response.status_code == 302
    stored = only(Household, uuid=mine.uuid)
    assert [p.uuid for p in stored.members] == [head.uuid, form["members-1-uuid"]]
    assert count(Person) == 2
