"""Steps the browser tests share: log in, wait until the phone is ready offline."""

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from fieldapp.extensions import db
from tests.e2e.conftest import PASSWORD


def log_in(page: Page, username: str) -> None:
    """Log in through the form (remember me stays ticked, as on a phone)."""
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/")


def wait_until_offline_ready(page: Page) -> None:
    """The worker controls the page, the pages are kept and the households cached."""
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    expect(page.locator("#outbox-status")).to_have_attribute("data-offline-ready", "1")


def expect_pending(page: Page, count: int) -> None:
    """The status bar shows `count` items waiting to be sent."""
    expect(page.locator("#outbox-status")).to_have_attribute("data-pending", str(count))


def count_rows(app, model, **filters) -> int:
    """Rows of `model` in the live app's database matching equality filters."""
    with app.app_context():
        stmt = select(func.count()).select_from(model).filter_by(**filters)
        found = db.session.scalar(stmt)
        db.session.remove()
        return found
