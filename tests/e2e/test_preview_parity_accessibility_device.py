"""The phone's live preview of the accessibility and device surveys computes
exactly what the server's rules compute, run in Debian chromium."""

import copy
from datetime import date

import pytest

from fieldapp.domain.accessibility import assess_accessibility, load_items
from fieldapp.domain.devices import assess_device
from fieldapp.domain.errors import DomainError
from tests.e2e.conftest import LIVE_USER_SEQ
from tests.e2e.helpers import submit_and_open_record
from tests.factories import SAMPLE_DATA, household_payload

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


def strict(value):
    """JSON values where True is not 1 and 1 is 1.0, for an exact comparison."""
    if isinstance(value, dict):
        return {k: strict(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strict(v) for v in value]
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, int | float):
        return ("number", float(value))
    return value


def python_result(rule, *args, **kwargs) -> dict:
    """The server rule's answer in the shape the page's call returns."""
    try:
        return {"ok": rule(*args, **kwargs)}
    except DomainError as exc:
        return {"error": exc.code, "field": exc.field}


@pytest.fixture(scope="module")
def survey_page(browser, live_server, live_app):
    """One logged-in phone page on the accessibility form for the whole module."""
    from fieldapp.services.accounts import create_user

    with live_app.app_context():
        create_user("parity-inspector", "live-pass-123", "inspector", ["469006100"])
    context = browser.new_context(
        base_url=live_server, viewport={"width": 360, "height": 740}, locale="zh-CN"
    )
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", "parity-inspector")
    page.fill("#password", "live-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    page.goto("/surveys/accessibility_assessment/new")
    yield page
    context.close()


def run_js(page, kind, data, context=None):
    return page.evaluate(CALL_JS, [kind, data, context or {}])


# --- accessibility ------------------------------------------------------------

RAMP_ROWS = [(20, 1.20), (16, 0.90), (12, 0.75), (10, 0.60), (8, 0.30)]
RAMPS = [
    # (rise, run): each row's slope with the rise at its maximum, then just above
    (1.20, 24.0),
    (1.21, 24.2),
    (0.90, 14.4),
    (0.91, 14.56),
    (0.75, 9.0),
    (0.76, 9.12),
    (0.60, 6.0),
    (0.61, 6.1),
    (0.30, 2.4),
    (0.31, 2.48),
    # at a row's maximum rise but just steeper than its slope
    (1.20, 23.9),
    (0.90, 14.3),
    (0.75, 8.9),
    (0.60, 5.9),
    (0.30, 2.39),
    # floats a hair over the exact ratio; gentle, zero and far too steep
    (0.929, 18.58),
    (0.626, 7.512),
    (0.45, 6.0),
    (0.0, 1.0),
    (0.2, 1.0),
    # slopes that are exact binary ties at the 5th decimal: round half to even
    (0.5, 16.0),
    (0.75, 8.0),
]


def items(*lines):
    return [
        dict(zip(("code", "quantity", "unit_cost"), line, strict=False))
        for line in lines
    ]


ACCESSIBILITY_CASES = {
    "api_example": SAMPLE_DATA["accessibility_assessment"],
    "nothing": {"stage": "need_reported"},
    **{
        f"ramp_{rise}_{run}": {
            "ramp": {"rise_m": rise, "run_m": run},
            "stage": "verified",
        }
        for rise, run in RAMPS
    },
    "cap_exactly": {"items": items(("SMART", 3))},
    "cap_plus_a_cent": {"items": items(("SMART", 3), ("RAIL", 1, 0.01))},
    "cap_plus_rounded_away": {"items": items(("RAIL", 1, 6000.004))},
    "cap_minus_half_a_cent": {"items": items(("RAIL", 1, 5999.995))},
    "every_default_unit_cost": {"items": items(*[(code, 1) for code in load_items()])},
    "default_cost_with_fractional_quantity": {"items": items(("ENT-PATH", 12.5))},
    "tie_rounds_to_even": {"items": items(("RAIL", 1, 0.125))},
    "binary_below_half": {"items": items(("RAIL", 1, 2.675), ("ELEC", 1, 1.005))},
    "float_sum": {"items": items(("ELEC", 3, 0.1), ("RAIL", 0.335, 1))},
    "zero_unit_cost": {"items": items(("TACTILE", 4, 0))},
    "unknown_item": {"items": items(("NOPE", 1))},
    "zero_quantity": {"items": items(("RAIL", 0))},
    "negative_unit_cost": {"items": items(("RAIL", 1, -5))},
    "ramp_without_run": {"ramp": {"rise_m": 0.3}},
    "ramp_zero_run": {"ramp": {"rise_m": 0.3, "run_m": 0}},
    "ramp_negative_rise": {"ramp": {"rise_m": -0.1, "run_m": 2}},
    "unknown_stage": {"stage": "finished"},
}


@pytest.mark.parametrize("data", ACCESSIBILITY_CASES.values(), ids=ACCESSIBILITY_CASES)
def test_accessibility_preview_matches_server(survey_page, live_app, data):
    cap = live_app.config["ACCESSIBILITY_CAP_YUAN"]
    expected = python_result(assess_accessibility, copy.deepcopy(data), cap=cap)
    got = run_js(survey_page, "accessibility_assessment", data)
    assert strict(got) == strict(expected)


def test_ramp_cases_cover_every_row_at_and_above_its_maximum():
    for denominator, max_rise in RAMP_ROWS:
        at = assess_accessibility(
            {"ramp": {"rise_m": max_rise, "run_m": max_rise * denominator}}
        )
        assert (at["ramp_ok"], at["ramp_max_rise_m"]) == (True, max_rise)
        assert (max_rise, round(max_rise * denominator, 2)) in RAMPS
    above = [
        r
        for r in RAMPS
        if r[0] > 0
        and assess_accessibility({"ramp": {"rise_m": r[0], "run_m": r[1]}})[
            "ramp_suggestion"
        ]
        == "add_landing"
    ]
    assert len(above) >= 5


def test_spare_blank_rows_are_ignored_as_the_server_ignores_them(survey_page, live_app):
    cap = live_app.config["ACCESSIBILITY_CAP_YUAN"]
    data = {"items": [{}, *items(("RAIL", 2)), {}], "stage": "need_reported"}
    expected = assess_accessibility({"items": items(("RAIL", 2))}, cap=cap)
    got = run_js(survey_page, "accessibility_assessment", data)
    assert strict(got) == strict({"ok": expected})


# --- devices ------------------------------------------------------------------


def fitting(fitted_on, *visits, stage="followup", **extra):
    data = {"device_code": "12 22 03", "stage": stage, "fitted_on": fitted_on, **extra}
    if visits:
        data["followups"] = [{"date": day, "outcome": "良好"} for day in visits]
    return data


DEVICE_CASES = {
    "api_example": (SAMPLE_DATA["device_fitting"], "2026-03-05"),
    "no_followups": (fitting("2024-01-15", stage="fitted"), "2024-02-01"),
    "one_followup": (fitting("2024-01-15", "2024-02-20"), "2024-03-01"),
    "two_followups": (fitting("2024-01-15", "2024-02-20", "2024-05-18"), "2024-06-01"),
    "three_followups_unordered": (
        fitting("2023-01-15", "2024-05-18", "2023-02-20", "2023-05-18"),
        "2024-06-01",
    ),
    "jan_31_plus_a_month": (fitting("2023-01-31", stage="fitted"), "2023-02-10"),
    "jan_31_plus_a_month_leap": (fitting("2024-01-31", stage="trained"), "2024-02-10"),
    "feb_29_plus_a_year": (
        fitting("2024-02-29", stage="fitted", service_life_years=1),
        "2024-03-01",
    ),
    "feb_29_plus_four_years": (
        fitting("2024-02-29", stage="fitted", service_life_years=4),
        "2024-03-01",
    ),
    "aug_31_plus_three_months": (fitting("2024-07-31", "2024-08-31"), "2024-09-01"),
    "nov_30_plus_three_months": (fitting("2024-10-31", "2024-11-30"), "2024-12-01"),
    "oct_31_plus_three_months_next_year": (
        fitting("2024-09-30", "2024-10-31"),
        "2024-11-01",
    ),
    "dec_31_plus_a_year": (
        fitting("2023-10-31", "2023-11-30", "2023-12-31"),
        "2024-01-01",
    ),
    "closed_stage": (fitting("2024-01-15", "2024-02-20", stage="closed"), "2025-06-01"),
    "service_life_default_from_catalogue_gap": (
        {"device_code": "12 22 18", "stage": "fitted", "fitted_on": "2024-03-10"},
        "2024-03-10",
    ),
    "service_life_from_catalogue": (
        {"device_code": "12 03 03", "stage": "fitted", "fitted_on": "2024-03-10"},
        "2024-03-10",
    ),
    "service_life_unknown_device": (
        {"device_code": "99 99 99", "stage": "fitted", "fitted_on": "2024-03-10"},
        "2024-03-10",
    ),
    "service_life_given": (
        fitting("2024-03-10", stage="fitted", service_life_years=5),
        "2024-03-10",
    ),
    "due_today_is_not_overdue": (fitting("2024-01-15", stage="fitted"), "2024-02-15"),
    "due_yesterday_is_overdue": (fitting("2024-01-15", stage="fitted"), "2024-02-16"),
    "not_fitted_yet": (
        {"device_code": "12 06 03", "stage": "prescribed"},
        "2024-02-16",
    ),
    "fitted_without_date": (
        {"device_code": "12 06 03", "stage": "fitted"},
        "2024-02-16",
    ),
    "followup_before_fitting": (fitting("2024-01-15", "2024-01-10"), "2024-02-16"),
    "followup_without_fitting": (
        {
            "device_code": "12 06 03",
            "stage": "prescribed",
            "followups": [{"date": "2024-01-10"}],
        },
        "2024-02-16",
    ),
    "followup_without_date": (
        {**fitting("2024-01-15"), "followups": [{"outcome": "电话"}]},
        "2024-02-16",
    ),
    "impossible_date": (fitting("2025-02-29", stage="fitted"), "2025-03-16"),
    "month_13": (fitting("2024-13-01", stage="fitted"), "2025-03-16"),
    "service_life_zero": (fitting("2024-01-15", service_life_years=0), "2024-02-16"),
    "unknown_stage": (fitting("2024-01-15", stage="lost"), "2024-02-16"),
}


@pytest.mark.parametrize(("data", "today"), DEVICE_CASES.values(), ids=DEVICE_CASES)
def test_device_preview_matches_server(survey_page, data, today):
    expected = python_result(
        assess_device, copy.deepcopy(data), today=date.fromisoformat(today)
    )
    got = run_js(survey_page, "device_fitting", data, {"capturedOn": today})
    assert strict(got) == strict(expected)


def test_device_spare_blank_followup_rows_are_ignored(survey_page):
    data = fitting("2024-01-15", "2024-02-20")
    data["followups"].append({})
    expected = assess_device(
        fitting("2024-01-15", "2024-02-20"), today=date(2024, 3, 1)
    )
    got = run_js(survey_page, "device_fitting", data, {"capturedOn": "2024-03-01"})
    assert strict(got) == strict({"ok": expected})


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
    assert page.get_attribute("#data-items-0-unit_cost", "placeholder") == "1500"
    page.fill("#data-items-0-quantity", "1")
    assert preview.locator("[data-out=estimated_total]").text_content() == "1500"
    page.select_option("#data-items-1-code", "RAIL")
    page.fill("#data-items-1-quantity", "2")
    page.click("button[data-add-row=item-rows]")
    assert page.locator("#item-rows [data-row]").count() == 3
    page.select_option("#data-items-2-code", "SMART")
    page.fill("#data-items-2-quantity", "2")
    page.fill("#data-items-2-unit_cost", "2000.5")
    over_cap = preview.locator("[data-out=over_cap]")
    assert preview.locator("[data-out=estimated_total]").text_content() == "5901"
    assert over_cap.text_content() == "否"
    page.fill("#data-items-2-quantity", "3")
    assert preview.locator("[data-out=estimated_total]").text_content() == "7901.5"
    assert over_cap.text_content() == "是"
    assert "error" in over_cap.get_attribute("class")
    page.fill("#data-ramp-rise_m", "0.45")
    page.fill("#data-ramp-run_m", "6")
    ramp = page.locator("fieldset [data-preview]")
    assert ramp.locator("[data-out=ramp_slope]").text_content() == "0.075"
    assert ramp.locator("[data-out=ramp_ok]").text_content() == "是"
    page.fill("#data-ramp-rise_m", "0.8")
    page.fill("#data-ramp-run_m", "9.6")
    assert ramp.locator("[data-out=ramp_ok]").text_content() == "否"
    assert "休息平台" in ramp.locator("[data-out=ramp_suggestion]").text_content()
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
    assert page.get_attribute("#data-device_name", "placeholder") == "单脚手杖"
    assert page.get_attribute("#data-service_life_years", "placeholder") == "1"
    page.select_option("#data-stage", "followup")
    page.fill("#data-fitted_on", "2024-01-31")
    assert preview.locator("[data-out=replacement_due]").text_content() == "2025-01-31"
    assert (
        preview.locator("[data-out=next_followup_due]").text_content() == "2024-02-29"
    )
    page.fill("#data-followups-0-date", "2024-02-29")
    due = preview.locator("[data-out=next_followup_due]")
    assert due.text_content() == "2024-05-29"
    overdue = preview.locator("[data-out=followup_overdue]")
    assert overdue.text_content() == "是" and "error" in overdue.get_attribute("class")
    page.click("button[data-add-row=followup-rows]")
    page.fill("#data-followups-2-date", "2024-05-30")
    page.fill("#data-followups-2-outcome", "良好")
    assert due.text_content() == "2025-05-30"
    assert overdue.text_content() == "否"
    page.fill("#data-service_life_years", "2")
    assert preview.locator("[data-out=replacement_due]").text_content() == "2026-01-31"
    submit_and_open_record(page, lambda: page.click("button[type=submit].primary"))
    main = page.text_content("main")
    assert "单脚手杖" in main and "2026-01-31" in main and "2025-05-30" in main
