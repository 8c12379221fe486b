"""No page breaks its Content-Security-Policy: every script is a file, nothing
inline, no eval; the service worker and the offline pages still work under it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LIVE_USER_SEQ, PASSWORD
from tests.e2e.helpers import log_in, wait_until_offline_ready

# Runs before any page script (an init script is not subject to the page's CSP).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def phone(fresh_phone):
    """A phone page that records every CSP violation of every page it opens."""
    fresh_phone.context.add_init_script(RECORD_VIOLATIONS)
    page = fresh_phone.context.new_page()
    refused = []
    page.on(
        "console",
        lambda msg: (
            refused.append(msg.text) if "Content Security" in msg.text else None
        ),
    )
    page.refused = refused
    return page


def violations(page) -> list[str]:
    """What the page's policy blocked so far, from the event and the console."""
    return page.evaluate("window.__csp") + page.refused


def visit(page, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert violations(page) == [], path


@pytest.fixture
def staff(live_app):
    """A user of a role in 万城镇 (admins city-wide); returns the username."""
    from fieldapp.services.accounts import create_user

    def make(role):
        with live_app.app_context():
            name = f"csp-{role}-{next(LIVE_USER_SEQ)}"
            towns = [] if role == "admin" else ["469006100"]
            create_user(name, PASSWORD, role, towns)
        return name

    return make


def test_the_policy_blocks_an_injected_inline_script(phone):
    phone.goto("/login")
    phone.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.append(script);
        }"""
    )
    phone.wait_for_function("() => window.__csp.length > 0")
    assert phone.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in violations(phone))


def test_field_worker_pages_run_under_the_policy(phone, worker):
    visit(phone, "/login")
    log_in(phone, worker.username)
    wait_until_offline_ready(phone)
    for path in (
        "/",
        f"/households/{worker.household}",
        "/households/new",
        f"/households/{worker.household}/edit",
        f"/surveys/respite_assessment/new?household={worker.household}",
        f"/surveys/device_fitting/new?household={worker.household}",
        "/offline",
    ):
        visit(phone, path)
    expect(phone.locator("#survey-form, #outbox-status").first).to_be_attached()


def test_inspector_forms_and_their_previews_run_under_the_policy(phone, worker, staff):
    log_in(phone, staff("inspector"))
    for kind in ("housing_inspection", "accessibility_assessment"):
        visit(phone, f"/surveys/{kind}/new?household={worker.household}")
        expect(phone.locator("#survey-form")).to_have_attribute(
            "data-outbox-ready", "1"
        )
        assert violations(phone) == []


def test_office_pages_and_the_case_file_preview_run_under_the_policy(
    phone, worker, staff
):
    log_in(phone, staff("supervisor"))
    visit(phone, f"/households/{worker.household}/casefile")
    warning = phone.evaluate(
        "getComputedStyle(document.querySelector('.cover .secret')).color"
    )
    assert warning == "rgb(160, 0, 0)"  # the <style> with the nonce applied
    visit(phone, "/print")


def test_admin_pages_run_under_the_policy(phone, staff):
    log_in(phone, staff("admin"))
    visit(phone, "/admin/users")
    visit(phone, "/admin/users/new")
