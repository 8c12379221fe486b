"""The housing preview computes exactly what the server computes (DOMAIN §1)."""

import pytest
from playwright.sync_api import expect
from werkzeug.datastructures import MultiDict

from fieldapp.domain.errors import HousingError
from fieldapp.domain.housing import assess_housing
from forms.fields import prune
from forms.housing_inspection import HousingDataForm
from forms.json import flatten, jsonable
from tests.e2e.helpers import submit_and_open_record

pytestmark = pytest.mark.e2e

RURAL = {
    "method": "rural_2019",
    "structure_type": "brick_wood",
    "floors": 1,
    "site_dangerous": False,
}
JGJ = {
    "method": "jgj125_2016",
    "structure_type": "brick_concrete",
    "floors": 1,
    "site_dangerous": False,
}


def m(total, dangerous=0):
    """One member count."""
    return {"total": total, "dangerous": dangerous}


def rural(site=False, **components):
    body = {**RURAL, "site_dangerous": site}
    return {**body, "components": components} if components else body


def jgj(foundation, *storeys, site=False):
    return {
        **JGJ,
        "floors": len(storeys),
        "site_dangerous": site,
        "foundation": foundation,
        "storeys": list(storeys),
    }


def brick_house(walls=0, trusses=0, foundation=0):
    """DOMAIN §1.5: 10 walls, 4 trusses, 8 foundation members; n dangerous."""
    return jgj(m(8, foundation), {"wall": m(10, walls), "roof_truss": m(4, trusses)})


# (name, data, household size, expected grade): the grade pins the intent of
# each vector; the parity test compares every computed key with the server.
CASES = [
    # DOMAIN §1.5 verified examples
    ("domain_none", brick_house(), 3, "A"),
    ("domain_1_wall_4.31%", brick_house(walls=1), 3, "B"),
    ("domain_2_walls_1_truss_11.7%", brick_house(walls=2, trusses=1), 3, "C"),
    ("domain_28.9%", brick_house(walls=4, trusses=2, foundation=1), 3, "D"),
    # band boundaries of R (floats would put exactly 5 % and 25 % below)
    ("just_under_5%", jgj(m(4), {"roof_truss": m(10, 1), "slab": m(6)}), 2, "B"),
    ("exactly_5%", jgj(m(4), {"roof_truss": m(10, 1), "slab": m(5)}), 2, "C"),
    (
        "exactly_5%_three_layers",
        jgj(
            m(1),
            {"roof_truss": m(3, 1), "edge_beam": m(5), "wall": m(4)},
            {"slab": m(11)},
        ),
        2,
        "C",
    ),
    (
        "just_under_25%_one_D_u",
        jgj(m(1), {"roof_truss": m(4, 3), "wall": m(1)}, {"slab": m(10)}),
        2,
        "C",
    ),
    (
        "exactly_25%_one_D_u",
        jgj(m(1), {"roof_truss": m(4, 3), "wall": m(1)}, {"slab": m(9)}),
        2,
        "D",
    ),
    # D_u layers against (F + B + f) / 3
    ("under_5%_with_D_u", jgj(m(10), {"slab": m(4, 1)}, {"slab": m(4)}), 2, "C"),
    ("D_u_1_of_2_layers", jgj(m(4), {"slab": m(4, 1)}), 2, "D"),
    ("D_u_1_of_3_layers_equal", jgj(m(1), {"slab": m(4, 1)}, {"slab": m(4)}), 2, "C"),
    ("D_u_2_of_3_layers", jgj(m(4), {"slab": m(4, 1)}, {"slab": m(4, 1)}), 2, "D"),
    (
        "D_u_1_of_4_layers",
        jgj(m(1), {"slab": m(4, 1)}, {"slab": m(4)}, {"slab": m(4)}),
        2,
        "C",
    ),
    (
        "D_u_2_of_4_layers",
        jgj(m(1), {"slab": m(4, 1)}, {"slab": m(4, 1)}, {"wall": m(8)}),
        2,
        "D",
    ),
    ("D_u_foundation_of_2_layers", jgj(m(4, 1), {"wall": m(4)}), 2, "D"),
    # ratios that are ties at 4 places: Python rounds half to even
    ("tie_1/32_and_3/32", jgj(m(32, 3), {"slab": m(32, 1)}), 2, "C"),
    ("tie_1/32_storey", jgj(m(1), {"slab": m(32, 1)}), 2, "B"),
    ("all_members_dangerous", jgj(m(2, 2), {"interior_column": m(4, 4)}), 2, "D"),
    (
        "every_member_type",
        jgj(
            m(12, 1),
            {
                "interior_column": m(4, 1),
                "edge_column": m(6),
                "corner_column": m(4, 1),
                "wall": m(12, 2),
                "roof_truss": m(5),
                "interior_beam": m(3),
                "edge_beam": m(6, 1),
                "secondary_beam": m(4),
                "slab": m(9, 1),
                "enclosure_member": m(7),
            },
        ),
        4,
        "C",
    ),
    # site danger: D and relocation whatever the members or components say
    ("jgj_site_dangerous", jgj(m(8), {"wall": m(10)}, site=True), 3, "D"),
    ("rural_site_no_components", rural(site=True), 3, "D"),
    ("rural_site_all_a", rural(site=True, foundation="a", walls="a"), 4, "D"),
    # rural: the worst component decides; absent components are left out
    (
        "rural_all_a",
        rural(foundation="a", walls="a", frame="a", roof="a", enclosure="a"),
        3,
        "A",
    ),
    ("rural_one_b", rural(foundation="a", walls="b", roof="a"), 3, "B"),
    ("rural_c_among_b", rural(foundation="b", walls="c", roof="b"), 3, "C"),
    ("rural_d_anywhere", rural(foundation="a", enclosure="d"), 3, "D"),
    ("rural_only_roof", rural(roof="c"), 3, "C"),
    # the rebuild area cap by household size (Hainan 2018)
    *[(f"area_cap_{n}_persons", rural(walls="d"), n, "D") for n in (1, 2, 3, 4, 5, 7)],
    ("area_cap_unknown_household", rural(walls="d"), None, "D"),
]


CASE_IDS = [case[0] for case in CASES]


def server_compute(data, household_size):
    return assess_housing(data, household_size=household_size)


@pytest.fixture(scope="module")
def housing_page(browser, live_server, live_app):
    """One logged-in page on the housing form, shared by the parity vectors."""
    from fieldapp.services.accounts import create_user

    with live_app.app_context():
        create_user("parity-housing", "parity-pass-123", "inspector", ["469006100"])
    context = browser.new_context(base_url=live_server, locale="zh-CN")
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", "parity-housing")
    page.fill("#password", "parity-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    page.goto("/surveys/housing_inspection/new")
    yield page
    context.close()


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


@pytest.mark.parametrize(("name", "data", "size", "grade"), CASES, ids=CASE_IDS)
def test_housing_preview_matches_server(housing_page, name, data, size, grade):
    expected = server_compute(data, size)
    assert expected["grade"] == grade
    assert js_compute(housing_page, data, size) == expected


@pytest.mark.parametrize(("name", "data", "size", "grade"), CASES, ids=CASE_IDS)
def test_vectors_are_bodies_the_form_accepts(live_app, name, data, size, grade):
    """Each vector is a record body a worker could submit, stored unchanged."""
    with live_app.test_request_context():
        form = HousingDataForm(formdata=MultiDict(flatten(data)))
        assert form.validate(), form.errors
        assert jsonable(prune(form.data)) == data


def test_domain_examples_read_as_domain_says(housing_page):
    got = js_compute(housing_page, brick_house(walls=1), 1)
    assert got["ratio"] == 0.0431 and got["storey_ratios"] == [0.078]
    assert got["storey_grades"] == ["C_u"] and got["grade"] == "B"
    tie = js_compute(housing_page, jgj(m(32, 3), {"slab": m(32, 1)}), 1)
    assert tie["storey_ratios"] == [0.0312] and tie["foundation_ratio"] == 0.0938


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
    expected = server_compute(stored, 2)
    assert expected["grade"] == "D"  # 2 layers; counted blanks would make it C
    with_blanks = {**data, "storeys": [*data["storeys"], {}, {}]}
    assert js_compute(housing_page, with_blanks, 2) == expected


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({}, "unknown_method"),
        ({**RURAL, "method": "guess"}, "unknown_method"),
        (rural(), "no_components"),
        (rural(walls="e"), "component_grade"),
        ({**JGJ, "foundation": m(8)}, "no_storeys"),
        ({**JGJ, "foundation": m(8), "storeys": [{}]}, "no_storeys"),
        ({**JGJ, "storeys": [{"wall": m(10)}]}, "no_foundation"),
        (jgj(m(8), {"wall": {"dangerous": 1}}), "total_required"),
        (jgj(m(8), {"wall": m(10, 11)}), "dangerous_exceeds_total"),
        (jgj(m(8, 9), {"wall": m(10)}), "dangerous_exceeds_total"),
        (jgj(m(8), {"wall": m(-1)}), "negative_count"),
        (jgj(m(8), {"chimney": m(2)}), "unknown_member"),
    ],
)
def test_incomplete_input_shows_no_result_and_the_server_refuses(
    housing_page, live_app, data, code
):
    assert js_compute(housing_page, data, 3) == {"error": code}
    with live_app.test_request_context():
        form = HousingDataForm(formdata=MultiDict(flatten(data)))
        if form.validate():
            with pytest.raises(HousingError):
                server_compute(jsonable(prune(form.data)), 3)


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
    assert grade.text_content() == "—"
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
    assert grade.text_content() == "D级(整幢危房)"
    assert page.text_content("[data-out=renovation_mode]") == "拆除重建"
    assert page.text_content("[data-housing-out=area_cap_m2]") == "20–30 m²"

    page.locator(
        "label.choice:has(input[name='data-method'][value='jgj125_2016'])"
    ).tap()
    assert jgj_section.is_visible()
    assert page.locator("[data-method-section=rural_2019]").is_hidden()
    assert grade.text_content() == "—"
    page.fill("input[name='data-floors']", "4")  # one more than the page rendered
    assert page.locator("[data-storey]:visible").count() == 4
    assert page.locator("#data-storeys-3-slab-total").is_enabled()
    assert page.locator("[data-storey='3'] legend").text_content() == "第 4 层"
    page.fill("input[name='data-floors']", "2")
    assert page.locator("[data-storey]:visible").count() == 2
    assert page.locator("#data-storeys-2-slab-total").is_disabled()
    page.fill("#data-foundation-total", "4")
    page.fill("#data-storeys-0-slab-total", "4")
    page.fill("#data-storeys-0-slab-dangerous", "1")
    assert grade.text_content() == "D级(整幢危房)"  # one D_u storey over 2 layers
    page.fill("#data-storeys-1-slab-total", "4")
    assert grade.text_content() == "C级(局部危房)"  # now 1 D_u over 3 layers
    assert page.text_content("[data-housing-out=ratio]") == "4.55 %"
    assert page.text_content("[data-out=storey_grades]") == "D_u;A_u"

    submit_and_open_record(page, page.locator("#survey-form button[type=submit]").tap)
    assert page.get_attribute("[data-grade]", "data-grade") == "C"
