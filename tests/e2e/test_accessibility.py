"""axe-core (WCAG 2.0/2.1 A and AA) finds no serious or critical problem on any page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from fieldapp.domain.barthel import BARTHEL_ITEMS
from tests.e2e.conftest import LIVE_USER_SEQ, PASSWORD
from tests.e2e.helpers import (
    fill_barthel,
    log_in,
    open_respite_form,
    submit_and_open_record,
    submit_form,
)

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def serious_violations(page) -> list[str]:
    """Serious and critical violations on the page as it is now, one line each.
    axe is evaluated, not added as a <script>: the pages' CSP refuses inline scripts."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def check(page, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert serious_violations(page) == [], path


@pytest.fixture
def user(live_app):
    """Create a user of a role in 万城镇; returns the username."""
    from fieldapp.services.accounts import create_user

    made = []

    def make(role):
        with live_app.app_context():
            name = f"axe-{role}-{next(LIVE_USER_SEQ)}"
            create_user(name, PASSWORD, role, [] if role == "admin" else ["469006100"])
        made.append(name)
        return name

    return make


def test_the_check_finds_a_real_problem(fresh_phone):
    page = fresh_phone.context.new_page()
    page.goto("/login")
    page.evaluate(
        "document.querySelector('main').append(document.createElement('button'))"
    )
    assert any(v.startswith("button-name") for v in serious_violations(page))


def test_login_page(fresh_phone):
    check(fresh_phone.context.new_page(), "/login")


def test_rehab_worker_pages(fresh_phone, worker):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    for path in (
        "/",
        f"/households/{worker.household}",
        "/households/new",
        f"/households/{worker.household}/edit",
        f"/surveys/respite_assessment/new?household={worker.household}",
        f"/surveys/device_fitting/new?household={worker.household}",
    ):
        check(page, path)
    open_respite_form(page, worker)
    fill_barthel(page, {item: scores[0] for item, scores in BARTHEL_ITEMS.items()})
    submit_and_open_record(page, lambda: submit_form(page, worker))
    assert serious_violations(page) == [], page.url


def test_inspector_forms(fresh_phone, worker, user):
    page = fresh_phone.context.new_page()
    log_in(page, user("inspector"))
    for kind in ("housing_inspection", "accessibility_assessment"):
        check(page, f"/surveys/{kind}/new?household={worker.household}")


def test_admin_pages(fresh_phone, user):
    page = fresh_phone.context.new_page()
    log_in(page, user("admin"))
    check(page, "/admin/users")


def test_record_page_and_outbox_states(fresh_phone, worker):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    open_respite_form(page, worker)
    fill_barthel(page, {"feeding": 5})  # the other items missing: the server refuses
    submit_form(page, worker)
    expect(page.locator("#outbox-status")).to_have_attribute("data-attention", "1")
    page.locator(".outbox-details summary").click()
    assert serious_violations(page) == []
    page.locator("#household-pending a", has_text="修改").click()
    expect(page.locator(".js-error-summary")).to_be_visible()
    assert serious_violations(page) == []


def test_offline_pages(fresh_phone, worker):
    from tests.e2e.helpers import wait_until_offline_ready

    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    fresh_phone.go_offline()
    page.goto(f"/households/{worker.household}?offline")
    expect(page.locator("[data-offline-household]")).to_be_visible()
    assert serious_violations(page) == []
    page.goto("/admin/users")
    expect(page.locator("[data-offline-message]")).to_be_visible()
    assert serious_violations(page) == []


def test_review_pages_and_returned_records(fresh_phone, live_app, worker, user):
    from tests.e2e.review_data import decide, store_respite

    first = store_respite(live_app, worker.username, worker.household, worker.head)
    second = store_respite(live_app, worker.username, worker.household, worker.head)
    boss = user("supervisor")
    decide(live_app, second, boss, "return", "主要照料人姓名写错了")
    page = fresh_phone.context.new_page()
    log_in(page, boss)
    for path in (f"/review?author={worker.username}", f"/review/{first}"):
        check(page, path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.click("[data-decision=return]")
    expect(page.locator("#review-comment-error")).to_be_visible()
    assert serious_violations(page) == []
    check(page, f"/records/{second}")
    page.context.clear_cookies()

    log_in(page, worker.username)
    expect(page.locator("#returned")).to_have_attribute("data-count", "1")
    assert serious_violations(page) == []
    check(page, f"/records/{second}/edit")
    expect(page.locator("[data-review-comment]")).to_have_attribute("data-named", "1")
    assert serious_violations(page) == []


def test_a_long_unbroken_address_does_not_widen_a_phone_page(
    fresh_phone, live_app, worker
):
    """Chinese wraps anywhere; 200 Latin letters or digits in one word made the
    household page 2,000 px wide at 360."""
    from fieldapp.extensions import db
    from fieldapp.models import Household

    with live_app.app_context():
        home = db.session.scalars(
            db.select(Household).where(Household.uuid == worker.household)
        ).one()
        home.address = "Room" + "1234567890" * 19  # 194 of the 200 allowed
        db.session.commit()
        db.session.remove()
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    page.goto(f"/households/{worker.household}")
    expect(page.locator("main")).to_contain_text("Room12345")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
