"""What the worker sees and can do: conflicts, the logout warning, the safety
download, the position widget, and the day's visiting order."""

import json

from playwright.sync_api import expect

from fieldapp.domain.barthel import BARTHEL_ITEMS
from fieldapp.domain.geo import distance_m, nearest_neighbour_route
from tests.e2e.conftest import WANNING
from tests.e2e.helpers import (
    expect_pending,
    fill_barthel,
    log_in,
    open_respite_form,
    photo_file,
    records_of,
    submit_form,
    wait_until_offline_ready,
)

SCORES = {item: scores[1] for item, scores in BARTHEL_ITEMS.items()}


def stored_record(page, worker) -> str:
    """Fill and send a respite assessment; returns its uuid once stored."""
    open_respite_form(page, worker)
    fill_barthel(page, SCORES)
    submit_form(page, worker)
    expect(page.locator("#outbox-status")).to_have_attribute("data-unsent", "0")
    return page.evaluate(
        "fetch('/api/v1/records?household=' + location.pathname.split('/')[2])"
        ".then((r) => r.json()).then((b) => b.items[0].uuid)"
    )


def test_conflicting_edit_shows_both_versions_and_resubmits_mine(
    fresh_phone, live_app, worker
):
    first = fresh_phone.context.new_page()
    log_in(first, worker.username)
    uuid = stored_record(first, worker)
    second = fresh_phone.context.new_page()
    for page in (first, second):
        page.goto(f"/records/{uuid}/edit")
        expect(page.locator("#survey-form")).to_have_attribute("data-outbox-ready", "1")

    first.check("input[name='data-barthel-feeding'][value='10']")
    second.check("input[name='data-barthel-stairs'][value='10']")
    first.click("#survey-form button[type=submit]")
    first.wait_for_url(f"**/households/{worker.household}")
    second.click("#survey-form button[type=submit]")
    second.wait_for_url(f"**/households/{worker.household}")

    item = second.locator("#household-pending li[data-state='conflict']")
    expect(item).to_contain_text("与服务器版本冲突")
    item.locator("summary").click()
    table = item.locator("table.versions")
    feeding = table.locator("tr:has(th[data-field='data-barthel-feeding'])")
    stairs = table.locator("tr:has(th[data-field='data-barthel-stairs'])")
    expect(feeding).to_contain_text("5")
    expect(stairs).to_contain_text("10")
    # In the form's words: the item's name, not the field's code.
    expect(feeding.locator("th")).to_have_text("进食")
    expect(table).not_to_contain_text("captured_at")  # one time in two zones
    item.get_by_role("button", name="以我的版本为准重新提交").click()
    expect(second.locator("#outbox-status")).to_have_attribute("data-unsent", "0")
    [record] = records_of(live_app, worker.household)
    data = record.data
    assert data["barthel"]["stairs"] == 10 and data["barthel"]["feeding"] == 5


def test_logout_with_unsent_records_warns_and_keeps_them(fresh_phone, worker):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    fresh_phone.context.route(
        "**/api/v1/records", lambda route: route.fulfill(status=503, body="")
    )
    open_respite_form(page, worker)
    fill_barthel(page, SCORES)
    submit_form(page, worker)
    expect_pending(page, 1)

    page.once("dialog", lambda dialog: dialog.dismiss())
    with page.expect_event("dialog") as warning:
        page.click("#logout-form button")
    assert "1 条记录未发送" in warning.value.message
    expect(page.locator("#outbox-status")).to_be_visible()
    assert "/login" not in page.url

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#logout-form button")
    page.wait_for_url("**/login")
    left = page.evaluate(
        "import('/static/js/outbox.js').then(async (m) => (await m.listItems()).length)"
    )
    assert left == 1


KEPT = """async () => {
    const { allHouseholds } = await import('/static/js/households.js');
    const pages = [];
    for (const name of await caches.keys()) {
        if (!name.startsWith('fieldapp-pages-')) continue;
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            pages.push(new URL(request.url).pathname);
        }
    }
    return { households: (await allHouseholds()).length, pages: pages.sort() };
}"""


def test_logout_without_signal_keeps_the_login_and_the_phone_usable(
    fresh_phone, worker
):
    """It once wiped the kept pages, showed the browser's error page and left
    the login open on the server."""
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    kept = page.evaluate(KEPT)
    assert kept["households"] >= 1 and "/" in kept["pages"]

    fresh_phone.go_offline()
    with page.expect_event("dialog") as told:
        page.click("#logout-form button")
    assert "没有网络,无法退出登录" in told.value.message
    told.value.accept()
    assert "/login" not in page.url
    assert page.evaluate(KEPT) == kept
    page.reload()  # the app still opens without signal
    expect(page.locator("#household-list")).to_be_visible()

    fresh_phone.go_online()
    page.click("#logout-form button")
    page.wait_for_url("**/login")
    expect(page.locator("main")).to_contain_text("您已退出登录")
    left = page.evaluate(KEPT)
    # Only the login page the browser has just opened is kept again.
    assert left == {"households": 0, "pages": ["/login"]}
    page.goto("/")  # the login has ended on the server
    page.wait_for_url("**/login?next=/")


def test_unsent_records_download_with_their_photos(fresh_phone, worker, tmp_path):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    fresh_phone.go_offline()
    open_respite_form(page, worker)
    fill_barthel(page, SCORES)
    page.set_input_files("input[data-photo]", photo_file(tmp_path, 800, 600))
    expect(page.locator("[data-photo-list]")).to_have_attribute("data-count", "1")
    submit_form(page, worker)
    page.locator(".outbox-details summary").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="下载未发送记录").click()
    saved = json.loads(download.value.path().read_text(encoding="utf-8"))
    kinds = sorted(item["type"] for item in saved["items"])
    assert kinds == ["photo", "record"]
    [photo] = [item for item in saved["items"] if item["type"] == "photo"]
    assert photo["blob"].startswith("data:image/jpeg;base64,")
    assert saved["user"] == worker.username


def test_poor_position_needs_a_tap_and_a_warning(fresh_phone, worker):
    fresh_phone.context.set_geolocation({**WANNING, "accuracy": 80})
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    open_respite_form(page, worker)
    geo = page.locator("[data-geo]")
    expect(geo).to_have_attribute("data-geo-state", "reading")
    expect(geo).to_contain_text("当前精度 ±80 米")
    expect(geo.locator(".error")).to_contain_text("精度超过 50 米")
    assert page.input_value("[name='location-lat']") == ""
    geo.get_by_role("button", name="精度较差(±80 米),仍然使用").click()
    expect(geo).to_have_attribute("data-geo-state", "accepted")
    assert page.input_value("[name='location-accuracy_m']") == "80.0"
    assert page.input_value("[name='location-lat']") == "18.7962000"
    assert page.input_value("[name='location-captured_at']").endswith("+08:00")


def test_start_page_proposes_the_server_twins_visiting_order(
    fresh_phone, live_app, worker
):
    from fieldapp.models import Household

    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    section = page.locator("#visits")
    expect(section).to_have_attribute("data-visits-state", "shown")
    here = (WANNING["latitude"], WANNING["longitude"])
    with live_app.app_context():
        from fieldapp.extensions import db

        homes = {
            h.uuid: (h.lat, h.lon)
            for h in db.session.query(Household).filter_by(town_code="469006100")
            if h.lat is not None
        }
        db.session.remove()
    nearest = sorted(homes, key=lambda u: (distance_m(*here, *homes[u]), u))[:10]
    expected = nearest_neighbour_route(here, {u: homes[u] for u in nearest})
    shown = section.locator("[data-visits-route] a").evaluate_all(
        "(links) => links.map((a) => a.dataset.uuid)"
    )
    assert shown == expected
    first_km = section.locator("[data-visits-route] [data-km]").first.get_attribute(
        "data-km"
    )
    assert float(first_km) == round(distance_m(*here, *homes[expected[0]]) / 1000, 1)


def test_the_status_bar_words_an_answer_without_a_message(fresh_phone):
    """A 401 was shown as 服务器返回 401 (after another worker's logout, on a
    shared phone); the server's own message still comes first."""
    page = fresh_phone.context.new_page()
    page.goto("/login")
    shown = page.evaluate(
        """async () => {
            const { errorText } = await import('/static/js/status.js');
            return [401, 403, 404, 413, 429, 502, 418].map((status) =>
                errorText({ status, code: null, message: '' }))
                .concat([errorText({ status: 422, message: '数据校验未通过。' }),
                         errorText({ status: 0, code: 'network', message: 'x' })]);
        }"""
    )
    assert shown == [
        "登录已失效,请重新登录后发送",
        "没有权限发送这一项",
        "服务器上找不到相关的住户或记录",
        "文件太大",
        "服务器繁忙,稍后会自动重试",
        "服务器出错,稍后会自动重试",
        "服务器返回 418",
        "数据校验未通过。",
        "无法连接服务器,联网后会自动重试",
    ]
