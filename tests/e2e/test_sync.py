"""The outbox never loses or duplicates a record: server errors, lost answers,
refused fields, an expired login, and a drain by the service worker alone."""

from playwright.sync_api import expect

from fieldapp.domain.barthel import BARTHEL_ITEMS
from tests.e2e.helpers import (
    expect_pending,
    fill_barthel,
    log_in,
    open_respite_form,
    records_of,
    submit_form,
    wait_until_offline_ready,
)

SCORES = {item: scores[1] for item, scores in BARTHEL_ITEMS.items()}


def fill_and_submit(page, worker, scores=SCORES):
    open_respite_form(page, worker)
    fill_barthel(page, scores)
    submit_form(page, worker)


def test_server_error_then_success_stores_one_record(fresh_phone, live_app, worker):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    answers = []

    def fail_first(route):
        if route.request.method == "POST" and not answers:
            answers.append(500)
            route.fulfill(status=500, json={"error": "server_error", "message": "boom"})
        else:
            answers.append("server")
            route.continue_()

    fresh_phone.context.route("**/api/v1/records", fail_first)
    fill_and_submit(page, worker)
    expect_pending(page, 0)
    assert answers == [500, "server"]
    assert len(records_of(live_app, worker.household)) == 1


def test_answer_lost_after_the_server_stored_it_is_replayed_once(
    fresh_phone, live_app, worker
):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    statuses = []

    def lose_first_answer(route):
        if route.request.method != "POST":
            return route.continue_()
        if not statuses:
            statuses.append(route.fetch().status)
            return route.abort("connectionreset")
        response = route.fetch()
        statuses.append(response.status)
        return route.fulfill(response=response)

    fresh_phone.context.route("**/api/v1/records", lose_first_answer)
    fill_and_submit(page, worker)
    expect_pending(page, 0)
    assert statuses == [201, 200]
    assert len(records_of(live_app, worker.household)) == 1


def test_refused_field_is_shown_on_the_reopened_form_and_fixed(
    fresh_phone, live_app, worker
):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    unanswered = dict(SCORES)
    del unanswered["stairs"]
    fill_and_submit(page, worker, unanswered)

    status = page.locator("#outbox-status")
    expect(status).to_have_attribute("data-attention", "1")
    item = page.locator("#household-pending li[data-state='needs_fix']")
    expect(item).to_contain_text("需要修改")
    # What to fix is said in the list, in the form's words, and the page no
    # longer says the record is being sent.
    expect(item.locator("[data-field-errors] li")).to_have_text(["上下楼梯:此项必填。"])
    expect(page.locator("[data-flash-saved]")).to_have_count(0)
    item.get_by_role("link", name="修改").click()
    stairs = page.locator("fieldset#data-barthel-stairs")
    expect(stairs).to_have_class("score has-error js-has-error")
    expect(stairs.locator(".js-error")).to_have_text("此项必填。")
    expect(
        page.locator("input[name='data-barthel-feeding'][value='5']")
    ).to_be_checked()

    page.check("input[name='data-barthel-stairs'][value='5']")
    submit_form(page, worker)
    expect(status).to_have_attribute("data-attention", "0")
    expect_pending(page, 0)
    [record] = records_of(live_app, worker.household)
    data = record.data
    assert data["barthel"] == SCORES


def test_expired_login_keeps_the_record_and_asks_to_log_in(
    fresh_phone, live_app, worker
):
    from fieldapp.extensions import db
    from fieldapp.models import User
    from fieldapp.services.accounts import reset_password
    from tests.e2e.conftest import PASSWORD

    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    fresh_phone.go_offline()
    fill_and_submit(page, worker)
    with live_app.app_context():
        user = db.session.query(User).filter_by(username=worker.username).one()
        reset_password(user, PASSWORD)
        db.session.remove()

    fresh_phone.go_online()
    alert = page.locator("[data-outbox-alert]")
    expect(alert).to_contain_text("登录已过期")
    expect_pending(page, 1)
    assert records_of(live_app, worker.household) == []
    alert.get_by_role("link", name="重新登录").click()
    page.fill("#username", worker.username)
    page.fill("#password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"**/households/{worker.household}")
    expect_pending(page, 0)
    assert len(records_of(live_app, worker.household)) == 1


# In the worker (no dynamic import() there): resolve once the outbox is empty,
# after asking the worker itself to drain it; give up after ten seconds.
DRAIN_IN_WORKER_JS = """() => new Promise((resolve, reject) => {
    const count = () => new Promise((done) => {
        const open = indexedDB.open('fieldapp');
        open.onsuccess = () => {
            const store = open.result.transaction('outbox').objectStore('outbox');
            const request = store.count();
            request.onsuccess = () => { open.result.close(); done(request.result); };
        };
    });
    const check = async () => (await count()) === 0 && resolve();
    new BroadcastChannel('fieldapp').onmessage = check;
    setTimeout(() => reject(new Error('outbox not drained')), 10000);
    check();
    self.registration.active.postMessage({ type: 'drain' });
})"""


def test_service_worker_drains_the_outbox_with_no_page_open(
    fresh_phone, live_app, worker
):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    fresh_phone.go_offline()
    fill_and_submit(page, worker)
    expect_pending(page, 1)
    page.goto("about:blank")
    [worker_script] = fresh_phone.context.service_workers
    assert "fieldapp-outbox" in worker_script.evaluate(
        "self.registration.sync.getTags()"
    )

    fresh_phone.go_online()
    # Chromium may fire `sync` by itself now; Playwright cannot make it, so a
    # message to the worker runs the same drain (a second drain finds nothing).
    worker_script.evaluate(DRAIN_IN_WORKER_JS)
    assert len(records_of(live_app, worker.household)) == 1
