"""The supervisor's queue in a desk browser: approve (by keyboard), return with a
common comment, and a record changed while it was open."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.review_data import (
    correct_on_server,
    last_comment,
    store_respite,
    stored,
)
from tests.e2e.test_accessibility import serious_violations

DESK = {"width": 1280, "height": 800}


@pytest.fixture
def desk(browser, live_server, live_user):
    """A supervisor of 万城镇 logged in on a desk-sized browser."""
    username, password = live_user("supervisor")
    context = browser.new_context(base_url=live_server, viewport=DESK, locale="zh-CN")
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("form button[type=submit]")
    page.wait_for_url("**/")
    yield page
    context.close()


def test_supervisor_approves_returns_and_meets_a_changed_record(desk, live_app, worker):
    uuids = [
        store_respite(live_app, worker.username, worker.household, worker.head)
        for _ in range(3)
    ]
    page = desk
    page.goto(f"/review?author={worker.username}")
    rows = page.locator("#review-queue a.queue-row")
    expect(rows).to_have_count(3)
    assert [rows.nth(i).get_attribute("data-uuid") for i in range(3)] == uuids
    expect(rows.first).to_contain_text("Barthel 总分: 55")
    assert serious_violations(page) == []

    rows.first.click()
    expect(page.locator("#review-form")).to_have_attribute("data-review-ready", "1")
    expect(page.locator(".review-changes")).to_contain_text("首次提交")
    assert serious_violations(page) == []
    page.keyboard.press("a")
    page.wait_for_url(re.compile(rf"/review/{uuids[1]}\?author="))
    expect(page.locator(".flash-success")).to_contain_text("已通过")

    page.click("[data-decision=return]")
    expect(page.locator("#review-comment-error")).to_contain_text("退回时请写明")
    expect(page.locator("#review-form")).to_have_attribute("data-review-ready", "1")
    chip = page.locator("[data-comment]").first
    common = chip.inner_text()
    chip.click()
    expect(page.locator("#review-comment")).to_have_value(common)
    page.click("[data-decision=return]")
    page.wait_for_url(re.compile(rf"/review/{uuids[2]}\?author="))

    correct_on_server(live_app, uuids[2], worker.username, caregiver="李秀英")
    page.click("[data-decision=approve]")
    expect(page.locator(".review-changes h2")).to_contain_text("您看到第 1 版后的改动")
    expect(page.locator("table.changes")).to_contain_text("李秀英")
    expect(page.locator("input[name=version]")).to_have_value("2")
    assert stored(live_app, uuids[2])[:2] == ("submitted", 2)
    page.click("[data-decision=approve]")
    page.wait_for_url(re.compile(r"/review\?author="))
    expect(page.locator("#review-queue")).to_contain_text("没有待审核的记录")

    assert [stored(live_app, u)[:2] for u in uuids] == [
        ("approved", 1),
        ("returned", 1),
        ("approved", 2),
    ]
    assert last_comment(live_app, uuids[1]) == common
