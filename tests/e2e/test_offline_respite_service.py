"""A rehabilitation worker out of signal records the respite care an eligible
person now receives: the assessment comes from the phone's copy of the
household, the preview says the care is active today, and the record reaches
the server once when the signal is back."""

import re

import pytest
from playwright.sync_api import expect

from fieldapp.models import Household, Record
from tests.e2e.helpers import (
    count_rows,
    expect_pending,
    log_in,
    wait_until_offline_ready,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def eligible(live_app, worker):
    """An eligible respite assessment of the head, stored before the visit."""
    from fieldapp.extensions import db
    from tests.report_factories import make_record

    with live_app.app_context():
        household = db.session.query(Household).filter_by(uuid=worker.household).one()
        head = next(p for p in household.members if p.uuid == worker.head)
        computed = {"eligible": True, "care_level": 2, "dependency": "moderate"}
        record = make_record(
            household, "respite_assessment", {}, computed=computed, person=head
        )
        uuid = record.uuid
        db.session.remove()
    return uuid


def test_respite_service_filled_offline_is_synced_once(
    fresh_phone, live_app, worker, eligible
):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)

    fresh_phone.go_offline()
    page.goto("/")
    page.click(f"#household-list a[data-uuid='{worker.household}']")
    page.wait_for_url(f"**/households/{worker.household}")
    page.click(
        f"[data-offline-surveys] a[href*='respite_service'][href*='{worker.head}']"
    )
    page.wait_for_url(re.compile(r"/surveys/respite_service/new\?"))
    form = page.locator("#survey-form")
    expect(form).to_have_attribute("data-outbox-ready", "1")
    expect(page.locator("#person_uuid")).to_have_value(worker.head)

    option = page.locator(f"[data-assessment-select] option[value='{eligible}']")
    expect(option).to_have_count(1)
    page.select_option("[data-assessment-select]", eligible)
    page.select_option("[name='data-mode']", "day")
    page.fill("[name='data-provider']", "万城镇日间照料中心")
    page.fill("[name='data-started_on']", "2026-01-05")
    page.fill("[name='data-monthly_subsidy']", "500")
    preview = page.locator("[data-preview] [data-out='active']")
    expect(preview).to_have_text("是")
    expect(page.locator("[data-preview] [data-out='care_level']")).to_have_text("2")

    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{worker.household}")
    expect_pending(page, 1)

    fresh_phone.go_online()
    expect_pending(page, 0)
    expect(page.locator("#outbox-status")).to_have_attribute("data-unsent", "0")
    assert count_rows(live_app, Record, kind="respite_service") == 1
    with live_app.app_context():
        from fieldapp.extensions import db

        record = db.session.query(Record).filter_by(kind="respite_service").one()
        assert record.data["assessment_uuid"] == eligible
        assert record.data["mode"] == "day"
        assert record.data["monthly_subsidy"] == 500.0
        assert record.person.uuid == worker.head
        assert record.computed["active"] is True
        db.session.remove()
