"""A record returned while the phone is offline reaches the worker once the phone
is online, is corrected offline, survives a reload, is sent once and leaves the list."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import (
    expect_pending,
    log_in,
    wait_for_draft,
    wait_until_offline_ready,
)
from tests.e2e.review_data import correct_on_server, decide, store_respite, stored

COMMENT = "主要照料人姓名写错了,请核对。"


def returned_on_the_phone(phone, live_app, live_user, worker):
    """A respite assessment of the worker's, returned by a supervisor, kept on
    the phone the worker has logged in on: (uuid, page, supervisor)."""
    boss, _password = live_user("supervisor")
    uuid = store_respite(live_app, worker.username, worker.household, worker.head)
    decide(live_app, uuid, boss, "return", COMMENT)
    page = phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    expect(page.locator("#returned")).to_have_attribute("data-kept", "1")
    return uuid, page, boss


def test_returned_record_is_corrected_offline_and_sent_once(
    kept_phone, live_app, live_user, worker
):
    boss, _password = live_user("supervisor")
    uuid = store_respite(live_app, worker.username, worker.household, worker.head)
    page = kept_phone.open().new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    returned = page.locator("#returned")
    expect(returned).to_be_hidden()

    kept_phone.go_offline()
    decide(live_app, uuid, boss, "return", COMMENT)
    page.reload()
    expect(returned).to_be_hidden()

    kept_phone.go_online()
    expect(returned).to_have_attribute("data-count", "1")
    expect(returned).to_contain_text(COMMENT)
    expect(returned).to_contain_text("托养评估 · 符春花")
    expect(page.locator("#outbox-status")).to_contain_text("1 条记录被退回")
    expect(page).to_have_title(re.compile(r"^\(1\) "))
    expect(returned).to_have_attribute("data-kept", "1")

    kept_phone.go_offline()
    page.click(f"#returned a[data-uuid='{uuid}']")
    page.wait_for_url(f"**/records/{uuid}/edit")
    form = page.locator("#survey-form")
    expect(form).to_have_attribute("data-outbox-ready", "1")
    banner = page.locator("[data-review-comment]")
    expect(banner).to_contain_text(COMMENT)
    expect(banner).to_have_attribute("data-named", "1")
    # The stored position has no time of its own: no empty brackets after it.
    expect(page.locator("[data-geo-status]")).to_have_text("已记录位置:±9 米")
    caregiver = page.locator("[name='data-caregiver']")
    expect(caregiver).to_have_value("王小红")
    banner.get_by_role("button", name="主要照料人").click()
    expect(caregiver).to_be_focused()
    caregiver.fill("王晓红")
    wait_for_draft(page, "field('data-caregiver') === '王晓红'")

    page.reload()
    expect(form).to_have_attribute("data-outbox-ready", "1")
    expect(caregiver).to_have_value("王晓红")
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{worker.household}")
    expect_pending(page, 1)
    assert stored(live_app, uuid)[:2] == ("returned", 1)

    page.goto("/")
    expect(returned).to_contain_text("已修改,等待发送")
    kept_phone.go_online()
    expect_pending(page, 0)
    expect(returned).to_be_hidden()
    expect(page.locator("#outbox-status")).to_have_attribute("data-returned", "0")
    expect(page).not_to_have_title(re.compile(r"^\(\d+\) "))
    status, version, data, versions = stored(live_app, uuid)
    assert (status, version, versions) == ("submitted", 2, 2)
    assert data["caregiver"] == "王晓红"

    page.reload()
    expect(page.locator("#outbox-status")).to_have_attribute("data-returned", "0")
    expect(returned).to_be_hidden()


def test_a_returned_record_corrected_twice_offline_keeps_both_corrections(
    fresh_phone, live_app, live_user, worker
):
    """The second edit once opened the server's copy (without the first
    correction) and was sent on the old version: a 409 against oneself, whose
    'my version' would have undone the first correction."""
    uuid, page, _boss = returned_on_the_phone(fresh_phone, live_app, live_user, worker)

    fresh_phone.go_offline()
    for field, value in (("caregiver", "王晓红"), ("notes", "第二次修改")):
        page.goto(f"/records/{uuid}/edit")
        form = page.locator("#survey-form")
        expect(form).to_have_attribute("data-outbox-ready", "1")
        if field == "notes":  # the second edit starts from the first
            expect(page.locator("[data-queued-correction]")).to_be_visible()
            expect(page.locator("[name='data-caregiver']")).to_have_value("王晓红")
        page.fill(f"[name='data-{field}']", value)
        if field == "notes":  # a reload keeps what the draft was based on
            wait_for_draft(page, "field('data-notes') === '第二次修改'")
            page.reload()
            expect(form).to_have_attribute("data-outbox-ready", "1")
            expect(page.locator("[name='data-notes']")).to_have_value("第二次修改")
        page.click("#survey-form button[type=submit]")
        page.wait_for_url(f"**/households/{worker.household}")
    expect_pending(page, 2)

    fresh_phone.go_online()
    expect_pending(page, 0)
    expect(page.locator("#outbox-status")).to_have_attribute("data-unsent", "0")
    status, version, data, versions = stored(live_app, uuid)
    assert (status, version, versions) == ("submitted", 3, 3)
    assert (data["caregiver"], data["notes"]) == ("王晓红", "第二次修改")


def test_a_reopen_meanwhile_shows_both_versions_and_loses_nothing(
    fresh_phone, live_app, live_user, worker
):
    uuid, page, boss = returned_on_the_phone(fresh_phone, live_app, live_user, worker)
    returned = page.locator("#returned")

    fresh_phone.go_offline()
    page.click(f"#returned a[data-uuid='{uuid}']")
    expect(page.locator("#survey-form")).to_have_attribute("data-outbox-ready", "1")
    page.fill("[name='data-caregiver']", "手机上改的")
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{worker.household}")
    correct_on_server(live_app, uuid, worker.username, caregiver="电脑上改的")
    decide(live_app, uuid, boss, "approve")
    decide(live_app, uuid, boss, "reopen", "再核对一次")

    fresh_phone.go_online()
    item = page.locator("#household-pending li[data-state='conflict']")
    expect(item).to_contain_text("与服务器版本冲突")
    item.locator("summary").click()
    row = item.locator("table.versions tr:has(th[data-field='data-caregiver'])")
    expect(row.locator("th")).to_have_text("主要照料人")
    expect(row).to_contain_text("手机上改的")
    expect(row).to_contain_text("电脑上改的")
    status, version, data, _versions = stored(live_app, uuid)
    assert (status, version, data["caregiver"]) == ("returned", 2, "电脑上改的")

    page.goto("/")
    expect(returned).to_contain_text("再核对一次")
    expect(returned).to_contain_text("冲突")
    page.locator(".outbox-details > summary").click()
    conflict = page.locator("#outbox-status li[data-state='conflict']")
    conflict.locator("summary").click()
    conflict.get_by_role("button", name="以我的版本为准重新提交").click()
    expect(returned).to_be_hidden()
    status, version, data, _versions = stored(live_app, uuid)
    assert (status, version, data["caregiver"]) == ("submitted", 3, "手机上改的")
