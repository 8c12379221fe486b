"""With no signal, the renovation form (a page from the phone's cache) offers the
household's C/D inspections: the one the server graded, kept with the household,
and the one recorded on this visit a minute earlier, still in the outbox and
graded on the phone by the inspection's own rule port. The preview gives the
floor and cap from the chosen inspection's grade; the renovation waits in the
outbox for its inspection and both are stored once when the signal is back."""

import itertools

import pytest
from playwright.sync_api import expect

from fieldapp.extensions import db
from tests.e2e.conftest import PASSWORD
from tests.e2e.helpers import (
    expect_pending,
    household_list_now,
    log_in,
    outbox_after,
    reconnect_with_an_older_list,
    records_of,
    wait_until_offline_ready,
)
from tests.factories import household_payload, make_id, member_payload, new_uuid

pytestmark = pytest.mark.e2e
_names = itertools.count(1)


@pytest.fixture
def inspected_c(live_app):
    """An inspector, a household of two and its inspection graded C on the
    server: (username, household uuid, inspection uuid)."""
    from fieldapp.services.accounts import create_user
    from fieldapp.services.households import create_household
    from fieldapp.services.records import submit

    with live_app.app_context():
        name = f"links-inspector-{next(_names)}"
        user = create_user(name, PASSWORD, "inspector", ["469006100"])
        members = [
            member_payload(name="王秀英", relation="head"),
            member_payload(name="王小明", relation="child", id_number=make_id()),
        ]
        household, _ = create_household(household_payload(members=members), user)
        body = {
            "uuid": new_uuid(),
            "kind": "housing_inspection",
            "household_uuid": household.uuid,
            "captured_at": "2026-03-05T09:12:00+08:00",
            "location": {"lat": 18.80, "lon": 110.39, "accuracy_m": 8.0},
            "data": {
                "method": "rural_2019",
                "structure_type": "brick_wood",
                "floors": 1,
                "site_dangerous": False,
                "components": {"foundation": "a", "walls": "c"},
            },
        }
        record, _ = submit(body, user)
        assert record.grade == "C"
        found = (name, household.uuid, record.uuid)
        db.session.remove()
    return found


def record_inspection_offline(page, household) -> str:
    """A D inspection (dangerous site) on the cached form; its uuid."""
    page.goto(f"/surveys/housing_inspection/new?household={household}")
    expect(page.locator("#survey-form")).to_have_attribute("data-outbox-ready", "1")
    page.select_option("#data-structure_type", "earth_wood")
    page.fill("#data-floors", "1")
    page.check("#data-site_dangerous")
    expect(page.locator("[data-preview] [data-out=grade]")).to_have_text(
        "D级(整幢危房)"
    )
    uuid = page.input_value("#survey-form input[name=uuid]")
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{household}")
    return uuid


def test_renovation_offline_offers_cached_and_queued_inspections(
    fresh_phone, live_app, inspected_c
):
    username, household, on_server = inspected_c
    page = fresh_phone.context.new_page()
    log_in(page, username)
    wait_until_offline_ready(page)
    fresh_phone.go_offline()

    queued = record_inspection_offline(page, household)
    expect_pending(page, 1)

    page.goto(f"/surveys/housing_renovation/new?household={household}")
    form = page.locator("#survey-form")
    expect(form).to_have_attribute("data-outbox-ready", "1")
    assert form.get_attribute("data-household") == household  # filled from the cache
    select = page.locator("#data-inspection_uuid")
    choices = select.locator("option:not([value=''])")
    expect(choices).to_have_count(2)
    # Newest first: the one recorded on this visit, graded on the phone.
    expect(choices.nth(0)).to_have_attribute("value", queued)
    expect(choices.nth(0)).to_contain_text("D级(整幢危房)")
    expect(choices.nth(0)).to_contain_text("迁址重建")
    expect(choices.nth(0)).to_contain_text("待同步")
    expect(choices.nth(1)).to_have_attribute("value", on_server)
    expect(choices.nth(1)).to_have_text("2026-03-05 09:12 · C级(局部危房) · 修缮加固")

    preview = page.locator("section[data-preview]")
    select.select_option(on_server)
    expect(page.locator("#data-mode")).to_have_value("repair")
    expect(preview.locator("[data-out=grade]")).to_have_text("C级(局部危房)")
    expect(preview.locator("[data-out=subsidy_floor]")).to_have_text("8000")
    expect(preview.locator("[data-out=area_cap_m2]")).to_have_text("—")

    select.select_option(queued)
    page.select_option("#data-mode", "relocate")
    expect(preview.locator("[data-out=grade]")).to_have_text("D级(整幢危房)")
    expect(preview.locator("[data-out=subsidy_floor]")).to_have_text("35000")
    expect(preview.locator("[data-out=area_cap_m2]")).to_have_text("40")
    renovation = page.input_value("#survey-form input[name=uuid]")
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{household}")
    expect_pending(page, 2)
    waits_for = outbox_after(page, renovation)
    assert waits_for == queued

    fresh_phone.go_online()
    expect_pending(page, 0)
    inspections = records_of(live_app, household, "housing_inspection")
    assert sorted(r.uuid for r in inspections) == sorted([on_server, queued])
    [stored] = records_of(live_app, household, "housing_renovation")
    assert stored.uuid == renovation
    assert stored.data["inspection_uuid"] == queued
    computed = stored.computed
    assert (computed["subsidy_floor"], computed["area_cap_m2"]) == (35000, 40.0)

    # Signal lost again: the inspection the server has just stored is still
    # offered, with the server's grade (kept from the outbox's answer until the
    # households refresh, which reconnecting also starts).
    fresh_phone.go_offline()
    page.goto(f"/surveys/housing_renovation/new?household={household}")
    expect(form).to_have_attribute("data-outbox-ready", "1")
    expect(choices).to_have_count(2)
    expect(choices.nth(0)).to_have_attribute("value", queued)
    expect(choices.nth(0)).to_contain_text("D级(整幢危房)")
    expect(choices.nth(0)).not_to_contain_text("待同步")


def test_a_delivered_record_joins_its_cached_household_with_scalar_values(
    fresh_phone, inspected_c
):
    username, household, _on_server = inspected_c
    page = fresh_phone.context.new_page()
    log_in(page, username)
    wait_until_offline_ready(page)
    links = page.evaluate(
        """async (household) => {
            const { db } = await import('/static/js/db.js');
            const kept = await import('/static/js/households.js');
            const tx = (await db()).transaction('households', 'readwrite');
            await kept.keepDelivered(tx.store, {
                uuid: 'c0ffee00-0000-4000-8000-000000000001',
                kind: 'housing_inspection', household_uuid: household,
                captured_at: '2026-03-06T10:00:00+08:00', person_uuid: null,
                computed: {grade: 'D', renovation_mode: 'rebuild', storeys: ['D_u']},
            });
            await tx.done;
            return (await kept.getHousehold(household)).links;
        }""",
        household,
    )
    assert len(links) == 2
    assert links[0]["uuid"] == "c0ffee00-0000-4000-8000-000000000001"
    assert links[0]["values"] == {"grade": "D", "renovation_mode": "rebuild"}
    assert links[1]["values"] == {"grade": "C", "renovation_mode": "repair"}


def test_a_list_sent_before_a_delivery_does_not_take_the_delivery_back(
    fresh_phone, live_app, inspected_c
):
    """Reconnecting starts the outbox and a household refresh at once. A list the
    server sent before the queued inspection reached it, and written on the phone
    after the outbox kept that inspection with its household, is older than what
    the phone knows: the inspection stays offered with no signal."""
    username, household, on_server = inspected_c
    page = fresh_phone.context.new_page()
    log_in(page, username)
    wait_until_offline_ready(page)
    older = household_list_now(page)  # before the visit's inspection exists
    fresh_phone.go_offline()
    queued = record_inspection_offline(page, household)
    expect_pending(page, 1)

    reconnect_with_an_older_list(fresh_phone, page, older)

    fresh_phone.go_offline()
    page.goto(f"/surveys/housing_renovation/new?household={household}")
    expect(page.locator("#survey-form")).to_have_attribute("data-outbox-ready", "1")
    choices = page.locator("#data-inspection_uuid option:not([value=''])")
    expect(choices).to_have_count(2)
    expect(choices.nth(0)).to_have_attribute("value", queued)
    expect(choices.nth(1)).to_have_attribute("value", on_server)
