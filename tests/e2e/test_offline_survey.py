"""A worker loses signal mid-visit, fills a respite assessment with a photo, closes
the browser, and the record reaches the server exactly once, photo included."""

import re

import pytest
from playwright.sync_api import expect

from fieldapp.domain.barthel import BARTHEL_ITEMS
from fieldapp.models import Household, Photo, Record
from tests.e2e.conftest import new_worker
from tests.e2e.helpers import (
    count_rows,
    expect_pending,
    fill_barthel,
    log_in,
    photo_file,
    wait_for_draft,
    wait_until_offline_ready,
)

# The test reaches its household through the start page, whose first page shows
# 20 households of the worker's towns: a town no other browser test fills keeps
# this one on it however many households the other tests add to 万城镇.
OWN_TOWN = "469006105"


@pytest.fixture
def worker(live_app):
    """A worker and household of their own town (overrides conftest's)."""
    return new_worker(live_app, OWN_TOWN)


FIRST_HALF = {item: BARTHEL_ITEMS[item][-1] for item in list(BARTHEL_ITEMS)[:5]}
SECOND_HALF = {item: BARTHEL_ITEMS[item][0] for item in list(BARTHEL_ITEMS)[5:]}


def open_form_offline(page, worker):
    """Start page → household → 托养评估 for the head of household, all from cache."""
    page.goto("/")
    page.click(f"#household-list a[data-uuid='{worker.household}']")
    page.wait_for_url(f"**/households/{worker.household}")
    page.click(
        f"[data-offline-surveys] a[href*='respite_assessment'][href*='{worker.head}']"
    )
    page.wait_for_url(re.compile(r"/surveys/respite_assessment/new\?"))
    expect(page.locator("#survey-form")).to_have_attribute("data-outbox-ready", "1")


def household_id(app, uuid):
    with app.app_context():
        from fieldapp.extensions import db

        found = db.session.query(Household.id).filter_by(uuid=uuid).scalar()
        db.session.remove()
        return found


def test_survey_filled_offline_survives_reload_and_restarts_and_is_stored_once(
    kept_phone, live_app, worker, tmp_path
):
    page = kept_phone.open().new_page()
    log_in(page, worker.username, remember=True)
    wait_until_offline_ready(page)

    kept_phone.go_offline()
    page.reload()
    open_form_offline(page, worker)
    expect(page.locator("#person_uuid")).to_have_value(worker.head)
    expect(page.locator("[data-geo]")).to_have_attribute("data-geo-state", "accepted")
    fill_barthel(page, FIRST_HALF)
    page.set_input_files("input[data-photo]", photo_file(tmp_path))
    expect(page.locator("[data-photo-list]")).to_have_attribute("data-count", "1")
    wait_for_draft(page, "d.photos.length === 1 && field('data-barthel-bowels') == 10")

    page.reload()
    expect(
        page.locator("input[name='data-barthel-feeding'][value='10']")
    ).to_be_checked()
    expect(page.locator("[data-photo-list]")).to_have_attribute("data-count", "1")

    kept_phone.close()
    page = kept_phone.open(offline=True).new_page()
    open_form_offline(page, worker)
    expect(
        page.locator("input[name='data-barthel-bowels'][value='10']")
    ).to_be_checked()
    expect(page.locator("[data-photo-list]")).to_have_attribute("data-count", "1")
    fill_barthel(page, SECOND_HALF)
    page.select_option("[name='data-mode_requested']", "home")
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{worker.household}")
    # No signal: the note says it waits for one, not that it is sending.
    expect(page.locator("[data-flash-saved]")).to_contain_text("有信号后会自动发送")
    expect_pending(page, 2)

    page.reload()
    expect_pending(page, 2)
    kept_phone.close()
    page = kept_phone.open(offline=True).new_page()
    page.goto("/")
    expect_pending(page, 2)

    kept_phone.go_online()
    expect_pending(page, 0)
    expect(page.locator("#outbox-status")).to_have_attribute("data-unsent", "0")
    home = household_id(live_app, worker.household)
    assert count_rows(live_app, Record, household_id=home) == 1
    with live_app.app_context():
        from fieldapp.extensions import db

        record = db.session.query(Record).filter_by(household_id=home).one()
        assert record.data["barthel"] == {**FIRST_HALF, **SECOND_HALF}
        assert record.person.uuid == worker.head
        assert record.accuracy_m == 8.0
        photos = db.session.query(Photo).filter_by(record_id=record.id).all()
        assert [(p.width, p.height) for p in photos] == [(1600, 1067)]
        db.session.remove()
