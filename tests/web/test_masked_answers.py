"""A masked number cannot be rebuilt: no answer or page that shows a mask also
carries the digits it hides (the birth date), the full card or the full phone."""

import re
from datetime import date

import pytest

from fieldapp.domain.ids import age_on
from fieldapp.services import records
from tests.factories import make_id, member_payload, record_payload

BIRTHS = [date(1958, 2, 3), date(1961, 11, 30), date(1987, 7, 14), date(2009, 1, 9)]
RELATIONS = ["head", "spouse", "child", "child"]


@pytest.fixture
def family(make_household):
    """A household of four whose ID numbers, cards and phones are known."""
    members = []
    for birth, relation in zip(BIRTHS, RELATIONS, strict=True):
        idn = make_id(birth)
        members.append(
            member_payload(
                name=f"成员{len(members)}",
                relation=relation,
                id_number=idn,
                disability_card=idn + "42",
                phone=f"1390000{len(members):04d}",
            )
        )
    return make_household(members=members)


def submitted(household, writer):
    """A respite assessment of the household's head, stored by the service."""
    body = record_payload("respite_assessment", household)
    return records.submit(body, writer)[0]


def secrets_of(person) -> list[str]:
    """What must never appear beside a mask: full numbers and the birth date in
    every spelling a reader could use to fill the mask back in."""
    birth = person.birth_date
    return [
        person.id_number,
        person.disability_card,
        person.phone,
        birth.isoformat(),
        birth.strftime("%Y%m%d"),
    ]


def assert_nothing_leaks(text: str, household) -> None:
    for person in household.members:
        for secret in secrets_of(person):
            assert secret not in text, (person.name, secret)


def test_list_items_carry_age_and_sex_never_the_birth_date(api, make_user, family):
    inspector = make_user("inspector", towns=["469006100"])
    response = api(inspector).get("/api/v1/households")
    members = response.get_json()["items"][0]["members"]
    assert len(members) == 4
    for member, birth in zip(members, BIRTHS, strict=True):
        assert "birth_date" not in member
        assert member["sex"] in ("M", "F")
        assert member["age"] == age_on(birth, date.today())
        assert re.fullmatch(r"469006\*{8}[0-9]{3}[0-9X]", member["id_number"])
        assert re.fullmatch(r"469006\*{8}[0-9]{3}[0-9X]42", member["disability_card"])
        assert re.fullmatch(r"139\*{4}[0-9]{4}", member["phone"])
    assert_nothing_leaks(response.get_data(as_text=True), family)


def test_detail_without_unmasked_carries_no_birth_date(api, make_user, family):
    supervisor = make_user("supervisor", towns=["469006100"])
    response = api(supervisor).get(f"/api/v1/households/{family.uuid}")
    assert all("birth_date" not in m for m in response.get_json()["members"])
    assert_nothing_leaks(response.get_data(as_text=True), family)


def test_unmasked_detail_adds_the_birth_date_and_full_numbers(api, make_user, family):
    supervisor = make_user("supervisor", towns=["469006100"])
    response = api(supervisor).get(f"/api/v1/households/{family.uuid}?unmasked=1")
    member = response.get_json()["members"][0]
    head = family.members[0]
    assert member["birth_date"] == head.birth_date.isoformat()
    assert member["id_number"] == head.id_number
    assert member["disability_card"] == head.disability_card
    assert member["phone"] == head.phone


def test_create_replay_and_conflict_answers_are_masked(api, make_user):
    from tests.factories import household_payload

    inspector = make_user("inspector", towns=["469006100"])
    idn = make_id(date(1975, 4, 8))
    body = household_payload(members=[member_payload(id_number=idn)])
    client = api(inspector)
    for expected in (201, 200):
        response = client.post("/api/v1/households", json=body)
        assert response.status_code == expected
        assert "birth_date" not in response.get_json()["members"][0]
        assert idn not in response.get_data(as_text=True)
        assert "1975-04-08" not in response.get_data(as_text=True)
    conflict = client.post("/api/v1/households", json={**body, "village": "新坡村"})
    assert conflict.status_code == 409
    assert "birth_date" not in conflict.get_json()["current"]["members"][0]
    assert idn not in conflict.get_data(as_text=True)


def test_record_answers_and_lists_carry_no_birth_date(api, make_user, family):
    rehab = make_user("rehab_worker", towns=["469006100"])
    record = submitted(family, rehab)
    client = api(rehab)
    for path in (
        f"/api/v1/records/{record.uuid}",
        f"/api/v1/records?household={family.uuid}",
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert "birth_date" not in response.get_data(as_text=True)
        assert_nothing_leaks(response.get_data(as_text=True), family)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/households/{uuid}",
        "/surveys/respite_assessment/new?household={uuid}",
        "/surveys/device_fitting/new?household={uuid}",
        "/households/{uuid}/casefile",
        "/records/{record}",
        "/records/{record}/edit",
    ],
)
def test_pages_show_masks_and_ages_never_what_the_mask_hides(
    client, login, make_user, family, path
):
    admin = make_user("admin", towns=())
    record = submitted(family, admin)
    login(admin)
    response = client.get(path.format(uuid=family.uuid, record=record.uuid))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert_nothing_leaks(html, family)
    assert "birth" not in html.lower()


def test_survey_form_gives_the_preview_an_age_not_a_birth_date(
    client, login, make_user, family
):
    login(make_user("rehab_worker", towns=["469006100"]))
    html = client.get(
        f"/surveys/respite_assessment/new?household={family.uuid}"
    ).get_data(as_text=True)
    ages = sorted(int(a) for a in re.findall(r'data-age="(\d+)"', html))
    assert ages == sorted(age_on(birth, date.today()) for birth in BIRTHS)
