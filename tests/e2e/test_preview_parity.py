"""The phone's live preview computes exactly what the server's rules compute: every
kind's JS port, run in Debian chromium, gives the answers of the shared vectors
(tests/vectors/<kind>.json) that tests/unit/ hold the Python rules to."""

import pytest

from fieldapp.registry import KINDS
from tests import rule_vectors as rv

pytestmark = pytest.mark.e2e

# How each vector section calls the page's JS: the module (a kind's own preview
# module, from the registry, or the JGJ 125 helper it imports) and the call, with
# `args`, `context` and the page's `config` (the vector's settings laid over it).
JGJ125 = "/static/js/surveys/jgj125.js"
CALLS = {
    "compute": (None, "m.compute(args.data, context, config)"),
    "barthel_total": (None, "m.barthelTotal(args[0], config.barthel)"),
    "dependency": (None, "m.dependency(args[0], config.respite.dependency_floors)"),
    "care_level": (None, "m.careLevel(args[0], config.respite.care_levels)"),
    "eligibility": (None, "m.eligibility(...args, config.eligibility)"),
    "ramp_check": (
        None,
        "m.rampCheck(args[0], args[1], args[2], config.accessibility)",
    ),
    "ramp_plan": (None, "m.rampPlan(args[0], args[1], config.accessibility)"),
    "add_months": (None, "iso(m.addMonths(day(args[0]), args[1]))"),
    "add_years": (None, "iso(m.addYears(day(args[0]), args[1]))"),
    "next_followup_due": (
        None,
        "iso(m.nextFollowupDue(day(args[0]), args[1].map(day),"
        " config.devices.followup_months))",
    ),
    "grade_rural_2019": (None, "m.gradeRural2019(...args, config.housing)"),
    "rebuild_area_cap": (None, "m.rebuildAreaCap(args[0], config.housing)"),
    "renovation_mode": (None, "m.renovationMode(...args, config.housing)"),
    "method_flags": (None, "m.methodFlags(args[0], config.housing)"),
    "area_cap": (None, "m.areaCap(args[0], args[1], config.renovation)"),
    "layer_grade": (JGJ125, "m.layerGrade(ratio(args[0]), config.housing)"),
    "building_grade": (
        JGJ125,
        "m.buildingGrade(ratio(args[0]), args[1], config.housing)",
    ),
    "assess_jgj125": (JGJ125, "m.assessJgj125(...args, config.housing)"),
    "service_active": (None, "m.serviceActive(...args)"),
}
CALL_JS = """async ([url, settings, args, context]) => {
    const m = await import(url);
    const jgj = await import('%(jgj)s');
    const config = JSON.parse(document.getElementById('survey-config').textContent);
    for (const [section, values] of Object.entries(settings)) {
        config[section] = {...config[section], ...values};
    }
    const day = (s) => s ? {
        year: +s.slice(0, 4), month: +s.slice(5, 7), day: +s.slice(8, 10),
    } : null;
    const pad = (n, w) => String(n).padStart(w, '0');
    const iso = (d) => d && `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
    const ratio = (r) => Array.isArray(r) ? r.map(BigInt) : jgj.exact(r);
    try {
        return {ok: %(call)s};
    } catch (err) {
        return {error: {code: err.code || String(err), field: err.field ?? null}};
    }
}"""


def js_context(context: dict) -> dict:
    """A vector's context as the preview's surveyContext() names it."""
    names = {
        "household_size": "householdSize",
        "captured_on": "capturedOn",
        "poverty_status": "povertyStatus",
    }
    return {names.get(key, key): value for key, value in context.items()}


def vector_params() -> list:
    """(kind, section, case) for every case of every kind's vector file."""
    return [
        pytest.param(kind, section, case, id=f"{kind}-{section}-{case['name']}")
        for kind in KINDS
        for section, cases in rv.load(kind).items()
        if isinstance(cases, list)
        for case in cases
    ]


@pytest.fixture(scope="module")
def survey_page(browser, live_server, live_app):
    """One logged-in page whose config holds every kind's preview settings."""
    from fieldapp.services.accounts import create_user

    with live_app.app_context():
        create_user("parity-admin", "parity-pass-123", "admin", [])
    context = browser.new_context(base_url=live_server, locale="zh-CN")
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", "parity-admin")
    page.fill("#password", "parity-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    page.goto("/surveys/housing_inspection/new")
    yield page
    context.close()


def run_js(page, kind: str, section: str, case: dict) -> dict:
    """The page's answer to a vector: {"ok": value} or {"error": {code, field}}."""
    module, call = CALLS[section]
    url = module or "/static/" + KINDS[kind].preview_module
    settings = rv.settings(rv.load(kind), case)
    script = CALL_JS % {"jgj": JGJ125, "call": call}
    args = case.get("args") or {"data": case.get("data")}
    return page.evaluate(
        script, [url, settings, args, js_context(case.get("context", {}))]
    )


@pytest.mark.parametrize(("kind", "section", "case"), vector_params())
def test_preview_gives_the_shared_vectors_answer(survey_page, kind, section, case):
    got = run_js(survey_page, kind, section, case)
    assert rv.strict(got) == rv.strict(rv.expected(case, twin="preview"))


def test_every_vector_section_has_a_js_call():
    sections = {
        section for _kind, section, _case in (p.values for p in vector_params())
    }
    assert sections == set(CALLS)


def test_live_respite_preview_updates_as_the_worker_taps(page, live_user, logged_in):
    from fieldapp.domain.barthel import BARTHEL_ITEMS

    logged_in(*live_user("rehab_worker"))
    page.goto("/surveys/respite_assessment/new")
    for item in BARTHEL_ITEMS:
        page.check(f"input[name='data-barthel-{item}'][value='5']")
    assert page.text_content("[data-out=barthel_total]") == "50"
    assert page.text_content("[data-out=dependency]") == "中度依赖"
