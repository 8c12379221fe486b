"""People change (issue 11): a member marked deceased or moved out, with the
day, keeps their history but leaves eligibility counts and to-do lists from
that day on; the status travels through the API and the household page."""

from datetime import date

import pytest

from fieldapp.extensions import db
from fieldapp.models import Person
from fieldapp.services.measures import tally
from fieldapp.services.quality import BY_CODE, item_uuids
from fieldapp.services.readside import make_scope
from tests.factories import household_payload, member_payload, new_uuid, only
from tests.web.test_counting import (
    AS_OF,
    A,
    assessment,
    fitting,
    four_members,
    service,
)


def mark(person, status, on):
    """Mark a stored member (as the household form would)."""
    person.status, person.status_on = status, on
    db.session.commit()


@pytest.fixture
def boss(make_user):
    return make_user("supervisor", towns=())


def test_deceased_and_moved_out_leave_eligible_counts_from_their_day(
    make_household, boss
):
    home = four_members(make_household)
    p1, p2, p3, p4 = home.members
    for person in home.members:
        assessment(home, person, True)
    service(home, p1)
    mark(p2, "deceased", date(2026, 9, 1))
    mark(p3, "moved_out", date(2026, 12, 1))  # after the day: still counted
    respite = tally("respite", make_scope(boss, as_of=AS_OF))[A]
    assert (respite["eligible"], respite["served"], respite["without_service"]) == (
        3,
        1,
        2,
    )
    december = tally("respite", make_scope(boss, as_of=date(2026, 12, 31)))[A]
    assert december["eligible"] == 2  # p1 (served) and p4
    persons = tally("persons", make_scope(boss, as_of=date(2026, 12, 31)))[A]
    assert persons["all"] == 2


def test_quality_lists_leave_out_people_who_are_gone(make_household, boss):
    home = four_members(make_household)
    p1, p2, _p3, _p4 = home.members
    assessment(home, p1, True)
    assessment(home, p2, True)
    fitting(home, person=p1)  # due 2026-04-05: overdue on the day
    fitting(home, person=p2)
    mark(p2, "deceased", date(2026, 6, 1))
    scope = make_scope(boss, as_of=AS_OF)
    without = item_uuids(BY_CODE["eligible_without_service"], scope)
    assert [i["person_uuid"] for i in without] == [p1.uuid]
    overdue = item_uuids(BY_CODE["followup_overdue"], scope)
    assert len(overdue) == 1
    assert tally("devices", scope)[A]["followup_overdue"] == 1


def test_status_comes_back_in_the_api_and_history_stays(api, make_user):
    client = api(make_user("rehab_worker"))
    head = member_payload()
    gone = member_payload(
        relation="child",
        status="deceased",
        status_on="2026-10-20",
        disability_card=None,
    )
    payload = household_payload(members=[head, gone])
    created = client.post("/api/v1/households", json=payload)
    assert created.status_code == 201, created.get_json()
    members = created.get_json()["members"]
    assert (members[0]["status"], members[0]["status_on"]) == ("active", None)
    assert (members[1]["status"], members[1]["status_on"]) == ("deceased", "2026-10-20")
    fetched = client.get(f"/api/v1/households/{payload['uuid']}").get_json()
    assert fetched["members"][1]["status"] == "deceased"
    assert only(Person, uuid=gone["uuid"]).status_on == date(2026, 10, 20)


@pytest.mark.parametrize(
    ("member", "field"),
    [
        ({"status": "deceased"}, "members-0-status_on"),
        ({"status": "moved_out", "status_on": ""}, "members-0-status_on"),
        ({"status": "emigrated", "status_on": "2026-01-01"}, "members-0-status"),
        ({"status": "deceased", "status_on": "2999-01-01"}, "members-0-status_on"),
        ({"status": "deceased", "status_on": "01/02/2026"}, "members-0-status_on"),
    ],
)
def test_bad_status_is_a_422_on_that_field(api, make_user, member, field):
    client = api(make_user("inspector"))
    payload = household_payload(members=[member_payload(**member)])
    response = client.post("/api/v1/households", json=payload)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"]


def test_a_household_sent_without_status_replays_as_before(api, make_user):
    client = api(make_user("inspector"))
    payload = household_payload()
    first = client.post("/api/v1/households", json=payload)
    assert first.status_code == 201
    with_default = {
        **payload,
        "members": [{**payload["members"][0], "status": "active"}],
    }
    again = client.post("/api/v1/households", json=with_default)
    assert again.status_code == 200


def test_household_page_marks_a_member_moved_out_and_the_person_page_shows_it(
    client, login, make_user, household
):
    worker = make_user("inspector")
    login(worker)
    person = household.members[0]
    form = {
        "uuid": household.uuid,
        "town_code": household.town_code,
        "village": household.village,
        "address": household.address,
        "poverty_status": household.poverty_status,
        "version": "1",
        "members-0-uuid": person.uuid,
        "members-0-name": person.name,
        "members-0-relation": "head",
        "members-0-id_number": person.id_number,
        "members-0-disability_card": person.disability_card or "",
        "members-0-phone": person.phone,
        "members-0-status": "moved_out",
        "members-0-status_on": "2026-10-01",
    }
    edit = client.get(f"/households/{household.uuid}/edit").get_data(as_text=True)
    assert 'name="members-0-status"' in edit and 'name="members-0-status_on"' in edit
    response = client.post(f"/households/{household.uuid}/edit", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert only(Person, uuid=person.uuid).status == "moved_out"
    detail = client.get(f"/households/{household.uuid}").get_data(as_text=True)
    assert 'data-member-status="moved_out"' in detail and "已迁出" in detail
    page = client.get(f"/households/{household.uuid}/persons/{person.uuid}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "已迁出 · 2026-10-01" in html
    assert person.id_number not in html  # masked


def test_person_page_is_town_scoped(client, login, make_user, make_household):
    other = make_household("469006101")
    login(make_user("inspector"))
    person = other.members[0]
    response = client.get(f"/households/{other.uuid}/persons/{person.uuid}")
    assert response.status_code == 404
    response = client.get(f"/households/{other.uuid}/persons/{new_uuid()}")
    assert response.status_code == 404


def test_a_new_survey_offers_no_member_who_is_gone(
    client, login, make_user, make_household
):
    home = make_household(
        members=[
            member_payload(),
            member_payload(relation="spouse", disability_card=None),
        ]
    )
    head, spouse = home.members
    mark(spouse, "moved_out", date(2026, 9, 1))
    login(make_user("rehab_worker"))
    page = client.get(f"/surveys/respite_assessment/new?household={home.uuid}")
    assert page.status_code == 200
    select = page.get_data(as_text=True).split('name="person_uuid"')[1]
    select = select.split("</select>")[0]
    assert head.uuid in select
    assert spouse.uuid not in select


def test_services_left_open_after_a_member_left_are_listed(
    make_household, boss, client, login
):
    home = four_members(make_household)
    p1, p2, p3, p4 = home.members
    assessed = {p.id: assessment(home, p, True) for p in home.members}
    open_one = service(home, p1)  # no end: p1 died on 1 September
    open_one.data = {**open_one.data, "assessment_uuid": assessed[p1.id].uuid}
    db.session.commit()
    late_end = service(home, p2, ended="2026-10-15")  # ends after the move
    service(home, p3, ended="2026-08-31")  # ended before p3 left: fine
    service(home, p4)  # p4 still lives there: fine
    mark(p1, "deceased", date(2026, 9, 1))
    mark(p2, "moved_out", date(2026, 10, 1))
    mark(p3, "moved_out", date(2026, 9, 1))
    check = BY_CODE["service_open_after_leaving"]
    listed = item_uuids(check, make_scope(boss, as_of=AS_OF))
    assert sorted(i["record_uuid"] for i in listed) == sorted(
        [open_one.uuid, late_end.uuid]
    )
    before = item_uuids(check, make_scope(boss, as_of=date(2026, 9, 15)))
    assert [i["record_uuid"] for i in before] == [open_one.uuid]  # p2 not gone yet
    login(boss)
    html = client.get(f"/households/{home.uuid}/persons/{p1.uuid}").get_data(
        as_text=True
    )
    assert "未填结束日期" in html and "服务中" not in html
