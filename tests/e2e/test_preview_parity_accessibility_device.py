"""The accessibility and device forms' live preview on a phone: spare blank rows
and taps (the rules' vectors are in test_preview_parity.py)."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from fieldapp.domain.accessibility import assess_accessibility
from fieldapp.domain.devices import assess_device
from tests import rule_vectors as rv
from tests.e2e.conftest import LIVE_USER_SEQ
from tests.e2e.helpers import submit_and_open_record
from tests.factories import household_payload

pytestmark = pytest.mark.e2e

CALL_JS = """async ([kind, data, ctx]) => {
    const m = await import(`/static/js/surveys/${kind}.js`);
    const config = JSON.parse(document.getElementById('survey-config').textContent);
    try {
        return {ok: m.compute(data, ctx, config)};
    } catch (err) {
        return {error: err.code || String(err), field: err.field ?? null};
    }
}"""


@pytest.fixture
def survey_page(page, live_user, logged_in):
    """An inspector's page on the accessibility form."""
    logged_in(*live_user("inspector"))
    page.goto("/surveys/accessibility_assessment/new")
    return page


def run_js(page, kind, data, context=None):
    return page.evaluate(CALL_JS, [kind, data, context or {}])


def items(*lines):
    return [
        dict(zip(("code", "quantity", "unit_cost"), line, strict=False))
        for line in lines
    ]


def test_spare_blank_rows_are_ignored_as_the_server_ignores_them(survey_page, live_app):
    cap = live_app.config["ACCESSIBILITY_CAP_YUAN"]
    data = {"items": [{}, *items(("RAIL", 2)), {}], "stage": "need_reported"}
    expected = assess_accessibility({"items": items(("RAIL", 2))}, cap=cap)
    got = run_js(survey_page, "accessibility_assessment", data)
    assert rv.strict(got) == rv.strict({"ok": expected})


# --- devices ------------------------------------------------------------------


def fitting(fitted_on, *visits, stage="followup", **extra):
    data = {"device_code": "12 22 03", "stage": stage, "fitted_on": fitted_on, **extra}
    if visits:
        data["followups"] = [{"date": day, "outcome": "良好"} for day in visits]
    return data


def test_device_spare_blank_followup_rows_are_ignored(survey_page):
    data = fitting("2024-01-15", "2024-02-20")
    data["followups"].append({})
    expected = assess_device(
        fitting("2024-01-15", "2024-02-20"), today=date(2024, 3, 1)
    )
    got = run_js(survey_page, "device_fitting", data, {"capturedOn": "2024-03-01"})
    assert rv.strict(got) == rv.strict({"ok": expected})


# --- tapping through the forms ------------------------------------------------


@pytest.fixture
def live_household(live_app):
    """A household in 万城镇 with one disabled member, stored in the live app."""
    from fieldapp.services.accounts import create_user
    from fieldapp.services.households import create_household

    with live_app.app_context():
        name = f"hh-admin-{next(LIVE_USER_SEQ)}"
        author = create_user(name, "live-pass-123", "admin", [])
        household, _ = create_household(household_payload(), author)
        return household.uuid, household.members[0].uuid


def test_worker_taps_through_the_accessibility_form(
    page, live_user, logged_in, live_household
):
    household_uuid, _person = live_household
    logged_in(*live_user("inspector"))
    page.goto(f"/surveys/accessibility_assessment/new?household={household_uuid}")
    preview = page.locator("section[data-preview]")
    page.select_option("#data-items-0-code", "ENT-RAMP")
    expect(page.locator("#data-items-0-unit_cost")).to_have_attribute(
        "placeholder", "1500"
    )
    page.fill("#data-items-0-quantity", "1")
    expect(preview.locator("[data-out=estimated_total]")).to_have_text("1500")
    page.select_option("#data-items-1-code", "RAIL")
    page.fill("#data-items-1-quantity", "2")
    page.click("button[data-add-row=item-rows]")
    assert page.locator("#item-rows [data-row]").count() == 3
    page.select_option("#data-items-2-code", "SMART")
    page.fill("#data-items-2-quantity", "2")
    page.fill("#data-items-2-unit_cost", "2000.5")
    over_cap = preview.locator("[data-out=over_cap]")
    expect(preview.locator("[data-out=estimated_total]")).to_have_text("5901")
    expect(over_cap).to_have_text("否")
    page.fill("#data-items-2-quantity", "3")
    expect(preview.locator("[data-out=estimated_total]")).to_have_text("7901.5")
    expect(over_cap).to_have_text("是")
    expect(over_cap).to_have_class(re.compile(r"\berror\b"))
    page.fill("#data-ramp-rise_m", "0.45")
    page.fill("#data-ramp-run_m", "6")
    ramp = page.locator("fieldset [data-preview]")
    expect(ramp.locator("[data-out=ramp_slope]")).to_have_text("0.075")
    expect(ramp.locator("[data-out=ramp_ok]")).to_have_text("是")
    page.fill("#data-ramp-rise_m", "0.8")
    page.fill("#data-ramp-run_m", "9.6")
    expect(ramp.locator("[data-out=ramp_ok]")).to_have_text("否")
    expect(ramp.locator("[data-out=ramp_suggestion]")).to_contain_text("休息平台")
    submit_and_open_record(page, lambda: page.click("button[type=submit].primary"))
    assert "7,901.50 元" in page.text_content("main")


def test_worker_taps_through_the_device_form(
    page, live_user, logged_in, live_household
):
    household_uuid, person_uuid = live_household
    logged_in(*live_user("rehab_worker"))
    page.goto(f"/surveys/device_fitting/new?household={household_uuid}")
    preview = page.locator("section[data-preview]")
    page.select_option("#person_uuid", person_uuid)
    page.fill("#captured_at", "2024-06-01T10:00")
    page.select_option("#data-device_code", "12 03 03")
    expect(page.locator("#data-device_name")).to_have_attribute(
        "placeholder", "单脚手杖"
    )
    expect(page.locator("#data-service_life_years")).to_have_attribute(
        "placeholder", "1"
    )
    page.select_option("#data-stage", "followup")
    page.fill("#data-fitted_on", "2024-01-31")
    expect(preview.locator("[data-out=replacement_due]")).to_have_text("2025-01-31")
    expect(preview.locator("[data-out=next_followup_due]")).to_have_text("2024-02-29")
    page.fill("#data-followups-0-date", "2024-02-29")
    due = preview.locator("[data-out=next_followup_due]")
    expect(due).to_have_text("2024-04-30")  # 3 months after the fitting
    overdue = preview.locator("[data-out=followup_overdue]")
    expect(overdue).to_have_text("是")
    expect(overdue).to_have_class(re.compile(r"\berror\b"))
    page.click("button[data-add-row=followup-rows]")
    page.fill("#data-followups-2-date", "2024-05-30")
    page.fill("#data-followups-2-outcome", "良好")
    expect(due).to_have_text("2025-01-31")  # a year after the fitting
    expect(overdue).to_have_text("是")  # against today, not the survey's day
    page.fill("#data-service_life_years", "2")
    expect(preview.locator("[data-out=replacement_due]")).to_have_text("2026-01-31")
    submit_and_open_record(page, lambda: page.click("button[type=submit].primary"))
    main = page.text_content("main")
    assert "单脚手杖" in main and "2026-01-31" in main and "2025-01-31" in main


def test_ramp_helper_and_preview_follow_the_chosen_standard(
    page, live_user, logged_in, live_household
):
    household_uuid, _person = live_household
    logged_in(*live_user("inspector"))
    page.goto(f"/surveys/accessibility_assessment/new?household={household_uuid}")
    expect(page.locator("#data-ramp-standard")).to_have_value("gb55019_2021")
    ramp = page.locator("fieldset [data-preview]")
    helper = page.locator("[data-ramp-plan]")
    expect(helper).to_be_hidden()
    page.fill("#data-ramp-rise_m", "0.8")
    expect(helper).to_contain_text("需分 2 段")
    expect(helper).to_contain_text("9.60 米(坡度 1:12)")
    expect(helper).to_contain_text("1 个休息平台")
    page.fill("#data-ramp-rise_m", "0.3")
    expect(helper).to_contain_text("至少需要水平长度 3.60 米(坡度 1:12),一段即可")
    page.fill("#data-ramp-run_m", "2.4")
    expect(ramp.locator("[data-out=ramp_standard]")).to_contain_text("GB 55019-2021")
    expect(ramp.locator("[data-out=ramp_ok]")).to_have_text("否")
    expect(ramp.locator("[data-out=ramp_suggestion]")).to_contain_text("坡度陡于")
    page.select_option("#data-ramp-standard", "gb50763_2012")
    expect(ramp.locator("[data-out=ramp_standard]")).to_contain_text("GB 50763-2012")
    expect(ramp.locator("[data-out=ramp_ok]")).to_have_text("是")
    expect(helper).to_contain_text("2.40 米(坡度 1:8)")
    page.select_option("#data-ramp-standard", "gb55019_2021")
    page.fill("#data-ramp-run_m", "3.6")
    expect(ramp.locator("[data-out=ramp_ok]")).to_have_text("是")
    submit_and_open_record(page, lambda: page.click("button[type=submit].primary"))
    assert "GB 55019-2021《建筑与市政工程无障碍通用规范》" in page.text_content("main")
