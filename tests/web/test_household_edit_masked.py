"""The household edit page shows members' numbers masked: an empty input keeps
the stored number, a full number typed replaces it, a ticked box deletes an
optional one; full numbers only for supervisors and admins who ask (audited)."""

import re

import pytest

from fieldapp.models import AuditLog, Household
from tests.factories import count, make_id, member_payload, only
from tests.html_forms import posted_fields

PHONE = "13912345678"


def page_fields(html: str) -> dict[str, str]:
    """What a browser posts from the page's household form, untouched."""
    return posted_fields(html, "household-form")


@pytest.fixture
def household(make_household):
    idn = make_id(seq=321)
    return make_household(
        members=[member_payload(id_number=idn, disability_card=idn + "41", phone=PHONE)]
    )


def full_numbers(household) -> list[str]:
    member = household.members[0]
    return [member.id_number, member.disability_card, member.phone]


def edit_url(household, unmasked=False) -> str:
    return f"/households/{household.uuid}/edit" + ("?unmasked=1" if unmasked else "")


def unmask_entries(household) -> int:
    return count(AuditLog, action="view_unmasked", object_key=household.uuid)


def assert_masked(html: str, numbers: list[str]) -> None:
    for number in numbers:
        assert number not in html
    idn = numbers[0]
    assert f"{idn[:6]}********{idn[-4:]}" in html
    assert "139****5678" in html


def test_a_field_worker_sees_masked_numbers_and_nothing_is_unmasked(
    client, login, make_user, household
):
    login(make_user("inspector"))
    response = client.get(edit_url(household))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert_masked(html, full_numbers(household))
    assert "留空则保持不变" in html
    assert "显示完整号码" not in html
    assert unmask_entries(household) == 0


def test_a_field_worker_may_not_ask_for_full_numbers(
    client, login, make_user, household
):
    login(make_user("inspector"))
    assert client.get(edit_url(household, unmasked=True)).status_code == 403
    fields = page_fields(client.get(edit_url(household)).get_data(as_text=True))
    assert client.post(edit_url(household, True), data=fields).status_code == 403
    assert unmask_entries(household) == 0
    assert only(Household, uuid=household.uuid).version == 1


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_supervisors_see_full_numbers_when_they_ask_and_it_is_audited(
    client, login, make_user, household, role
):
    login(make_user(role))
    masked = client.get(edit_url(household)).get_data(as_text=True)
    assert_masked(masked, full_numbers(household))
    assert "显示完整号码(将记入审计)" in masked
    assert unmask_entries(household) == 0
    full = client.get(edit_url(household, unmasked=True))
    html = full.get_data(as_text=True)
    assert all(number in html for number in full_numbers(household))
    assert "no-store" in full.headers["Cache-Control"]
    assert unmask_entries(household) == 1
    # Saved with full numbers as shown: an emptied card is deleted, as typed.
    fields = page_fields(html) | {"members-0-disability_card": ""}
    assert client.post(edit_url(household, True), data=fields).status_code == 302
    stored = only(Household, uuid=household.uuid)
    assert stored.members[0].disability_card is None
    assert stored.members[0].id_number == full_numbers(household)[0]


def test_saving_the_masked_page_untouched_keeps_every_number(
    client, login, make_user, household
):
    numbers = full_numbers(household)
    login(make_user("inspector"))
    fields = page_fields(client.get(edit_url(household)).get_data(as_text=True))
    assert fields["members-0-id_number"] == ""
    fields["village"] = "新村"
    response = client.post(edit_url(household), data=fields)
    assert response.status_code == 302, response.get_data(as_text=True)
    stored = only(Household, uuid=household.uuid)
    assert stored.village == "新村" and stored.version == 2
    member = stored.members[0]
    assert [member.id_number, member.disability_card, member.phone] == numbers


def test_a_full_number_typed_replaces_the_stored_one(
    client, login, make_user, household
):
    new_id = make_id(seq=457)
    login(make_user("inspector"))
    fields = page_fields(client.get(edit_url(household)).get_data(as_text=True))
    fields |= {
        "members-0-id_number": new_id,
        "members-0-disability_card": new_id + "23",
        "members-0-phone": "13700001111",
    }
    assert client.post(edit_url(household), data=fields).status_code == 302
    member = only(Household, uuid=household.uuid).members[0]
    assert member.id_number == new_id
    assert member.disability_card == new_id + "23"
    assert member.phone == "13700001111"


def test_the_delete_boxes_remove_the_optional_numbers(
    client, login, make_user, household
):
    login(make_user("inspector"))
    html = client.get(edit_url(household)).get_data(as_text=True)
    assert 'name="members-0-clear_disability_card"' in html
    assert 'name="members-0-clear_phone"' in html
    assert 'name="members-0-clear_id_number"' not in html  # required: no delete
    fields = page_fields(html) | {
        "members-0-clear_disability_card": "1",
        "members-0-clear_phone": "1",
    }
    assert client.post(edit_url(household), data=fields).status_code == 302
    member = only(Household, uuid=household.uuid).members[0]
    assert member.disability_card is None and not member.phone
    assert member.id_number == full_numbers(household)[0]


def test_a_refused_masked_page_does_not_show_the_kept_numbers(
    client, login, make_user, household
):
    numbers = full_numbers(household)
    login(make_user("inspector"))
    fields = page_fields(client.get(edit_url(household)).get_data(as_text=True))
    # A new ID without a new card: the kept card no longer matches it.
    new_id = make_id(seq=459)
    refused = fields | {"members-0-id_number": new_id, "members-0-clear_phone": "1"}
    response = client.post(edit_url(household), data=refused)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "残疾人证号的前18位与身份证号不一致" in html
    assert numbers[1] not in html and numbers[2] not in html
    assert new_id in html  # what the worker typed stays typed
    assert 'name="members-0-clear_phone" value="1" checked' in html
    # A blank village: refused, and the stored numbers stay hidden.
    html = client.post(edit_url(household), data=fields | {"village": ""})
    assert html.status_code == 422
    assert_masked(html.get_data(as_text=True), numbers)
    assert only(Household, uuid=household.uuid).version == 1


def test_a_stale_masked_page_does_not_show_the_kept_numbers(
    client, login, make_user, household
):
    login(make_user("inspector"))
    fields = page_fields(client.get(edit_url(household)).get_data(as_text=True))
    assert client.post(edit_url(household), data=fields).status_code == 302
    response = client.post(edit_url(household), data=fields | {"village": "旧村"})
    assert response.status_code == 409
    assert_masked(response.get_data(as_text=True), full_numbers(household))
    assert only(Household, uuid=household.uuid).village != "旧村"


def test_a_new_member_on_the_masked_page_needs_its_numbers(
    client, login, make_user, household
):
    login(make_user("inspector"))
    fields = page_fields(client.get(edit_url(household)).get_data(as_text=True))
    assert "members-1-uuid" in fields  # the blank row the page offers
    fields |= {"members-1-name": "陈小海", "members-1-relation": "child"}
    response = client.post(edit_url(household), data=fields)
    assert response.status_code == 422
    assert "此项必填" in response.get_data(as_text=True)
    fields["members-1-id_number"] = make_id(seq=461)
    assert client.post(edit_url(household), data=fields).status_code == 302
    assert len(only(Household, uuid=household.uuid).members) == 2


@pytest.fixture
def couple(make_household):
    return make_household(
        members=[
            member_payload(phone=PHONE),
            member_payload(name="林花", relation="spouse", id_number=make_id(seq=465)),
        ]
    )


def test_emptying_a_members_name_is_refused_and_removes_nobody(
    client, login, make_user, couple
):
    login(make_user("inspector"))
    fields = page_fields(client.get(edit_url(couple)).get_data(as_text=True))
    fields["members-1-name"] = ""  # every other input of the row is empty too
    response = client.post(edit_url(couple), data=fields)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "此项必填" in html and 'name="members-1-uuid"' in html
    stored = only(Household, uuid=couple.uuid)
    assert [p.name for p in stored.members] == ["王大明", "林花"]
    assert stored.version == 1


def test_a_member_is_removed_with_its_box(client, login, make_user, couple):
    login(make_user("inspector"))
    html = client.get(edit_url(couple)).get_data(as_text=True)
    assert 'name="members-1-remove"' in html
    fields = page_fields(html) | {"members-1-remove": "1"}
    assert client.post(edit_url(couple), data=fields).status_code == 302
    assert [p.name for p in only(Household, uuid=couple.uuid).members] == ["王大明"]


def test_a_refused_removal_shows_the_member_again_with_its_box_ticked(
    client, login, make_user, api, couple
):
    from tests.factories import record_payload

    inspector = make_user("inspector")
    spouse = couple.members[1]
    body = record_payload("housing_inspection", couple)
    body["person_uuid"] = spouse.uuid
    assert api(inspector).post("/api/v1/records", json=body).status_code == 201
    login(inspector)
    fields = page_fields(client.get(edit_url(couple)).get_data(as_text=True))
    response = client.post(edit_url(couple), data=fields | {"members-1-remove": "1"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "已有调查记录,不能删除" in html
    assert f'value="{spouse.uuid}"' in html
    assert re.search(r'name="members-\d+-remove" value="1" checked', html)
    assert spouse.id_number not in html
    assert len(only(Household, uuid=couple.uuid).members) == 2


def test_a_version_that_is_not_a_number_is_refused(client, login, make_user, household):
    login(make_user("inspector"))
    fields = page_fields(client.get(edit_url(household)).get_data(as_text=True))
    for version in ("abc", ""):
        fields |= {"version": version, "village": "新村"}
        assert client.post(edit_url(household), data=fields).status_code == 400
    assert only(Household, uuid=household.uuid).version == 1


def test_two_emptied_numbers_are_not_called_the_same_number(
    client, login, make_user, couple
):
    login(make_user("supervisor"))
    page = client.get(edit_url(couple, unmasked=True)).get_data(as_text=True)
    fields = page_fields(page) | {"members-0-id_number": "", "members-1-id_number": ""}
    response = client.post(edit_url(couple, True), data=fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "此项必填" in html
    assert "同一身份证号在本户中出现了两次" not in html
