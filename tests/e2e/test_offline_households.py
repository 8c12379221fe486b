"""A household registered offline survives a browser restart and is stored once."""

import re

from playwright.sync_api import expect

from fieldapp.models import Household
from tests.e2e.helpers import (
    count_rows,
    expect_pending,
    log_in,
    wait_until_offline_ready,
)
from tests.factories import make_id


def test_household_typed_offline_is_kept_through_restart_and_stored_once(
    kept_phone, live_app, worker
):
    page = kept_phone.open().new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)

    kept_phone.go_offline()
    page.goto("/households/new")
    form = page.locator("form[data-outbox]")
    expect(form).to_have_attribute("data-outbox-ready", "1")
    page.select_option("#town_code", "469006100")
    page.fill("#village", "北大村")
    page.fill("#members-0-name", "黎明")
    page.fill("#members-0-id_number", make_id())
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/households/[0-9a-f-]{36}$"))
    uuid = page.url.rsplit("/", 1)[1]
    expect(page.locator("[data-offline-title]")).to_have_text("黎明")
    expect_pending(page, 1)

    kept_phone.close()
    page = kept_phone.open(offline=True).new_page()
    page.goto("/")
    expect_pending(page, 1)
    assert count_rows(live_app, Household, uuid=uuid) == 0

    kept_phone.go_online()
    expect_pending(page, 0)
    assert count_rows(live_app, Household, uuid=uuid) == 1
