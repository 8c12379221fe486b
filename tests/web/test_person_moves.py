"""Someone who moved out can be registered in the household they moved to: the
household they left keeps them, moved out, with their history; a person is
still registered once among those who have not moved out."""

import io
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from fieldapp.extensions import db
from fieldapp.models import Household, Person
from fieldapp.services.measures import tally
from fieldapp.services.readside import make_scope
from tests.factories import household_payload, member_payload, only
from tests.html_forms import posted_fields

TOWN = "469006100"


@pytest.fixture
def inspector(make_user):
    return make_user("inspector", towns=[TOWN])


@pytest.fixture
def left(make_household):
    """A household of two; its second member is about to move away."""
    return make_household(
        TOWN,
        members=[member_payload(), member_payload(relation="child")],
    )


def moving(household) -> Person:
    return household.members[1]


def new_home_with(person: Person) -> dict:
    """A household registered where `person` went, with them in it."""
    joined = member_payload(
        name=person.name,
        relation="spouse",
        id_number=person.id_number,
        disability_card=person.disability_card,
    )
    return household_payload(TOWN, members=[member_payload(), joined])


def mark_moved_out(person: Person, on=date(2026, 10, 1)) -> None:
    person.status, person.status_on = "moved_out", on
    db.session.commit()


def test_someone_still_living_there_is_refused_with_the_way_out(api, inspector, left):
    response = api(inspector).post(
        "/api/v1/households", json=new_home_with(moving(left))
    )
    assert response.status_code == 409
    (message,) = response.get_json()["errors"]["members-1-id_number"]
    assert "请先在原住户中把他标为“已迁出”" in message


def test_someone_who_moved_out_is_registered_where_they_went(
    api, inspector, left, make_user
):
    person = moving(left)
    mark_moved_out(person)
    body = new_home_with(person)
    response = api(inspector).post("/api/v1/households", json=body)
    assert response.status_code == 201, response.get_json()
    joined = only(Household, uuid=body["uuid"]).members[1]
    assert joined.id_number == person.id_number and joined.status == "active"
    assert joined.uuid != person.uuid
    stayed = only(Household, uuid=left.uuid).members[1]
    assert (stayed.status, stayed.status_on) == ("moved_out", date(2026, 10, 1))
    # Counted once: living in the new household.
    scope = make_scope(make_user("admin", towns=()))
    assert tally("persons", scope)[TOWN]["all"] == 3


def test_the_household_they_left_is_still_edited_and_cannot_take_them_back(
    api, client, login, inspector, left
):
    person = moving(left)
    mark_moved_out(person)
    assert (
        api(inspector)
        .post("/api/v1/households", json=new_home_with(person))
        .status_code
        == 201
    )
    login(inspector)
    url = f"/households/{left.uuid}/edit"
    fields = posted_fields(client.get(url).get_data(as_text=True), "household-form")
    assert fields["members-1-status"] == "moved_out"
    saved = client.post(url, data=fields | {"village": "新村"})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:300]
    back = fields | {"version": "2", "members-1-status": "active"}
    back.pop("members-1-status_on", None)
    refused = client.post(url, data=back)
    assert refused.status_code == 409
    assert "此人已登记在另一住户中" in refused.get_data(as_text=True)
    assert only(Household, uuid=left.uuid).members[1].status == "moved_out"


def test_the_database_keeps_one_present_holder_of_a_number(left):
    """Under concurrent writes too: the partial unique index refuses a second
    member who has not moved out."""
    person = moving(left)
    twin = Person(
        uuid="0b7f1e2c-1b2d-4c3e-8f90-0a1b2c3d4e5f",
        household_id=left.id,
        position=5,
        name="重复",
        relation="other",
        id_number=person.id_number,
        birth_date=person.birth_date,
        sex=person.sex,
    )
    db.session.add(twin)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    mark_moved_out(moving(only(Household, uuid=left.uuid)))
    twin.status = "active"
    db.session.add(twin)
    db.session.commit()  # the moved-out member holds the number no more
    assert len(only(Household, uuid=left.uuid).members) == 3


def test_the_export_of_both_households_imports_again_unchanged(
    api, inspector, left, make_user
):
    from tests.web.test_import_status import export

    boss = make_user("supervisor", towns=[TOWN])
    person = moving(left)
    mark_moved_out(person)
    api(inspector).post("/api/v1/households", json=new_home_with(person))
    exported = export(api, boss)
    body = (
        api(boss)
        .post(
            "/api/v1/imports/households",
            data={"file": (io.BytesIO(exported), "名单.xlsx")},
            content_type="multipart/form-data",
        )
        .get_json()
    )
    assert body["error_count"] == 0, body["errors"]
    assert body["households_unchanged"] == 2
    assert body["households_updated"] == body["households_created"] == 0
