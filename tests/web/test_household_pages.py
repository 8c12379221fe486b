"""Household pages: start page scoped to my towns, create, edit, conflicts."""

import re

from fieldapp.models import Household, Person
from tests.factories import count, make_id, only


def household_form(**overrides) -> dict:
    idn = make_id()
    form = {
        "uuid": "6a7f1e2c-1b2d-4c3e-8f90-0a1b2c3d4e5f",
        "town_code": "469006100",
        "village": "东岭村",
        "address": "东岭村3号",
        "poverty_status": "dibao",
        "location-lat": "18.8",
        "location-lon": "110.39",
        "location-accuracy_m": "10",
        "members-0-uuid": "1a7f1e2c-1b2d-4c3e-8f90-0a1b2c3d4e5f",
        "members-0-name": "陈海",
        "members-0-relation": "head",
        "members-0-id_number": idn,
        "members-0-disability_card": idn + "12",
        "members-0-phone": "13900000000",
        # the blank extra row the page always offers
        "members-1-uuid": "2a7f1e2c-1b2d-4c3e-8f90-0a1b2c3d4e5f",
        "members-1-relation": "other",
    }
    form.update(overrides)
    return form


def test_start_page_lists_only_my_towns(client, login, make_user, make_household):
    from tests.factories import member_payload

    make_household("469006100", members=[member_payload(name="本镇户")])
    make_household("469006101", members=[member_payload(name="外镇户")])
    login(make_user("inspector", towns=["469006100"]))
    html = client.get("/").get_data(as_text=True)
    assert "本镇户" in html and "外镇户" not in html
    assert "469006********" in html
    assert "龙滚镇" not in html  # the town filter offers only my towns


def test_search_and_town_filter_on_the_start_page(
    client, login, make_user, make_household
):
    from tests.factories import member_payload

    make_household(members=[member_payload(name="符海燕")])
    make_household(members=[member_payload(name="吴文")], village="石桥村")
    login(make_user("supervisor", towns=()))
    assert "符海燕" not in client.get("/?q=石桥").get_data(as_text=True)
    assert "吴文" in client.get("/?q=石桥").get_data(as_text=True)
    assert "没有找到住户" in client.get("/?town=469006111").get_data(as_text=True)


def test_create_household_with_a_blank_extra_row(client, login, make_user):
    login(make_user("inspector"))
    page = client.get("/households/new").get_data(as_text=True)
    assert 'name="members-1-name"' in page  # a second, blank row to type into
    response = client.post("/households/new", data=household_form())
    assert response.status_code == 302
    household = only(Household)
    assert [p.name for p in household.members] == ["陈海"]
    assert household.members[0].disability_category == 1
    assert household.members[0].disability_level == 2


def test_refused_form_keeps_everything_typed(client, login, make_user):
    login(make_user("inspector"))
    form = household_form(
        **{"members-0-id_number": "469006196005121230", "members-0-disability_card": ""}
    )
    response = client.post("/households/new", data=form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "校验位不正确" in html
    for kept in ("东岭村3号", "陈海", "469006196005121230", "13900000000"):
        assert kept in html
    assert count(Household) == 0


def test_cannot_create_in_another_town(client, login, make_user):
    login(make_user("inspector"))
    response = client.post(
        "/households/new", data=household_form(town_code="469006101")
    )
    assert response.status_code == 422
    assert count(Household) == 0


def test_double_submit_creates_one_household(client, login, make_user):
    login(make_user("inspector"))
    form = household_form()
    client.post("/households/new", data=form)
    client.post("/households/new", data=form)
    assert count(Household) == 1


def test_edit_adds_and_removes_members_and_detects_stale_pages(
    client, login, make_user
):
    login(make_user("inspector"))
    client.post("/households/new", data=household_form())
    household = only(Household)
    url = f"/households/{household.uuid}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'name="version" value="1"' in page
    idn = make_id()
    form = household_form(
        **{
            "version": "1",
            "members-1-name": "陈小海",
            "members-1-relation": "child",
            "members-1-id_number": idn,
        }
    )
    assert client.post(url, data=form).status_code == 302
    assert count(Person) == 2
    # A page opened before the member was added: its blank row has its own uuid.
    blank_row = {"members-1-uuid": "3a7f1e2c-1b2d-4c3e-8f90-0a1b2c3d4e5f"}
    stale = household_form(version="1", village="新村", **blank_row)
    assert client.post(url, data=stale).status_code == 409
    assert only(Household).village == "东岭村"
    # Emptied, a stored member's row is refused, not taken for blank: a
    # member is removed with its box.
    emptied = household_form(version="2", **{"members-1-name": ""})
    assert client.post(url, data=emptied).status_code == 422
    assert count(Person) == 2
    fresh = household_form(version="2", **{"members-1-remove": "1"})
    assert client.post(url, data=fresh).status_code == 302
    assert count(Person) == 1


def test_detail_page_shows_derived_fields_in_words(
    client, login, make_user, make_household
):
    from tests.factories import member_payload

    idn = make_id(seq=123)  # odd sequence number: male
    household = make_household(
        members=[member_payload(id_number=idn, disability_card=idn + "63")]
    )
    login(make_user("inspector"))
    html = client.get(f"/households/{household.uuid}").get_data(as_text=True)
    assert "精神残疾" in html and "三级" in html and "男" in html
    assert idn not in html
    assert re.search(r"\d+ 岁", html)


def test_household_page_offers_my_surveys_and_lists_records_by_kind(
    client, login, api, make_user, make_household
):
    from tests.factories import record_payload

    household = make_household()
    inspector = make_user("inspector")
    body = record_payload("housing_inspection", household)
    api(inspector).post("/api/v1/records", json=body)
    login(inspector)
    html = client.get(f"/households/{household.uuid}").get_data(as_text=True)
    assert 'data-survey-link="housing_inspection"' in html
    assert 'data-survey-link="accessibility_assessment"' in html
    assert 'data-survey-link="respite_assessment"' not in html
    assert f"/records/{body['uuid']}" in html
    assert "危房鉴定 (1)" in html and "已提交" in html and "等级 C" in html
