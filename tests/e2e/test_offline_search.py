"""With no signal, the start page searches the households kept on the phone: a
household beyond the server's first page of 20 is found by name, village or the
last four characters of an ID number, and opens from the cache."""

import itertools
from datetime import date

import pytest
from playwright.sync_api import expect

from fieldapp.extensions import db
from tests.e2e.conftest import PASSWORD
from tests.e2e.helpers import log_in, wait_until_offline_ready
from tests.factories import household_payload, make_id, member_payload

pytestmark = pytest.mark.e2e
# A town no other browser test fills, so the first page is only this test's.
TOWN = "469006106"
_names = itertools.count(1)


@pytest.fixture(scope="module")
def crowded(live_app):
    """A worker of a town of 25 households, made once for this module's tests:
    the one in 竹林村 sorts after the 24 in 东岭村, so it is not on the start
    page's first page of 20. The username, that household's uuid and its head's
    ID number."""
    from fieldapp.services.accounts import create_user
    from fieldapp.services.households import create_household

    with live_app.app_context():
        name = f"search-worker-{next(_names)}"
        user = create_user(name, PASSWORD, "inspector", [TOWN])
        for n in range(24):
            head = member_payload(name=f"符{n}号", id_number=make_id(date(1950, 1, 1)))
            create_household(household_payload(TOWN, members=[head]), user)
        id_number = make_id(date(1961, 7, 9))
        head = member_payload(name="黎秋菊", id_number=id_number)
        payload = household_payload(TOWN, village="竹林村", members=[head])
        create_household(payload, user)
        db.session.remove()
    return name, payload["uuid"], id_number


def rows(page):
    return page.locator("#household-list a[data-uuid]")


def offline_start_page(fresh_phone, username):
    """The worker's start page, logged in and kept, opened without signal."""
    page = fresh_phone.context.new_page()
    log_in(page, username)
    wait_until_offline_ready(page)
    fresh_phone.go_offline()
    page.goto("/")
    return page


def search(page, text):
    page.fill("#q", text)
    page.click("form[data-offline-search] button[type=submit]")


def test_a_household_past_the_first_page_is_found_and_opened_offline(
    fresh_phone, crowded
):
    username, household, _id_number = crowded
    page = offline_start_page(fresh_phone, username)
    expect(rows(page)).to_have_count(20)
    expect(page.locator(f"#household-list a[data-uuid='{household}']")).to_have_count(0)

    search(page, "竹林")
    expect(rows(page)).to_have_count(1)
    found = rows(page).first
    expect(found).to_have_attribute("data-uuid", household)
    expect(found).to_contain_text("黎秋菊")
    expect(found).to_contain_text("竹林村")
    expect(found).to_contain_text("1 人")
    expect(page.locator("[data-household-total]")).to_contain_text("找到 1 户")
    assert page.url.endswith("/?q=%E7%AB%B9%E6%9E%97&town=")

    # The address keeps the search: reloading without signal shows it again.
    page.reload()
    expect(rows(page)).to_have_count(1)
    expect(page.locator("#q")).to_have_value("竹林")

    rows(page).first.click()
    page.wait_for_url(f"**/households/{household}")
    expect(page.locator("[data-offline-title]")).to_have_text("黎秋菊")


def test_offline_search_by_name_and_id_tail_and_nothing_found(fresh_phone, crowded):
    username, household, id_number = crowded
    page = offline_start_page(fresh_phone, username)

    search(page, "秋菊")
    expect(rows(page)).to_have_count(1)
    search(page, id_number[-4:])
    expect(page.locator(f"#household-list a[data-uuid='{household}']")).to_have_count(1)
    # The hidden digits are never searched: the birth date finds nobody.
    search(page, id_number[6:10])
    expect(rows(page)).to_have_count(0)
    expect(page.locator("[data-household-total]")).to_contain_text("没有找到")
    search(page, "符1")
    # 符1号 and 符10号 … 符19号: the 11 households named so.
    expect(rows(page)).to_have_count(11)


def test_online_the_server_still_searches(fresh_phone, crowded):
    username, household, _id_number = crowded
    page = fresh_phone.context.new_page()
    log_in(page, username)
    wait_until_offline_ready(page)
    search(page, "竹林")
    page.wait_for_url("**/?q=*")
    expect(rows(page)).to_have_count(1)
    expect(page.locator("[data-household-total]")).to_have_text("共 1 户")
    assert (
        page.locator("form[data-offline-search]").get_attribute("data-searched-offline")
        is None
    )
