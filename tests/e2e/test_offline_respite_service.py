"""A rehabilitation worker out of signal records the respite care an eligible
person now receives. The assessment is the kind's link (registry `links_to`,
static/js/links.js): one the server stored, kept with the household, or one
recorded on this same visit and still in the outbox, judged eligible on the
phone by the assessment's own rule port (待同步). Only the chosen person's
assessments are offered, never those of a member who has died. Both records
reach the server once, the assessment first, when the signal is back."""

import itertools
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from fieldapp.domain.barthel import BARTHEL_ITEMS
from tests.e2e.conftest import PASSWORD
from tests.e2e.helpers import (
    expect_pending,
    fill_barthel,
    log_in,
    outbox_after,
    records_of,
    wait_until_offline_ready,
)
from tests.factories import household_payload, make_id, member_payload

OWN_TOWN = "469006104"

pytestmark = pytest.mark.e2e
_names = itertools.count(1)


def eligible_member(name, relation, born, **status):
    """A member holding an intellectual-disability card of level 2 (covered)."""
    idn = make_id(birth=born)
    card = idn + "52"
    return member_payload(
        name=name, relation=relation, id_number=idn, disability_card=card, **status
    )


@pytest.fixture
def visit(live_app):
    """A rehab worker and a registered-poor household: the head (no assessment
    yet), the spouse (an eligible assessment on the server) and the mother, who
    died after hers. A dict of usernames and uuids."""
    from fieldapp.extensions import db
    from fieldapp.services.accounts import create_user
    from fieldapp.services.households import create_household
    from tests.report_factories import make_record

    with live_app.app_context():
        name = f"respite-links-{next(_names)}"
        # Its own town: the test reaches the household through the start page,
        # whose first page shows 20 households of the worker's towns.
        user = create_user(name, PASSWORD, "rehab_worker", [OWN_TOWN])
        members = [
            eligible_member("符春花", "head", date(1980, 6, 1)),
            eligible_member("陈阿公", "spouse", date(1978, 2, 3)),
            eligible_member(
                "王阿婆",
                "parent",
                date(1970, 9, 9),
                status="deceased",
                status_on="2026-04-01",
            ),
        ]
        household, _ = create_household(
            household_payload(OWN_TOWN, members=members), user
        )
        head, spouse, mother = household.members
        found = {"user": name, "household": household.uuid, "head": head.uuid}
        found["spouse"] = spouse.uuid
        for key, person in (("spouse_assessment", spouse), ("gone", mother)):
            record = make_record(household, "respite_assessment", person=person)
            assert record.computed["eligible"] is True
            found[key] = record.uuid
        db.session.remove()
    return found


def fill_service(page, provider="万城镇日间照料中心"):
    """Mode, provider, start day and subsidy of a day-care service."""
    page.select_option("[name='data-mode']", "day")
    page.fill("[name='data-provider']", provider)
    page.fill("[name='data-started_on']", "2026-01-05")
    page.fill("[name='data-monthly_subsidy']", "500")


def test_service_offline_on_the_persons_kept_assessment_is_synced_once(
    fresh_phone, live_app, visit
):
    household = visit["household"]
    page = fresh_phone.context.new_page()
    log_in(page, visit["user"])
    wait_until_offline_ready(page)

    fresh_phone.go_offline()
    page.goto("/")
    page.click(f"#household-list a[data-uuid='{household}']")
    page.wait_for_url(f"**/households/{household}")
    page.click(
        f"[data-offline-surveys] a[href*='respite_service'][href*='{visit['spouse']}']"
    )
    page.wait_for_url(re.compile(r"/surveys/respite_service/new\?"))
    expect(page.locator("#survey-form")).to_have_attribute("data-outbox-ready", "1")
    expect(page.locator("#person_uuid")).to_have_value(visit["spouse"])

    select = page.locator("#data-assessment_uuid")
    kept = select.locator(f"option[value='{visit['spouse_assessment']}']")
    expect(kept).to_be_enabled()
    expect(kept).to_contain_text("中度依赖")
    expect(kept).not_to_contain_text("待同步")
    # The mother died: her assessment is no choice, for any person, and the
    # phone's copy of the household does not offer her as the person either.
    expect(select.locator(f"option[value='{visit['gone']}']")).to_have_count(0)
    people = page.locator("#person_uuid option")
    expect(people.filter(has_text="·")).to_have_count(2)
    # Another person's assessment is not offered to the head.
    page.select_option("#person_uuid", visit["head"])
    expect(kept).to_be_disabled()
    page.select_option("#person_uuid", visit["spouse"])
    expect(kept).to_be_enabled()

    select.select_option(visit["spouse_assessment"])
    fill_service(page)
    preview = page.locator("[data-preview]")
    expect(preview.locator("[data-out='active']")).to_have_text("是")
    expect(preview.locator("[data-out='dependency']")).to_have_text("中度依赖")
    expect(preview.locator("[data-out='care_level']")).to_have_text("2")

    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{household}")
    expect_pending(page, 1)

    fresh_phone.go_online()
    expect_pending(page, 0)
    expect(page.locator("#outbox-status")).to_have_attribute("data-unsent", "0")
    [service] = records_of(live_app, household, "respite_service")
    person, data, computed = service.person_uuid, service.data, service.computed
    assert data["assessment_uuid"] == visit["spouse_assessment"]
    assert (data["mode"], data["monthly_subsidy"]) == ("day", 500.0)
    assert person == visit["spouse"]
    assert computed["active"] is True and computed["care_level"] == 2


def test_assessment_and_service_recorded_offline_on_one_visit_sync_in_order(
    fresh_phone, live_app, visit
):
    household, head = visit["household"], visit["head"]
    page = fresh_phone.context.new_page()
    log_in(page, visit["user"])
    wait_until_offline_ready(page)
    fresh_phone.go_offline()

    # The head's respite assessment, on this visit: every item at its lowest score.
    page.goto(f"/surveys/respite_assessment/new?household={household}&person={head}")
    expect(page.locator("#survey-form")).to_have_attribute("data-outbox-ready", "1")
    expect(page.locator("#person_uuid")).to_have_value(head)
    fill_barthel(page, {item: scores[0] for item, scores in BARTHEL_ITEMS.items()})
    expect(page.locator("[data-preview] [data-out='eligible']")).to_have_text("是")
    assessment = page.input_value("#survey-form input[name=uuid]")
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{household}")
    expect_pending(page, 1)

    page.goto(f"/surveys/respite_service/new?household={household}&person={head}")
    form = page.locator("#survey-form")
    expect(form).to_have_attribute("data-outbox-ready", "1")
    expect(page.locator("#person_uuid")).to_have_value(head)
    select = page.locator("#data-assessment_uuid")
    queued = select.locator(f"option[value='{assessment}']")
    # Graded on the phone by the assessment's own rule port, marked unsent.
    expect(queued).to_be_enabled()
    expect(queued).to_contain_text("重度依赖 · 一级护理 · 待同步")
    offered = select.locator("option:not([value='']):not([disabled])")
    expect(offered).to_have_count(1)  # the spouse's is not the head's
    expect(select.locator(f"option[value='{visit['gone']}']")).to_have_count(0)

    select.select_option(assessment)
    fill_service(page, provider="万宁市托养中心")
    preview = page.locator("[data-preview]")
    expect(preview.locator("[data-out='dependency']")).to_have_text("重度依赖")
    expect(preview.locator("[data-out='care_level']")).to_have_text("1")
    expect(preview.locator("[data-out='active']")).to_have_text("是")
    service = page.input_value("#survey-form input[name=uuid]")
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{household}")
    expect_pending(page, 2)
    waits_for = outbox_after(page, service)
    assert waits_for == assessment

    fresh_phone.go_online()
    expect_pending(page, 0)
    expect(page.locator("#outbox-status")).to_have_attribute("data-unsent", "0")
    # Once each: the spouse's and mother's from the server, the head's from the phone.
    assessments = records_of(live_app, household, "respite_assessment")
    assert len(assessments) == 3
    [first] = [row for row in assessments if row.uuid == assessment]
    judged = first.computed
    assert first.person_uuid == head and judged["eligible"] is True
    assert (judged["dependency"], judged["care_level"]) == ("severe", 1)
    [second] = records_of(live_app, household, "respite_service")
    assert (second.uuid, second.person_uuid, second.data["assessment_uuid"]) == (
        service,
        head,
        assessment,
    )
    assert second.id > first.id  # stored after the assessment it names
    assert second.computed["active"] is True and second.computed["care_level"] == 1
