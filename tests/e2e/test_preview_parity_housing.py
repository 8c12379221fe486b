"""The housing form's live preview on a phone: blank storey blocks, taps, and the
grade that gets stored (the rule's vectors are in test_preview_parity.py)."""

import pytest
from playwright.sync_api import expect
from werkzeug.datastructures import MultiDict

from fieldapp.domain.housing import assess_housing
from forms.fields import prune
from forms.housing_inspection import HousingDataForm
from forms.json import flatten, jsonable
from tests.e2e.helpers import submit_and_open_record

pytestmark = pytest.mark.e2e

JGJ = {
    "method": "jgj125_2016",
    "structure_type": "brick_concrete",
    "floors": 1,
    "site_dangerous": False,
}


def m(total, dangerous=0):
    """One member count."""
    return {"total": total, "dangerous": dangerous}


def jgj(foundation, *storeys):
    """A JGJ 125 body with these member counts."""
    return {
        **JGJ,
        "floors": len(storeys),
        "foundation": foundation,
        "storeys": [*storeys],
    }


@pytest.fixture
def housing_page(page, live_user, logged_in):
    """An inspector's page on the housing form."""
    logged_in(*live_user("inspector"))
    page.goto("/surveys/housing_inspection/new")
    return page


def js_compute(page, data, household_size):
    """compute() of the page's module; a thrown RuleError comes back as its code."""
    return page.evaluate(
        """async ([data, size]) => {
            const m = await import('/static/js/surveys/housing_inspection.js');
            const el = document.getElementById('survey-config');
            const config = JSON.parse(el.textContent);
            try { return m.compute(data, {householdSize: size}, config); }
            catch (err) { return {error: err.code || String(err)}; }
        }""",
        [data, household_size],
    )


def test_blank_storey_blocks_are_not_storeys_for_the_preview(housing_page, live_app):
    """The page posts blank blocks; the form drops them, and so does the preview."""
    data = jgj(m(4), {"slab": m(4, 1)})
    with live_app.test_request_context():
        form = HousingDataForm(
            formdata=MultiDict(
                {
                    **flatten(data),
                    "storeys-1-wall-total": "",
                    "storeys-2-slab-total": "",
                }
            )
        )
        assert form.validate(), form.errors
        stored = jsonable(prune(form.data))
    expected = assess_housing(stored, household_size=2)
    assert expected["grade"] == "D"  # 2 layers; counted blanks would make it C
    with_blanks = {**data, "storeys": [*data["storeys"], {}, {}]}
    assert js_compute(housing_page, with_blanks, 2) == expected


@pytest.fixture
def phone(browser, live_server, live_app):
    """A touch-screen phone logged in as an inspector, on a one-person household."""
    from fieldapp.services.accounts import create_user
    from fieldapp.services.households import create_household
    from tests.factories import household_payload, new_uuid

    name = f"tapper-{new_uuid()[:8]}"
    with live_app.app_context():
        user = create_user(name, "tap-pass-1234", "inspector", ["469006100"])
        household, _ = create_household(household_payload(), user)
        household_uuid = household.uuid
    context = browser.new_context(
        base_url=live_server,
        viewport={"width": 360, "height": 740},
        locale="zh-CN",
        has_touch=True,
        is_mobile=True,
    )
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", name)
    page.fill("#password", "tap-pass-1234")
    page.locator("button[type=submit]").tap()
    page.wait_for_url("**/")
    page.goto(f"/surveys/housing_inspection/new?household={household_uuid}")
    yield page
    context.close()


def test_live_grade_follows_taps_and_is_what_gets_stored(phone):
    page = phone
    grade = page.locator("[data-preview] [data-out=grade]")
    expect(grade).to_have_text("—")
    jgj_section = page.locator("[data-method-section=jgj125_2016]")
    assert jgj_section.is_hidden()  # rural is the default method

    page.locator(
        "label.choice:has(input[name='data-components-walls'][value='b'])"
    ).tap()
    # The rule module loads after the page: wait for the first preview, not a tick.
    expect(grade).to_have_text("B级(基本安全)")
    page.locator(
        "label.choice:has(input[name='data-components-roof'][value='d'])"
    ).tap()
    expect(grade).to_have_text("D级(整幢危房)")
    assert page.text_content("[data-out=renovation_mode]") == "拆除重建"
    assert page.text_content("[data-housing-out=area_cap_m2]") == "20–30 m²"

    page.locator(
        "label.choice:has(input[name='data-method'][value='jgj125_2016'])"
    ).tap()
    assert jgj_section.is_visible()
    assert page.locator("[data-method-section=rural_2019]").is_hidden()
    expect(grade).to_have_text("—")
    page.fill("input[name='data-floors']", "4")  # one more than the page rendered
    assert page.locator("[data-storey]:visible").count() == 4
    assert page.locator("#data-storeys-3-slab-total").is_enabled()
    expect(page.locator("[data-storey='3'] legend")).to_have_text("第 4 层")
    page.fill("input[name='data-floors']", "2")
    assert page.locator("[data-storey]:visible").count() == 2
    assert page.locator("#data-storeys-2-slab-total").is_disabled()
    page.fill("#data-foundation-total", "4")
    page.fill("#data-storeys-0-slab-total", "4")
    page.fill("#data-storeys-0-slab-dangerous", "1")
    expect(grade).to_have_text("D级(整幢危房)")  # one D_u storey over 2 layers
    page.fill("#data-storeys-1-slab-total", "4")
    expect(grade).to_have_text("C级(局部危房)")  # now 1 D_u over 3 layers
    assert page.text_content("[data-housing-out=ratio]") == "4.55 %"
    assert page.text_content("[data-out=storey_grades]") == "Du级;Au级"

    submit_and_open_record(page, page.locator("#survey-form button[type=submit]").tap)
    expect(page.locator("[data-grade]")).to_have_attribute("data-grade", "C")


def test_three_floors_under_the_2019_guideline_suggests_jgj125(phone):
    page = phone
    warning = page.locator("[data-method-scope]")
    expect(warning).to_be_hidden()
    page.fill("input[name='data-floors']", "2")
    expect(warning).to_be_hidden()
    page.fill("input[name='data-floors']", "3")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("1–2层房屋")
    page.locator("[data-switch-method=jgj125_2016]").tap()
    expect(
        page.locator("input[name='data-method'][value='jgj125_2016']")
    ).to_be_checked()
    expect(warning).to_be_hidden()
    assert page.locator("[data-method-section=jgj125_2016]").is_visible()
    assert page.locator("[data-storey]:visible").count() == 3
    page.locator(
        "label.choice:has(input[name='data-method'][value='rural_2019'])"
    ).tap()
    expect(warning).to_be_visible()  # kept if the worker insists; stored with the flag
